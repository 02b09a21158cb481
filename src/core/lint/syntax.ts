import type { Node } from '../parse/treeSitter';
import type { Span } from '../parse/span';

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

// Every `Node` property read other than `id`/`startIndex` is a call into wasm (and
// `Node.parent` walks down from the root each time: tree-sitter 0.25 keeps no parent
// pointers). The rules look at the same few nodes many times, so parent, type and end
// are memoised per analysis, keyed by node id (unique within one tree), while
// `withParentCache` runs.
interface NodeMemo {
  /** The text the tree was parsed from (comments are recognised from it without a type read). */
  text: string;
  parent: Map<number, Node | null>;
  type: Map<number, string>;
  end: Map<number, number>;
  /** Named children without comments (see `namedChildren`). */
  named: Map<number, readonly Node[]>;
  /** The root, while whether the text is deeply nested is still to be found out (see `up`). */
  unchecked: Node | undefined;
  /** `Node.parent` reads and node lookups so far. */
  walks: number;
  /**
   * In a deeply nested text, once parents are recorded: the tree's leaves with a width, in
   * text order (they do not overlap), so a lookup by offset is a binary search, not a walk
   * down from the root (see `leafAt`).
   */
  leaves: Node[] | undefined;
  /** The tree being analysed. */
  root: Node | undefined;
}
let memo: NodeMemo | null = null;

/** Bracket or indentation depth past which parents are all recorded up front (see below). */
export const DEEP_NESTING = 64;

/**
 * `Node.parent` reads in one analysis before the text's depth is measured. Most files need
 * none or a few dozen (the real-code bench: median 0, 90th percentile 24), so most analyses
 * never scan the text for its depth; in a deep text, this many walks cost little.
 */
const WALKS_BEFORE_CHECK = 16;

/**
 * Runs `fn` with node property reads memoised (one tree at a time). In a deeply nested
 * text, `Node.parent` costs a walk from the root each time, so rules that look upward
 * from many nodes would take time quadratic in the depth: there, one walk of the tree
 * records every node's parent first, and the analysis stays linear. Whether the text is
 * that deep is measured once the analysis has read a few parents (`up`), or decided up
 * front from `depth`: the text's `nestingDepth` or an upper bound of it (an editor document
 * keeps one across edits, see `depthAfterChange`).
 */
export function withParentCache<T>(text: string, fn: () => T, root?: Node, depth?: number): T {
  const previous = memo;
  memo = {
    text,
    parent: new Map(),
    type: new Map(),
    end: new Map(),
    named: new Map(),
    unchecked: undefined,
    walks: 0,
    leaves: undefined,
    root,
  };
  if (root && depth === undefined) {
    memo.unchecked = root;
  } else if (root && depth !== undefined && depth > DEEP_NESTING) {
    memo.leaves = recordParents(root, memo.parent);
  }
  try {
    return fn();
  } finally {
    memo = previous;
  }
}

/** Character classes `nestingDepth` acts on (0: none). */
const NEST_CLASS = ((): Uint8Array => {
  const t = new Uint8Array(128);
  for (const c of '([{') t[c.charCodeAt(0)] = 1;
  for (const c of ')]}') t[c.charCodeAt(0)] = 2;
  t[61] = 3; // '='
  t[59] = t[44] = 4; // ';' ','
  t[10] = 5; // newline
  return t;
})();

/** The deepest bracket nesting or indentation (in units of two spaces) of a text, linear. */
export function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  // Arrow functions with expression bodies nest without brackets (`async () => async () => …`):
  // a run of arrows in one statement counts as depth too.
  let arrows = 0;
  const n = text.length;
  for (let i = 0; i < n;) {
    // A line: its indentation, then the rest up to its newline (only brackets, `=>`, `;` and `,` count).
    let indent = 0;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 32) indent++;
      else if (c === 9) indent += 4;
      else break;
    }
    if (indent / 2 > max) max = indent / 2;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      const cls = c < 128 ? NEST_CLASS[c] : 0;
      if (cls === 0) {
        continue;
      }
      if (cls === 1) {
        if (++depth + arrows > max) max = depth + arrows;
      } else if (cls === 2) {
        if (depth > 0) depth--;
      } else if (cls === 3) {
        if (text.charCodeAt(i + 1) === 62 && depth + ++arrows > max) max = depth + arrows;
      } else if (cls === 4) {
        arrows = 0;
      } else {
        arrows = 0; // a newline
        i++;
        break;
      }
    }
  }
  return max;
}

