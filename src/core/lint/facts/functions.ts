import type { Node } from '../../parse/treeSitter';
import type { FileContext } from '../context';
import { FUNCTION_TYPES, kind, unwrap, up, endOf } from '../syntax';
import { hasCallWithin } from './calls';

/**
 * Same-file functions named `name` (declarations, methods, functions assigned to a
 * variable, property or field, Python `def`) that contain a Claude call at any depth.
 * Found from the name's occurrences in the text, so only names a rule asks about cost
 * anything. Used to follow a mapped function one level.
 */
export function functionsNamed(ctx: FileContext, name: string): Node[] {
  if (!/^[A-Za-z_$][\w$]*$/.test(name) || ctx.calls.length === 0) {
    return [];
  }
  return ctx.memo(`functions-named:${name}`, () => {
    const out: Node[] = [];
    const text = ctx.text;
    for (const at of ctx.wordsOf(name)) {
      if (!looksLikeDefinition(text, at, name.length, ctx.python)) {
        continue;
      }
      const fn = definedFunctionAt(ctx, at, pastNextChar(text, at + name.length));
      if (fn && !out.some((f) => f.startIndex === fn.startIndex) && hasCallWithin(ctx, fn)) {
        out.push(fn);
      }
    }
    return out;
  });
}

/** What follows a name that is assigned: an optional type, then `=` (not `==` or `=>`). */
const ASSIGNED = /\s*(?::[^=\n]*)?=(?![=>])\s*/y;

/**
 * The values assigned to a plain name between two offsets (`name = value`,
 * `const name: T = value`), outermost expression first, in text order.
 */
export function assignedValues(ctx: FileContext, name: string, from: number, to: number): Node[] {
  const out: Node[] = [];
  // From the name's whole-word occurrences (searched once per file, kept across edits), not a
  // pattern tried at every offset of the range: many rules ask about the same few names.
  for (const at of ctx.wordsOf(name)) {
    if (at > to) {
      break;
    }
    const value = valueAssignedAt(ctx, name, at, from, to);
    if (value) {
      out.push(value);
    }
  }
  return out;
}

/**
 * The last of `assignedValues(ctx, name, from, to)`, or null: read from the name's last
 * occurrences back, so a file assigning the name many times is not read from its start.
 */
export function lastAssignedValue(ctx: FileContext, name: string, from: number, to: number): Node | null {
  const words = ctx.wordsOf(name);
  // (From the last occurrence at or before `to`, found by a binary search: a name used all over
  // a large file is asked about from many places.)
  let lo = 0;
  let hi = words.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (words[mid] <= to) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo - 1; i >= 0 && words[i] >= from; i--) {
    const value = valueAssignedAt(ctx, name, words[i], from, to);
    if (value) {
      return value;
    }
  }
  return null;
}

/** The value assigned at one occurrence of a name (see `assignedValues`), or null. */
function valueAssignedAt(ctx: FileContext, name: string, at: number, from: number, to: number): Node | null {
  const text = ctx.text;
  // (the pattern this replaces needed one character before the name inside the range)
  if (at < from || (at === from && from > 0) || text[at - 1] === '.') {
    return null;
  }
  ASSIGNED.lastIndex = at + name.length;
  const m = ASSIGNED.exec(text);
  const valueStart = m ? ASSIGNED.lastIndex : -1;
  if (!m || valueStart > to) {
    return null;
  }
  let value = ctx.nodeAt(valueStart);
  for (let p = up(value); p && p.startIndex === valueStart && endOf(p) <= to; p = up(value)) {
    value = p;
  }
  return value && value.startIndex === valueStart ? value : null;
}

/**
 * A cheap text test on one occurrence of a name: could it be where a function is defined?
 * `def f(`, `function f(`, `f = ...`, `f: ...`, or a method `f(` at the start of a line
 * (after modifiers). Calls such as `await f(x)` are rejected without touching the tree.
 */
function looksLikeDefinition(text: string, at: number, length: number, python: boolean): boolean {
  let j = at + length;
  while (text[j] === ' ' || text[j] === '\t') {
    j++;
  }
  const next = text[j];
  if (next === '=') {
    return text[j + 1] !== '=' && text[j + 1] !== '>';
  }
  if (next === ':') {
    return !python; // JS property or typed variable; Python's `f: T = ...` is not a def
  }
  if (next !== '(' && next !== '<') {
    return false;
  }
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const prefix = text.slice(lineStart, at).trim();
  return python
    ? /(?:^|\s)def$/.test(prefix)
    : prefix === '' ||
        /(?:^|[\s*])(?:function\s*\*?|async|static|public|private|protected|override|get|set|\*)$/.test(
          prefix,
        );
}

