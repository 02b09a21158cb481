/**
 * Parameters a fix leaves without a use: after the retry by recursion is removed, its
 * counter (`tries`, `attempt`) is read by nothing. Removing a parameter changes the
 * function's signature, so it is done only when every caller is in this file and is
 * changed with it: a function nobody outside the file can reach (not exported; in Python a
 * leading-underscore or nested function; a private method), every use of its name a call
 * whose arguments can be read (no spread), the argument dropped side-effect free.
 */
import type { Node } from '../parse/treeSitter';
import type { Span } from '../parse/span';
import type { FixFile } from './file';
import type { TextEdit } from './types';

/** What became of the parameters the edits leave unused. */
export type UnusedParameters =
  { removed: string[]; edits: TextEdit[] } | { kept: string[]; reason: string } | undefined;

const JS_FUNCTIONS =
  /^(?:function_declaration|generator_function_declaration|function_expression|function|arrow_function|method_definition)$/;

/** The innermost function around `at`. */
function enclosingFunction(root: Node, at: number): Node | undefined {
  for (let n: Node | null = root.descendantForIndex(at); n; n = n.parent) {
    if (n.type === 'function_definition' || JS_FUNCTIONS.test(n.type)) {
      return n;
    }
  }
  return undefined;
}

function wordRe(name: string): RegExp {
  return new RegExp(`(?<![\\w$#])${name.replace(/[$#]/g, '\\$&')}(?![\\w$])`, 'g');
}

function inside<T extends Span>(start: number, end: number, spans: readonly T[]): T | undefined {
  return spans.find((s) => start >= s.start && end <= s.end);
}

/** A parameter's own name, or undefined when it is not a plain (optionally typed or defaulted) name. */
function paramName(file: FixFile, p: Node): Node | undefined {
  const named = (n: Node | null | undefined): Node | undefined => (n?.type === 'identifier' ? n : undefined);
  switch (p.type) {
    case 'identifier':
      return p;
    case 'default_parameter':
    case 'typed_default_parameter':
      return named(p.childForFieldName('name'));
    case 'typed_parameter':
      return named(p.namedChild(0));
    case 'assignment_pattern':
      return file.python ? undefined : named(p.childForFieldName('left'));
    case 'required_parameter':
    case 'optional_parameter':
      // Not a constructor's parameter property (`private n: number`).
      return p.namedChildren.some(
        (c) => c?.type === 'accessibility_modifier' || c?.type === 'override_modifier',
      )
        ? undefined
        : named(p.childForFieldName('pattern'));
    default:
      return undefined;
  }
}

/** Where a Python function is defined: its decorators and the class or function around it. */
function pyPlace(fn: Node): { decorators: string[]; owner: Node | null | undefined } {
  const decorated = fn.parent?.type === 'decorated_definition' ? fn.parent : undefined;
  return {
    decorators: decorated?.namedChildren.filter((c) => c?.type === 'decorator').map((d) => d!.text) ?? [],
    owner: fn.parent?.type === 'block' ? fn.parent.parent : decorated?.parent?.parent,
  };
}

/** 1 for a Python method's `self` or `cls` (bound by the call, never passed), else 0. */
function receivers(file: FixFile, fn: Node): number {
  const { decorators, owner } = file.python ? pyPlace(fn) : { decorators: [], owner: undefined };
  return owner?.type === 'class_definition' && !decorators.includes('@staticmethod') ? 1 : 0;
}

/**
 * The name of a function nobody outside the file can reach, the class around it when it is
 * a method (its calls are member calls inside that class), and how many leading parameters
 * calls skip; or why others may reach it.
 */
function callable(
  file: FixFile,
  fn: Node,
): { name: Node; method?: Node; skip: number } | { why: string } | undefined {
  if (file.python) {
    const name = fn.childForFieldName('name');
    if (!name) return undefined;
    const { decorators, owner } = pyPlace(fn);
    const method = owner?.type === 'class_definition';
    const nested = owner?.type === 'function_definition';
    if (decorators.some((d) => !/^@(?:staticmethod|classmethod)$/.test(d))) {
      return { why: `\`${name.text}\` is decorated` };
    }
    const isPrivate = /^_(?!_\w*__$)/.test(name.text);
    if (!nested && !isPrivate) {
      return {
        why: method
          ? `\`${name.text}\` is a public method`
          : `\`${name.text}\` may be called from other modules`,
      };
    }
    return { name, method: method ? owner : undefined, skip: receivers(file, fn) };
  }
  if (fn.type === 'method_definition') {
    const name = fn.childForFieldName('name');
    if (!name) return undefined;
    const isPrivate =
      name.type === 'private_property_identifier' ||
      fn.namedChildren.some((c) => c?.type === 'accessibility_modifier' && c.text === 'private');
    const owner = fn.parent?.parent ?? undefined;
    return isPrivate ? { name, method: owner, skip: 0 } : { why: `\`${name.text}\` is a public method` };
  }
  let decl: Node | null = fn;
  let name = fn.childForFieldName('name');
  if (fn.type === 'arrow_function' || fn.type === 'function_expression' || fn.type === 'function') {
    decl = fn.parent?.type === 'variable_declarator' ? fn.parent : null;
    name = decl?.childForFieldName('name') ?? null;
    decl = decl?.parent ?? null;
  }
  if (!decl || name?.type !== 'identifier') return undefined;
  if (decl.parent?.type === 'export_statement') {
    return { why: `\`${name.text}\` is exported` };
  }
  return { name, skip: 0 };
}

