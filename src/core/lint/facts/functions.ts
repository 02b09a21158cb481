import type { Node } from '../../parse/treeSitter';
import type { FileContext } from '../context';
import { contains, FUNCTION_TYPES, kind, unwrap, up, endOf } from '../syntax';

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
      const id = ctx.nodeAt(at);
      const fn = id ? definedFunction(id) : null;
      if (
        fn &&
        !out.some((f) => f.startIndex === fn.startIndex) &&
        ctx.calls.some((c) => contains(fn, c.node))
      ) {
        out.push(fn);
      }
    }
    return out;
  });
}

/**
 * The values assigned to a plain name between two offsets (`name = value`,
 * `const name: T = value`), outermost expression first, in text order.
 */
export function assignedValues(ctx: FileContext, name: string, from: number, to: number): Node[] {
  const out: Node[] = [];
  const esc = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`(?:^|[^\\w$.])${esc}\\s*(?::[^=\\n]*)?=(?![=>])\\s*`, 'g');
  for (const m of ctx.scan(re, from, to)) {
    const valueStart = m.index + m[0].length;
    let value = ctx.nodeAt(valueStart);
    for (let p = up(value); p && p.startIndex === valueStart && endOf(p) <= to; p = up(value)) {
      value = p;
    }
    if (value && value.startIndex === valueStart) {
      out.push(value);
    }
  }
  return out;
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
  const t = kind(id);
  if (t !== 'identifier' && t !== 'property_identifier' && t !== 'private_property_identifier') {
    return null;
  }
  const parent = up(id);
  if (!parent) {
    return null;
  }
  const pt = kind(parent);
  if (
    NAMED_FUNCTIONS.has(pt) ||
    (namedExpressions && (pt === 'function_expression' || pt === 'generator_function'))
  ) {
    return parent.childForFieldName('name')?.startIndex === id.startIndex ? parent : null;
  }
  if (HOLDERS.has(pt)) {
    const nameNode =
      parent.childForFieldName('name') ??
      parent.childForFieldName('key') ??
      parent.childForFieldName('left') ??
      parent.childForFieldName('property');
    if (nameNode?.startIndex !== id.startIndex) {
      return null;
    }
    const value = unwrap(parent.childForFieldName('value') ?? parent.childForFieldName('right'));
    return value && FUNCTION_TYPES.has(kind(value)) ? value : null;
  }
  return null;
}
