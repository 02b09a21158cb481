import type { Node } from '../parse/treeSitter';
import type { OffsetRange } from './types';

/** Node types that start a new function scope (JS/TS and Python). */
export const FUNCTION_TYPES = new Set([
  'function_declaration',
  'generator_function_declaration',
  'function_expression',
  'function',
  'generator_function',
  'arrow_function',
  'method_definition',
  'function_definition',
  'lambda',
]);

/** Loop statements (JS/TS and Python). */
export const LOOP_TYPES = new Set(['for_statement', 'for_in_statement', 'while_statement', 'do_statement']);

/** Comprehensions (Python). */
export const COMPREHENSION_TYPES = new Set([
  'list_comprehension',
  'generator_expression',
  'set_comprehension',
  'dictionary_comprehension',
]);

const WRAPPER_TYPES = new Set([
  'parenthesized_expression',
  'await_expression',
  'await',
  'non_null_expression',
  'as_expression',
  'satisfies_expression',
  'type_assertion',
]);

/** The half-open offset range of a node. */
export function rangeOf(node: Node): OffsetRange {
  return { start: node.startIndex, end: node.endIndex };
}

/** Whether `inner` lies within `outer` (by offsets). */
export function contains(outer: Node | OffsetRange, inner: Node | OffsetRange): boolean {
  const os = 'startIndex' in outer ? outer.startIndex : outer.start;
  const oe = 'endIndex' in outer ? outer.endIndex : outer.end;
  const is = 'startIndex' in inner ? inner.startIndex : inner.start;
  const ie = 'endIndex' in inner ? inner.endIndex : inner.end;
  return os <= is && ie <= oe;
}

/** Whether two nodes are the same node. */
export function same(a: Node | null | undefined, b: Node | null | undefined): boolean {
  return !!a && !!b && a.startIndex === b.startIndex && a.endIndex === b.endIndex && a.typeId === b.typeId;
}

/** Strips parentheses, `await`, TS non-null and type assertions. */
export function unwrap(node: Node | null): Node | null {
  let n = node;
  while (n && WRAPPER_TYPES.has(n.type)) {
    const inner: Node | null =
      n.type === 'parenthesized_expression' || n.type === 'await_expression' || n.type === 'await'
        ? firstNamedChild(n)
        : (n.childForFieldName('expression') ?? firstNamedChild(n));
    if (!inner || same(inner, n)) {
      break;
    }
    n = inner;
  }
  return n;
}

/** The first named child that is not a comment. */
export function firstNamedChild(node: Node): Node | null {
  for (const child of node.namedChildren) {
    if (child && child.type !== 'comment') {
      return child;
    }
  }
  return null;
}

/** Named children without comments. */
export function namedChildren(node: Node | null): Node[] {
  const out: Node[] = [];
  if (!node) {
    return out;
  }
  for (const child of node.namedChildren) {
    if (child && child.type !== 'comment') {
      out.push(child);
    }
  }
  return out;
}

/** Whether a node is a call (JS `call_expression`, Python `call`). */
export function isCall(node: Node | null | undefined): boolean {
  return !!node && (node.type === 'call_expression' || node.type === 'call');
}

/** Whether a node is a member access (JS `member_expression`, Python `attribute`). */
export function isMember(node: Node | null | undefined): boolean {
  return !!node && (node.type === 'member_expression' || node.type === 'attribute');
}

/** The object of a member access. */
export function memberObject(node: Node | null | undefined): Node | null {
  return node ? node.childForFieldName('object') : null;
}

/** The property name of a member access. */
export function memberProperty(node: Node | null | undefined): Node | null {
  return node ? node.childForFieldName(node.type === 'attribute' ? 'attribute' : 'property') : null;
}

/** The callee of a call (or the constructor of `new`). */
export function callee(call: Node | null | undefined): Node | null {
  return call ? call.childForFieldName(call.type === 'new_expression' ? 'constructor' : 'function') : null;
}

/** The argument list node of a call (JS `arguments`, Python `argument_list`), if any. */
export function argumentList(call: Node | null | undefined): Node | null {
  return call ? call.childForFieldName('arguments') : null;
}

/** Positional arguments (JS: all; Python: those that are not keyword arguments or splats). */
export function positionalArgs(call: Node | null | undefined): Node[] {
  const args = argumentList(call);
  if (!args) {
    return [];
  }
  if (args.type === 'generator_expression') {
    return [args];
  }
  return namedChildren(args).filter((a) => a.type !== 'keyword_argument' && a.type !== 'dictionary_splat');
}

/** The dotted text of a callee or member chain, e.g. `asyncio.gather`, `this.client`; '' for other shapes. */
export function dottedName(node: Node | null, text: string): string {
  const n = unwrap(node);
  if (!n) {
    return '';
  }
  switch (n.type) {
    case 'identifier':
    case 'property_identifier':
    case 'private_property_identifier':
    case 'type_identifier':
    case 'shorthand_property_identifier':
      return text.slice(n.startIndex, n.endIndex);
    case 'this':
      return 'this';
    case 'member_expression':
    case 'attribute': {
      const obj = memberObject(n);
      const prop = memberProperty(n);
      const left = dottedName(obj, text);
      return left && prop ? `${left}.${text.slice(prop.startIndex, prop.endIndex)}` : '';
    }
    default:
      return '';
  }
}

/** The last segment of a dotted callee name (`gather` for `asyncio.gather`). */
export function lastSegment(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot === -1 ? name : name.slice(dot + 1);
}