/** The call whose callee is the identifier (or member/attribute property) at `id`, if it is one. */
function callOf(file: FixFile, id: Node, method: boolean): Node | undefined {
  let callee: Node | null = id;
  if (method) {
    const access = id.parent;
    const field = file.python ? 'attribute' : 'property';
    if (
      !access ||
      !/^(?:member_expression|attribute)$/.test(access.type) ||
      access.childForFieldName(field)?.id !== id.id
    ) {
      return undefined;
    }
    callee = access;
  }
  const call = callee.parent;
  return call &&
    /^(?:call|call_expression)$/.test(call.type) &&
    call.childForFieldName('function')?.id === callee.id
    ? call
    : undefined;
}

/**
 * The edits removing the items at `drop` from a comma-separated list (parameters or
 * arguments) between the brackets `list`: each run of dropped items goes with the comma
 * after it, or, at the end, with the comma before it; all of them, with everything inside.
 */
function removeItems(list: Node, items: readonly Node[], drop: ReadonlySet<number>): TextEdit[] {
  if (drop.size === items.length) {
    return [{ start: list.startIndex + 1, end: list.endIndex - 1, newText: '' }];
  }
  const out: TextEdit[] = [];
  for (let i = 0; i < items.length; i++) {
    if (!drop.has(i)) continue;
    let j = i;
    while (drop.has(j + 1)) j++;
    out.push(
      j + 1 < items.length
        ? { start: items[i].startIndex, end: items[j + 1].startIndex, newText: '' }
        : { start: items[i - 1].endIndex, end: items[j].endIndex, newText: '' },
    );
    i = j;
  }
  return out;
}

/** An argument that can be dropped without dropping an effect: names, literals, arithmetic. */
function pureArgument(arg: Node): boolean {
  return !/[(=]|\+\+|--|\bawait\b|\byield\b|\bnew\b/.test(arg.text.replace(/^\w+\s*=(?!=)/, ''));
}

/**
 * The parameters of the function around `at` that `edits` leave unused (a name read only
 * in what the edits replace), removed with the matching argument of every call in the
 * file when the function is private to it; else kept, with the reason. Undefined when
 * the edits orphan no parameter.
 */
export function unusedParameters(file: FixFile, at: number, edits: readonly TextEdit[]): UnusedParameters {
  const fn = enclosingFunction(file.root, at);
  const list = fn?.childForFieldName('parameters');
  if (!fn || !list) return undefined;
  const replaced = edits.filter((e) => e.end > e.start);
  const inserted = edits.map((e) => e.newText).join('\n');
  const params = list.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
  const orphaned = new Set<number>();
  params.forEach((p, i) => {
    const name = i < receivers(file, fn) ? undefined : paramName(file, p);
    if (!name || wordRe(name.text).test(inserted)) return;
    const uses = [...file.text.slice(fn.startIndex, fn.endIndex).matchAll(wordRe(name.text))]
      .map((m) => fn.startIndex + (m.index ?? 0))
      .filter((o) => o !== name.startIndex);
    if (uses.length && uses.every((o) => inside(o, o + name.text.length, replaced))) {
      orphaned.add(i);
    }
  });
  if (!orphaned.size) return undefined;
  const names = [...orphaned].map((i) => paramName(file, params[i])!.text);
  const kept = (reason: string): UnusedParameters => ({ kept: names, reason });
  if (params.some((p) => !paramName(file, p))) {
    return kept('the parameter list has more than plain names');
  }
  if (!file.python && /\barguments\b/.test(fn.text)) {
    return kept('the function reads `arguments`');
  }
  const target = callable(file, fn);
  if (!target) return kept('the function has no name to find its callers by');
  if ('why' in target) return kept(target.why);
  const out: TextEdit[] = removeItems(list, params, orphaned);
  for (const o of file.src.wordOffsets(target.name.text)) {
    if (o === target.name.startIndex) continue;
    const id = file.root.descendantForIndex(o, o + target.name.text.length);
    const call = id && callOf(file, id, target.method !== undefined);
    if (!call) return kept(`\`${target.name.text}\` is used other than by calls`);
    const cls = target.method;
    if (cls && (call.startIndex < cls.startIndex || call.endIndex > cls.endIndex)) {
      return kept(`\`${target.name.text}\` is called outside its class`);
    }
    const gone = inside(call.startIndex, call.endIndex, replaced);
    if (gone) {
      if (wordRe(target.name.text).test(gone.newText)) {
        return kept('a call is rewritten by the fix');
      }
      continue;
    }
    if (replaced.some((e) => e.start < call.endIndex && call.startIndex < e.end)) {
      return kept('a call is rewritten by the fix');
    }
    const args = call.childForFieldName('arguments');
    if (!args || args.type === 'generator_expression') return kept('a call passes a generator');
    const items = args.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
    if (items.some((a) => /splat|spread/.test(a.type))) {
      return kept('a call spreads its arguments');
    }
    const drop = new Set<number>();
    items.forEach((a, k) => {
      if (a.type === 'keyword_argument') {
        const i = params.findIndex((p) => paramName(file, p)?.text === a.childForFieldName('name')?.text);
        if (orphaned.has(i)) drop.add(k);
      } else if (orphaned.has(k + target.skip)) {
        drop.add(k);
      }
    });
    if ([...drop].some((k) => !pureArgument(items[k]))) {
      return kept('a call computes the argument');
    }
    out.push(...removeItems(args, items, drop));
  }
  return { removed: names, edits: out };
}