/**
 * An upper bound of `nestingDepth` after one change, from a bound before it: the change
 * (`removed` characters replaced by the text now at `from`..`to`) can deepen the bracket
 * nesting by at most one per character inserted or removed, and change the indentation only
 * of the lines it touches, which are measured.
 */
export function depthAfterChange(
  before: number,
  text: string,
  from: number,
  to: number,
  removed: number,
): number {
  let indent = 0;
  for (let i = from > 0 ? text.lastIndexOf('\n', from - 1) + 1 : 0; i <= to;) {
    let width = 0;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 32) width++;
      else if (c === 9) width += 4;
      else break;
    }
    indent = Math.max(indent, width / 2);
    const next = text.indexOf('\n', i);
    if (next === -1) break;
    i = next + 1;
  }
  return Math.max(before + (to - from) + removed, indent);
}

/**
 * The nodes of `types` under `scope` in text order, as `Node.descendantsOfType` gives them, but
 * not below `maxNested` nested nodes of `nestTypes` (a handler in a handler in a handler): a rule
 * that reads each of many nested scopes whole would read the innermost text once per scope
 * around it, time quadratic in the nesting. `skipped` holds the spans left unread.
 */
export function descendantsWithin(
  scope: Node,
  types: ReadonlySet<string>,
  nestTypes: ReadonlySet<string>,
  maxNested: number,
): { nodes: Node[]; skipped: Span[] } {
  const nodes: Node[] = [];
  const skipped: Span[] = [];
  const cursor = scope.walk();
  // Per node on the path below `scope`: whether it is one of `nestTypes`.
  const path: boolean[] = [];
  let nested = 0;
  try {
    for (;;) {
      const type = cursor.nodeType;
      if (path.length > 0 && types.has(type)) {
        nodes.push(cursor.currentNode);
      }
      const nest = path.length > 0 && nestTypes.has(type);
      if (nest && nested >= maxNested) {
        skipped.push({ start: cursor.startIndex, end: cursor.endIndex });
      } else if (cursor.gotoFirstChild()) {
        path.push(nest);
        nested += nest ? 1 : 0;
        continue;
      }
      for (;;) {
        if (path.length === 0) {
          return { nodes, skipped };
        }
        if (cursor.gotoNextSibling()) {
          break;
        }
        cursor.gotoParent();
        nested -= path.pop() ? 1 : 0;
      }
    }
  } finally {
    cursor.delete();
  }
}

/** Records the parent of every node under `root`, in one cursor walk; returns the leaves with a width. */
function recordParents(root: Node, parents: Map<number, Node | null>): Node[] {
  const cursor = root.walk();
  const stack: Node[] = [];
  const leaves: Node[] = [];
  parents.set(root.id, null);
  try {
    for (;;) {
      if (cursor.gotoFirstChild()) {
        stack.push(cursor.currentNode);
        // The parent of this child is the node we came from; record as we go down.
        const parent = stack.length > 1 ? (stack[stack.length - 2] as Node) : root;
        parents.set((stack[stack.length - 1] as Node).id, parent);
        continue;
      }
      const leaf = stack.length > 0 ? stack[stack.length - 1] : root;
      if (cursor.endIndex > cursor.startIndex) leaves.push(leaf);
      for (;;) {
        if (cursor.gotoNextSibling()) {
          stack[stack.length - 1] = cursor.currentNode;
          const parent = stack.length > 1 ? (stack[stack.length - 2] as Node) : root;
          parents.set((stack[stack.length - 1] as Node).id, parent);
          break;
        }
        if (!cursor.gotoParent()) return leaves;
        stack.pop();
      }
    }
  } finally {
    cursor.delete();
  }
}