/** The value of a string literal (JS string, template without substitutions, Python string), else undefined. */
export function stringValue(node: Node | null, text: string): string | undefined {
  if (!node) {
    return undefined;
  }
  const raw = text.slice(node.startIndex, node.endIndex);
  if (node.type === 'string') {
    const m = /^[rRbBuUfF]{0,2}('''|"""|'|")([\s\S]*)\1$/.exec(raw);
    return m ? m[2] : undefined;
  }
  if (node.type === 'template_string') {
    return raw.includes('${') ? undefined : raw.slice(1, -1);
  }
  return undefined;
}

/** The value of a numeric literal (`64000`, `64_000`, `6.4e4`, `0x10`), else undefined. */
export function numberValue(node: Node | null, text: string): number | undefined {
  const n = unwrap(node);
  if (!n || (n.type !== 'number' && n.type !== 'integer' && n.type !== 'float')) {
    return undefined;
  }
  const raw = text
    .slice(n.startIndex, n.endIndex)
    .replace(/_/g, '')
    .replace(/[nlLjJ]$/, '');
  const value = Number(raw);
  return Number.isFinite(value) ? value : undefined;
}

/** The enclosing function of a node (not the node itself), or null at top level. */
export function enclosingFunction(node: Node): Node | null {
  for (let n = node.parent; n; n = n.parent) {
    if (FUNCTION_TYPES.has(n.type)) {
      return n;
    }
  }
  return null;
}

/** The name a function is known by in its file: its own name, or the variable/property it is assigned to. */
export function functionName(fn: Node, text: string): string | undefined {
  const own = fn.childForFieldName('name');
  if (own) {
    return text.slice(own.startIndex, own.endIndex);
  }
  const parent = fn.parent;
  if (!parent) {
    return undefined;
  }
  switch (parent.type) {
    case 'variable_declarator':
    case 'public_field_definition':
    case 'field_definition': {
      const name = parent.childForFieldName('name') ?? parent.childForFieldName('property');
      return name ? text.slice(name.startIndex, name.endIndex) : undefined;
    }
    case 'pair': {
      const key = parent.childForFieldName('key');
      return key ? (stringValue(key, text) ?? text.slice(key.startIndex, key.endIndex)) : undefined;
    }
    case 'assignment_expression':
    case 'assignment': {
      const name = lastSegment(dottedName(parent.childForFieldName('left'), text));
      return name || undefined;
    }
    default:
      return undefined;
  }
}

/** A literal key/value entry in an object literal or keyword-argument list. */
export interface ParamEntry {
  name: string;
  /** The whole entry (`pair`, `keyword_argument`, or shorthand identifier). */
  entry: Node;
  key: Node;
  value: Node;
}

/** The literal entries of a JS object literal, Python dict literal, or Python call's keyword arguments. */
export interface ParamSet {
  /** The object/dict literal or argument list; null when the params are not literal. */
  node: Node | null;
  entries: Map<string, ParamEntry>;
  /** True when a spread, `**kwargs`, computed key or non-literal argument may add entries. */
  open: boolean;
}

const EMPTY: ParamSet = { node: null, entries: new Map(), open: true };

/** Reads the entries of a JS object literal or Python dictionary literal. */
export function objectParams(node: Node | null, text: string): ParamSet {
  const obj = unwrap(node);
  if (!obj || (obj.type !== 'object' && obj.type !== 'dictionary')) {
    return EMPTY;
  }
  const entries = new Map<string, ParamEntry>();
  let open = false;
  for (const child of namedChildren(obj)) {
    switch (child.type) {
      case 'pair': {
        const key = child.childForFieldName('key');
        const value = child.childForFieldName('value');
        if (!key || !value) {
          open = true;
          break;
        }
        let name: string | undefined;
        if (obj.type === 'dictionary') {
          name = stringValue(key, text);
        } else if (key.type === 'property_identifier' || key.type === 'number') {
          name = text.slice(key.startIndex, key.endIndex);
        } else {
          name = stringValue(key, text);
        }
        if (name === undefined) {
          open = true;
        } else {
          entries.set(name, { name, entry: child, key, value });
        }
        break;
      }
      case 'shorthand_property_identifier': {
        const name = text.slice(child.startIndex, child.endIndex);
        entries.set(name, { name, entry: child, key: child, value: child });
        break;
      }
      case 'method_definition':
        break;
      default:
        // spread_element, dictionary_splat, computed keys, errors: anything may be in there.
        open = true;
    }
  }
  return { node: obj, entries, open };
}

/** Reads the keyword arguments of a Python call. */
export function keywordParams(call: Node, text: string): ParamSet {
  const args = argumentList(call);
  if (!args || args.type !== 'argument_list') {
    return { node: args, entries: new Map(), open: !!args };
  }
  const entries = new Map<string, ParamEntry>();
  let open = false;
  for (const child of namedChildren(args)) {
    if (child.type === 'keyword_argument') {
      const key = child.childForFieldName('name');
      const value = child.childForFieldName('value');
      if (key && value) {
        const name = text.slice(key.startIndex, key.endIndex);
        entries.set(name, { name, entry: child, key, value });
      }
    } else if (child.type === 'dictionary_splat' || child.type === 'list_splat' || child.type === 'ERROR') {
      open = true;
    }
  }
  return { node: args, entries, open };
}

/** The params of a call: JS first argument (object literal), Python keyword arguments. */
export function callParams(call: Node, text: string, python: boolean, index = 0): ParamSet {
  if (python) {
    return keywordParams(call, text);
  }
  const arg = positionalArgs(call)[index];
  return arg ? objectParams(arg, text) : { node: null, entries: new Map(), open: false };
}