const NAMED_FUNCTIONS = new Set([
  'function_declaration',
  'generator_function_declaration',
  'method_definition',
  'function_definition',
]);
const HOLDERS = new Set([
  'variable_declarator',
  'pair',
  'assignment_expression',
  'assignment',
  'public_field_definition',
  'field_definition',
]);

/**
 * The function a name node defines (`function f`, `def f`, `f() {}`, `const f = () => ...`),
 * or null. `namedExpressions`: the name of a named function expression
 * (`const f = function g() {}` defines `g` too) counts as well.
 */
export function definedFunction(id: Node, namedExpressions = false): Node | null {
  if (!isName(id)) {
    return null;
  }
  const parent = up(id);
  return parent ? definedBy(parent, id.startIndex, namedExpressions) : null;
}

/**
 * `definedFunction` of the name at `at`, where `end` is just past the first character after
 * the name and its blanks (`(`, `<`, `=`, `:`). The smallest node spanning both is most
 * often the definition or its holder itself: when its name is the identifier at `at`, that
 * node is the name's parent, found without `Node.parent` (a walk down from the root in
 * web-tree-sitter). Otherwise the name's parent is read.
 */
export function definedFunctionAt(
  ctx: FileContext,
  at: number,
  end: number,
  namedExpressions = false,
  /** Set to the range of the node whose subtree decided the answer (see `FileContext.derive`). */
  read?: { start: number; end: number },
): Node | null {
  const holder = end > at + 1 && end <= ctx.text.length ? ctx.root.descendantForIndex(at, end) : null;
  if (holder && read) {
    // (The name's parent, read below when the holder is not the definition, lies within it.)
    read.start = holder.startIndex;
    read.end = endOf(holder);
  }
  if (holder) {
    const t = kind(holder);
    const name =
      NAMED_FUNCTIONS.has(t) ||
      (namedExpressions && (t === 'function_expression' || t === 'generator_function'))
        ? holder.childForFieldName('name')
        : HOLDERS.has(t)
          ? holderName(holder)
          : null;
    if (name && name.startIndex === at && isName(name)) {
      return definedBy(holder, at, namedExpressions);
    }
    if (t === 'call_expression' || t === 'call') {
      // A call of the name (`expect(` / `test(` starting a line, which reads like a method):
      // the name's parent is the call, which defines nothing.
      const fn = holder.childForFieldName('function');
      if (fn && fn.startIndex === at && isName(fn)) {
        return null;
      }
    }
  }
  const id = ctx.nodeAt(at);
  if (!holder && read) {
    const parent = id && up(id);
    read.start = parent ? parent.startIndex : 0;
    read.end = parent ? endOf(parent) : ctx.text.length;
  }
  return id ? definedFunction(id, namedExpressions) : null;
}

/** Just past the first non-blank character after a name that ends at `nameEnd`. */
export function pastNextChar(text: string, nameEnd: number): number {
  let j = nameEnd;
  while (text[j] === ' ' || text[j] === '\t') {
    j++;
  }
  return j + 1;
}

function isName(node: Node): boolean {
  const t = kind(node);
  return t === 'identifier' || t === 'property_identifier' || t === 'private_property_identifier';
}

function holderName(holder: Node): Node | null {
  return (
    holder.childForFieldName('name') ??
    holder.childForFieldName('key') ??
    holder.childForFieldName('left') ??
    holder.childForFieldName('property')
  );
}

/** The function defined by the name at `at` whose parent is `parent`, or null. */
function definedBy(parent: Node, at: number, namedExpressions: boolean): Node | null {
  const pt = kind(parent);
  if (
    NAMED_FUNCTIONS.has(pt) ||
    (namedExpressions && (pt === 'function_expression' || pt === 'generator_function'))
  ) {
    return parent.childForFieldName('name')?.startIndex === at ? parent : null;
  }
  if (HOLDERS.has(pt)) {
    if (holderName(parent)?.startIndex !== at) {
      return null;
    }
    const value = unwrap(parent.childForFieldName('value') ?? parent.childForFieldName('right'));
    return value && FUNCTION_TYPES.has(kind(value)) ? value : null;
  }
  return null;
}
