/**
 * Dead code a fix leaves behind: declarations whose every use the fix removed. An import
 * (or one name of it), a variable declared by a statement of its own, or a function whose
 * only uses sat in the replaced text is removed with the fix, so the fixed file has no
 * unused import or local that the fix orphaned. Conservative: a name that occurs anywhere
 * else in the file (even as a property, or in another scope) is kept, exported and
 * destructured declarations are kept, and a statement is removed only when it owns its lines.
 */
import type { Node } from '../parse/treeSitter';
import type { Span } from '../parse/span';
import { editsOverlap } from './edits';
import type { FixFile } from './file';
import type { TextEdit } from './types';

/** How many rounds of removal may follow each other (a removed helper can orphan another). */
const MAX_ROUNDS = 4;

/**
 * The edits that remove what `edits` orphan, to be applied together with them (never
 * overlapping them). Empty when nothing is orphaned.
 */
export function orphanRemovals(file: FixFile, edits: readonly TextEdit[]): TextEdit[] {
  const out: TextEdit[] = [];
  const checked = new Set<string>();
  let removed: Span[] = edits.filter((e) => e.end > e.start);
  for (let round = 0; round < MAX_ROUNDS && removed.length; round++) {
    const found: TextEdit[] = [];
    for (const name of namesIn(file.root, removed)) {
      if (checked.has(name)) {
        continue;
      }
      const removal = removalFor(file, name, [...edits, ...out, ...found]);
      if (removal) {
        checked.add(name);
        found.push(removal);
      }
    }
    out.push(...found);
    removed = found;
  }
  return settleBlankLines(file, out, edits);
}

/** Whether `offset` lies between the file's top-level statements (where helpers are inserted). */
function betweenTopLevel(root: Node, offset: number): boolean {
  return !root.namedChildren.some((c) => !!c && c.startIndex < offset && offset < c.endIndex);
}