/**
 * Counts one more walk of the tree from the root and, once there have been a few, measures
 * the text's depth and, when it is deep, records every parent and leaf. Whether they are
 * recorded.
 */
function checkDepth(m: NodeMemo): boolean {
  if (m.unchecked && ++m.walks >= WALKS_BEFORE_CHECK) {
    const root = m.unchecked;
    m.unchecked = undefined;
    if (nestingDepth(m.text) > DEEP_NESTING) {
      m.leaves = recordParents(root, m.parent);
    }
  }
  return m.leaves !== undefined;
}

/**
 * The node `root.descendantForIndex(offset, offset + 1)` returns when that is a leaf, found
 * without walking down from the root: only in a deeply nested text (where that walk costs
 * the depth each time), once its leaves are recorded. `undefined` when not known: ask the
 * tree.
 */
export function leafAt(root: Node, offset: number): Node | undefined {
  if (!memo || memo.root?.id !== root.id || !checkDepth(memo)) {
    return undefined;
  }
  const leaves = memo.leaves as Node[];
  let lo = 0;
  let hi = leaves.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (endOf(leaves[mid]) <= offset) lo = mid + 1;
    else hi = mid;
  }
  const leaf = leaves[lo];
  return leaf && leaf.startIndex <= offset ? leaf : undefined;
}

/** The parent of a node, or null. */
export function up(node: Node | null | undefined): Node | null {
  if (!node) {
    return null;
  }
  if (!memo) {
    return node.parent;
  }
  const cached = memo.parent.get(node.id);
  if (cached !== undefined) {
    return cached;
  }
  if (checkDepth(memo)) {
    const recorded = memo.parent.get(node.id);
    if (recorded !== undefined) {
      return recorded;
    }
  }
  const parent = node.parent;
  memo.parent.set(node.id, parent);
  return parent;
}

/**
 * How many levels a fact climbs above a node to find the loop, try or function it sits in: real
 * code nests a handful; a crafted nest climbed in full from each of its calls costs time
 * quadratic in its depth.
 */
export const MAX_CLIMB = 64;

/** The type of a node. */
export function kind(node: Node): string {
  if (!memo) {
    return node.type;
  }
  let t = memo.type.get(node.id);
  if (t === undefined) {
    t = node.type;
    memo.type.set(node.id, t);
  }
  return t;
}

/** The type of a node, or undefined for none. */
export function kindOf(node: Node | null | undefined): string | undefined {
  return node ? kind(node) : undefined;
}

/** The end offset of a node. */
export function endOf(node: Node): number {
  if (!memo) {
    return node.endIndex;
  }
  let e = memo.end.get(node.id);
  if (e === undefined) {
    e = node.endIndex;
    memo.end.set(node.id, e);
  }
  return e;
}

/** The half-open offset range of a node. */
export function rangeOf(node: Node): Span {
  return { start: node.startIndex, end: endOf(node) };
}

/** Whether `inner` lies within `outer` (by offsets). */
export function contains(outer: Node | Span, inner: Node | Span): boolean {
  const os = 'startIndex' in outer ? outer.startIndex : outer.start;
  const oe = 'endIndex' in outer ? endOf(outer) : outer.end;
  const is = 'startIndex' in inner ? inner.startIndex : inner.start;
  const ie = 'endIndex' in inner ? endOf(inner) : inner.end;
  return os <= is && ie <= oe;
}

/** Whether two nodes are the same node. */
export function same(a: Node | null | undefined, b: Node | null | undefined): boolean {
  return !!a && !!b && a.startIndex === b.startIndex && endOf(a) === endOf(b) && kind(a) === kind(b);
}