function wordIn(name: string, text: string): boolean {
  return new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`).test(text);
}

/** The identifiers read inside the spans. */
function namesIn(root: Node, spans: readonly Span[]): Set<string> {
  const names = new Set<string>();
  for (const span of spans) {
    const visit = (node: Node): void => {
      if (node.endIndex <= span.start || node.startIndex >= span.end) {
        return;
      }
      if (node.type === 'identifier' && node.startIndex >= span.start && node.endIndex <= span.end) {
        names.add(node.text);
      }
      for (let i = 0; i < node.childCount; i++) {
        const child = node.child(i);
        if (child) {
          visit(child);
        }
      }
    };
    visit(root);
  }
  return names;
}

function inside(offset: number, spans: readonly Span[]): boolean {
  return spans.some((s) => offset >= s.start && offset < s.end);
}

/**
 * Whether the fix orphans `name` declared by `owner`: some occurrence lies in what the fix
 * replaces, every other one lies in `owner`, and no new text uses the name again (a helper
 * inserted between top-level statements cannot see a function's local, so only a
 * module-level declaration counts its uses).
 */
function orphaned(file: FixFile, name: string, owner: Node, edits: readonly TextEdit[]): boolean {
  const replaced = edits.filter((e) => e.end > e.start);
  const occurrences = file.src.wordOffsets(name);
  const left = occurrences.filter((o) => !inside(o, replaced));
  if (left.length === occurrences.length || !left.every((o) => o >= owner.startIndex && o < owner.endIndex)) {
    return false;
  }
  const topLevel = owner.parent?.id === file.root.id || owner.parent?.parent?.id === file.root.id;
  const inserted = edits
    .filter((e) => topLevel || e.end > e.start || !betweenTopLevel(file.root, e.start))
    .map((e) => e.newText)
    .join('\n');
  return !wordIn(name, inserted);
}

/** The removal of `name`'s declaration when the fix orphans it. */
function removalFor(file: FixFile, name: string, edits: readonly TextEdit[]): TextEdit | undefined {
  const replaced = edits.filter((e) => e.end > e.start);
  const first = file.src.wordOffsets(name).find((o) => !inside(o, replaced));
  if (first === undefined) {
    return undefined; // declared in what the fix replaces, if at all
  }
  const id = file.root.descendantForIndex(first, first + name.length);
  if (id?.type !== 'identifier' || id.text !== name) {
    return undefined;
  }
  const target = file.python ? pyDeclaration(id) : jsDeclaration(id);
  if (!target || !orphaned(file, name, target.owner, edits)) {
    return undefined;
  }
  let removal: TextEdit | undefined;
  if (target.item && !target.others.every((other) => orphaned(file, other, target.owner, edits))) {
    removal = removeListItem(file, target.item);
  } else {
    removal = removeStatement(file, target.owner);
  }
  return removal && !editsOverlap([removal], edits) ? removal : undefined;
}

/** A declaring statement; for an import with several names, the item and the other names. */
interface Declaration {
  owner: Node;
  /** The name's own item in a list of imported names, when there are others. */
  item?: Node;
  /** The other names the statement binds (all orphaned too: the whole statement goes). */
  others: string[];
}

/** The statement declaring the identifier `id` (at its declaring position). */
function jsDeclaration(id: Node): Declaration | undefined {
  const parent = id.parent;
  if (!parent) {
    return undefined;
  }
  // import x from 'm' / import * as x from 'm' / import { a as x } from 'm'
  const importStmt = ancestor(id, 'import_statement');
  if (importStmt) {
    const bindings = descendants(importStmt, isJsImportBinding);
    const own = bindings.find((b) => b.startIndex <= id.startIndex && b.endIndex >= id.endIndex);
    if (!own || bindings.length === 1) {
      return own && { owner: importStmt, others: [] };
    }
    const local = (b: Node): string => {
      const ids = descendants(b, (n) => n.type === 'identifier');
      return ids[ids.length - 1]?.text ?? b.text;
    };
    return {
      owner: importStmt,
      // A default or namespace import cannot go alone from a list: only with the whole statement.
      item: own.type === 'import_specifier' ? own : undefined,
      others: bindings.filter((b) => b !== own).map(local),
    };
  }
  // const x = ...; let x; var x = ... (one declarator, a plain name)
  if (parent.type === 'variable_declarator' && parent.childForFieldName('name')?.id === id.id) {
    const stmt = parent.parent;
    if (
      stmt &&
      (stmt.type === 'lexical_declaration' || stmt.type === 'variable_declaration') &&
      stmt.namedChildren.filter((c) => c?.type === 'variable_declarator').length === 1 &&
      !isExported(stmt)
    ) {
      return { owner: stmt, others: [] };
    }
    return undefined;
  }
  // function x(...) { ... }
  if (
    (parent.type === 'function_declaration' || parent.type === 'generator_function_declaration') &&
    parent.childForFieldName('name')?.id === id.id &&
    !isExported(parent)
  ) {
    return { owner: parent, others: [] };
  }
  return undefined;
}

function isJsImportBinding(n: Node): boolean {
  return (
    n.type === 'import_specifier' ||
    n.type === 'namespace_import' ||
    (n.type === 'identifier' && n.parent?.type === 'import_clause')
  );
}

function isExported(node: Node): boolean {
  return node.parent?.type === 'export_statement';
}

function pyDeclaration(id: Node): Declaration | undefined {
  const stmt = ancestor(id, 'import_statement') ?? ancestor(id, 'import_from_statement');
  if (stmt) {
    const names = stmt.childrenForFieldName('name').filter((n): n is Node => !!n);
    // The name an item binds: its alias, else its first identifier (`os` of `import os.path`).
    const bound = (n: Node): Node | null =>
      n.type === 'aliased_import' ? n.childForFieldName('alias') : n.namedChild(0);
    const own = names.find((n) => bound(n)?.id === id.id);
    if (!own) {
      return undefined;
    }
    const others = names.filter((n) => n !== own).map((n) => bound(n)?.text ?? n.text);
    return { owner: stmt, item: others.length ? own : undefined, others };
  }
  const parent = id.parent;
  // x = <value> as a statement of its own
  if (
    parent?.type === 'assignment' &&
    parent.childForFieldName('left')?.id === id.id &&
    parent.parent?.type === 'expression_statement' &&
    parent.parent.namedChildCount === 1
  ) {
    return { owner: parent.parent, others: [] };
  }
  // def x(...): ... (with its decorators)
  if (parent?.type === 'function_definition' && parent.childForFieldName('name')?.id === id.id) {
    return { owner: parent.parent?.type === 'decorated_definition' ? parent.parent : parent, others: [] };
  }
  return undefined;
}

function ancestor(node: Node, type: string): Node | undefined {
  for (let n: Node | null = node.parent; n; n = n.parent) {
    if (n.type === type) {
      return n;
    }
  }
  return undefined;
}

function descendants(node: Node, keep: (n: Node) => boolean): Node[] {
  const out: Node[] = [];
  const visit = (n: Node): void => {
    if (keep(n)) {
      out.push(n);
      return;
    }
    for (let i = 0; i < n.namedChildCount; i++) {
      const c = n.namedChild(i);
      if (c) {
        visit(c);
      }
    }
  };
  visit(node);
  return out;
}

/**
 * Removes a statement with its lines: only when nothing else shares them, and not when it is
 * the only statement of a Python block (that would leave the block empty). A comment on the
 * lines just above goes with it; the blank lines around it are settled afterwards, with
 * the other removals ({@link settleBlankLines}).
 */
function removeStatement(file: FixFile, stmt: Node): TextEdit | undefined {
  const { src } = file;
  const text = file.text;
  let start = src.lineStart(stmt.startIndex);
  const lineEnd = src.lineEnd(stmt.endIndex);
  if (text.slice(start, stmt.startIndex).trim() !== '' || !src.isBlank(stmt.endIndex, lineEnd)) {
    return undefined;
  }
  const block = stmt.parent;
  if (
    file.python &&
    block?.type === 'block' &&
    block.namedChildren.filter((c) => c && c.type !== 'comment').length === 1
  ) {
    return undefined;
  }
  // Comment lines directly above describe the statement — but not above an import (they
  // head the import group) and not the file's opening comment (it describes the file).
  let above = start;
  for (let prev = stmt.previousNamedSibling; prev?.type === 'comment'; prev = prev.previousNamedSibling) {
    const prevLine = src.lineStart(prev.startIndex);
    if (src.nextLineStart(prev.endIndex) !== above || text.slice(prevLine, prev.startIndex).trim() !== '') {
      break;
    }
    above = prevLine;
  }
  if (
    !/import|require/.test(stmt.type + text.slice(stmt.startIndex, stmt.startIndex + 60)) &&
    text.slice(0, above).trim() !== ''
  ) {
    start = above;
  }
  return { start, end: src.nextLineStart(stmt.endIndex), newText: '' };
}

/** Whether `[start, end)` of the text holds only white space. */
function blank(text: string, start: number, end: number): boolean {
  return text.slice(start, end).trim() === '';
}

/** Whether an edit deletes whole lines (from a line start to past a line break, or the text end). */
function deletesLines(file: FixFile, e: TextEdit): boolean {
  return (
    e.newText === '' &&
    e.end > e.start &&
    file.src.lineStart(e.start) === e.start &&
    (e.end === file.text.length || file.text[e.end - 1] === '\n')
  );
}

/**
 * The removals with their blank lines settled, taken together: removals of whole lines with
 * only blank lines between them become one, and the blank lines around it are left as many
 * as the larger run above or below it (so removing `A = 1` and `B = 2` between one blank line
 * and two leaves two, not three): none at the start or end of the file or of a block, at most
 * two between Python's top-level statements (PEP 8) and one inside a Python block. A
 * removal that would then touch the fix's own edits keeps its own lines only.
 */
function settleBlankLines(
  file: FixFile,
  removals: readonly TextEdit[],
  fixEdits: readonly TextEdit[],
): TextEdit[] {
  const text = file.text;
  const lines = removals.filter((e) => deletesLines(file, e)).sort((a, b) => a.start - b.start);
  const out = removals.filter((e) => !lines.includes(e));
  const groups: TextEdit[][] = [];
  for (const e of lines) {
    const group = groups[groups.length - 1];
    const last = group?.[group.length - 1];
    if (last && e.start >= last.end && blank(text, last.end, e.start)) {
      group.push(e);
    } else {
      groups.push([e]);
    }
  }
  for (const group of groups) {
    const settled = settledRemoval(file, group[0].start, group[group.length - 1].end);
    out.push(...(editsOverlap([settled], [...fixEdits, ...out]) ? group : [settled]));
  }
  return out;
}

/** The deletion of the whole lines `[start, end)` leaving the blank lines around them settled. */
function settledRemoval(file: FixFile, start: number, end: number): TextEdit {
  const { src } = file;
  const text = file.text;
  let top = start;
  let above = 0;
  while (top > 0 && blank(text, src.lineStart(top - 1), top)) {
    top = src.lineStart(top - 1);
    above++;
  }
  let bottom = end;
  let below = 0;
  while (bottom < text.length && blank(text, bottom, src.nextLineStart(bottom))) {
    bottom = src.nextLineStart(bottom);
    below++;
  }
  const before = text.slice(0, top).trimEnd();
  const after = text.slice(bottom).trimStart();
  const edge =
    before === '' ||
    after === '' ||
    (file.python ? before.endsWith(':') : before.endsWith('{') || after.startsWith('}'));
  const cap = !file.python ? Infinity : src.indentAt(start) === '' ? 2 : 1;
  const keep = edge ? 0 : Math.min(Math.max(above, below), cap);
  const skip = (from: number, n: number): number => {
    for (let i = 0; i < n; i++) from = src.nextLineStart(from);
    return from;
  };
  return keep <= above
    ? { start: skip(top, keep), end: bottom, newText: '' }
    : { start, end: skip(end, below - (keep - above)), newText: '' };
}

/** Removes one item of a comma-separated list (import names) with its comma. */
function removeListItem(file: FixFile, item: Node): TextEdit {
  const { src } = file;
  const text = file.text;
  const after = src.nextCode(item.endIndex);
  if (text[after] === ',') {
    // `a, b` → `b`: the item, its comma and the space after it.
    let end = after + 1;
    while (end < text.length && (text[end] === ' ' || text[end] === '\t')) {
      end++;
    }
    return { start: item.startIndex, end, newText: '' };
  }
  // The last item: from the comma before it.
  const before = src.prevCode(item.startIndex);
  return { start: text[before] === ',' ? before : item.startIndex, end: item.endIndex, newText: '' };
}