/** Strips parentheses, `await`, TS non-null and type assertions. */
export function unwrap(node: Node | null): Node | null {
  let n = node;
  while (n && WRAPPER_TYPES.has(kind(n))) {
    const inner: Node | null =
      kind(n) === 'parenthesized_expression' || kind(n) === 'await_expression' || kind(n) === 'await'
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
  const first = node.firstNamedChild;
  if (first && !isComment(first)) {
    return first;
  }
  for (const child of node.namedChildren) {
    if (child && !isComment(child)) {
      return child;
    }
  }
  return null;
}

/** Named children without comments. */
export function namedChildren(node: Node | null): readonly Node[] {
  if (!node) {
    return NONE;
  }
  // (Memoised like the parent and the type: the rules read the same statements' children many times.)
  let out = memo?.named.get(node.id);
  if (!out) {
    const list: Node[] = [];
    for (const child of node.namedChildren) {
      if (child && !isComment(child)) {
        list.push(child);
      }
    }
    out = list;
    memo?.named.set(node.id, out);
  }
  return out;
}

const NONE: readonly Node[] = [];

/** Whether a node is a comment; read from the text when it is known (no wasm call). */
function isComment(node: Node): boolean {
  if (!memo) {
    return node.type === 'comment';
  }
  const c = memo.text.charCodeAt(node.startIndex);
  // '#' (Python) or '/' followed by '/' or '*' (JS). A regex literal starts with '/' too,
  // but never with '//' or '/*'.
  if (c === 35) {
    return true;
  }
  if (c === 47) {
    const d = memo.text.charCodeAt(node.startIndex + 1);
    return d === 47 || d === 42;
  }
  return false;
}

/** Whether a node is a call (JS `call_expression`, Python `call`). */
export function isCall(node: Node | null | undefined): boolean {
  return !!node && (kind(node) === 'call_expression' || kind(node) === 'call');
}

/** The innermost node of the given kind spanning exactly `start`..`end`, or null. */
export function nodeSpanning(
  root: Node,
  start: number,
  end: number,
  type: (kind: string) => boolean,
): Node | null {
  for (let n: Node | null = root.descendantForIndex(start, end); n; n = up(n)) {
    if (n.startIndex !== start || endOf(n) !== end) {
      return null;
    }
    if (type(kind(n))) {
      return n;
    }
  }
  return null;
}

/** Whether a node is a member access (JS `member_expression`, Python `attribute`). */
export function isMember(node: Node | null | undefined): boolean {
  return !!node && (kind(node) === 'member_expression' || kind(node) === 'attribute');
}

/** The object of a member access. */
export function memberObject(node: Node | null | undefined): Node | null {
  return node ? node.childForFieldName('object') : null;
}

/** The property name of a member access. */
export function memberProperty(node: Node | null | undefined): Node | null {
  return node ? node.childForFieldName(kind(node) === 'attribute' ? 'attribute' : 'property') : null;
}

/** The callee of a call (or the constructor of `new`). */
export function callee(call: Node | null | undefined): Node | null {
  return call ? call.childForFieldName(kind(call) === 'new_expression' ? 'constructor' : 'function') : null;
}

/** The argument list node of a call (JS `arguments`, Python `argument_list`), if any. */
export function argumentList(call: Node | null | undefined): Node | null {
  return call ? call.childForFieldName('arguments') : null;
}

/** Positional arguments (JS: all; Python: those that are not keyword arguments or splats). */
export function positionalArgs(call: Node | null | undefined): readonly Node[] {
  const args = argumentList(call);
  if (!args) {
    return [];
  }
  const k = kind(args);
  if (k === 'generator_expression') {
    return [args];
  }
  const children = namedChildren(args);
  // Only Python argument lists hold keyword arguments and `**` splats.
  return k === 'argument_list'
    ? children.filter((a) => kind(a) !== 'keyword_argument' && kind(a) !== 'dictionary_splat')
    : children;
}

/** The dotted text of a callee or member chain, e.g. `asyncio.gather`, `this.client`; '' for other shapes. */
export function dottedName(node: Node | null, text: string): string {
  const n = unwrap(node);
  if (!n) {
    return '';
  }
  switch (kind(n)) {
    case 'identifier':
    case 'property_identifier':
    case 'private_property_identifier':
    case 'type_identifier':
    case 'shorthand_property_identifier':
      return text.slice(n.startIndex, endOf(n));
    case 'this':
      return 'this';
    case 'member_expression':
    case 'attribute': {
      const obj = memberObject(n);
      const prop = memberProperty(n);
      const left = dottedName(obj, text);
      return left && prop ? `${left}.${text.slice(prop.startIndex, endOf(prop))}` : '';
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
  const raw = text.slice(node.startIndex, endOf(node));
  if (kind(node) === 'string') {
    const m = /^[rRbBuUfF]{0,2}('''|"""|'|")([\s\S]*)\1$/.exec(raw);
    return m ? m[2] : undefined;
  }
  if (kind(node) === 'template_string') {
    return raw.includes('${') ? undefined : raw.slice(1, -1);
  }
  return undefined;
}

/** The value of a numeric literal (`64000`, `64_000`, `6.4e4`, `0x10`), else undefined. */
export function numberValue(node: Node | null, text: string): number | undefined {
  const n = unwrap(node);
  if (!n || (kind(n) !== 'number' && kind(n) !== 'integer' && kind(n) !== 'float')) {
    return undefined;
  }
  const raw = text
    .slice(n.startIndex, endOf(n))
    .replace(/_/g, '')
    .replace(/[nlLjJ]$/, '');
  const value = Number(raw);
  return Number.isFinite(value) ? value : undefined;
}

/** The enclosing function of a node (not the node itself), or null at top level. */
export function enclosingFunction(node: Node): Node | null {
  for (let n = up(node); n; n = up(n)) {
    if (FUNCTION_TYPES.has(kind(n))) {
      return n;
    }
  }
  return null;
}

/** The name a function is known by in its file: its own name, or the variable/property it is assigned to. */
export function functionName(fn: Node, text: string): string | undefined {
  const own = fn.childForFieldName('name');
  if (own) {
    return text.slice(own.startIndex, endOf(own));
  }
  const parent = up(fn);
  if (!parent) {
    return undefined;
  }
  switch (kind(parent)) {
    case 'variable_declarator':
    case 'public_field_definition':
    case 'field_definition': {
      const name = parent.childForFieldName('name') ?? parent.childForFieldName('property');
      return name ? text.slice(name.startIndex, endOf(name)) : undefined;
    }
    case 'pair': {
      const key = parent.childForFieldName('key');
      return key ? (stringValue(key, text) ?? text.slice(key.startIndex, endOf(key))) : undefined;
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

/** `[\w$]`: an ASCII letter or digit, `_` or `$` (NaN, off the text, is none). */
export function isNameChar(code: number): boolean {
  return (
    (code >= 48 && code <= 57) ||
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    code === 95 ||
    code === 36
  );
}

/**
 * The receiver written right before a method's dot at `dot` (blanks between allowed): what the
 * group of `(?<![\w$.])(NAME(?:\.NAME)?)\s*` finds ending there, `NAME` being
 * `[A-Za-z_$][\w$]*`, or with `qualified` 'self-this' of `(?<![\w$.])((?:self\.|this\.)?NAME)\s*`.
 * Read back from the dot, so that a scan can look for the method (a pattern starting at a
 * literal dot) instead of a pattern starting at every name, tried at every offset. Where the
 * receiver starts and its text; undefined when there is none.
 */
export function receiverBefore(
  text: string,
  dot: number,
  qualified: 'any' | 'self-this',
): { index: number; text: string } | undefined {
  let end = dot;
  while (end > 0 && /\s/.test(text[end - 1])) end--;
  const last = nameEndingAt(text, end);
  if (last === -1) {
    return undefined;
  }
  let start = last;
  if (text[last - 1] === '.') {
    const first = nameEndingAt(text, last - 1);
    const word = first === -1 ? '' : text.slice(first, last - 1);
    if (first === -1 || (qualified === 'self-this' && word !== 'self' && word !== 'this')) {
      return undefined;
    }
    start = first;
  }
  return isNameChar(text.charCodeAt(start - 1)) || text[start - 1] === '.'
    ? undefined
    : { index: start, text: text.slice(start, end) };
}

/** The start of the name (`[A-Za-z_$][\w$]*`, read back whole) that ends at `end`, or -1. */
function nameEndingAt(text: string, end: number): number {
  let i = end;
  while (i > 0 && isNameChar(text.charCodeAt(i - 1))) i--;
  const c = text.charCodeAt(i);
  return i < end && !(c >= 48 && c <= 57) ? i : -1;
}
