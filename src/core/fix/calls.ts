import type { Node } from '../parse/treeSitter';
import { type EditBuilder, listInsert } from './builder';
import { type FixFile } from './file';
import { pyStatementEnd } from './imports';
import type { Span } from '../parse/span';
import { escapeRegExp } from '../parse/escapeRegExp';
import type { TextEdit } from './types';

/** What fixes need to know about one Claude API call, read from its syntax node. */
export interface CallInfo {
  span: Span;
  /** The `(` of the argument list. */
  open: number;
  method: 'create' | 'stream' | 'batches.create' | 'other';
  /** The receiver as written without white space: `client`, `this.client`, `self.client`. */
  receiver: string;
}

/** The innermost node of one of `types` whose range is exactly `span`. */
export function nodeAtSpan(file: FixFile, span: Span, types: ReadonlySet<string>): Node | undefined {
  let node: Node | null = file.root.descendantForIndex(span.start, Math.max(span.start, span.end - 1));
  while (node && (node.startIndex > span.start || node.endIndex < span.end)) {
    node = node.parent;
  }
  while (node && node.startIndex === span.start && node.endIndex === span.end) {
    if (types.has(node.type)) {
      return node;
    }
    node = node.parent;
  }
  return undefined;
}

const CALL_TYPES = new Set(['call_expression', 'call']);

/** `object.property` (JS member expression, Python attribute): its two parts. */
function memberParts(file: FixFile, node: Node | null): { object: Node; property: string } | undefined {
  if (node?.type !== 'member_expression' && node?.type !== 'attribute') {
    return undefined;
  }
  const object = node.childForFieldName('object');
  const property = node.childForFieldName(node.type === 'attribute' ? 'attribute' : 'property');
  return object && property
    ? { object, property: file.text.slice(property.startIndex, property.endIndex) }
    : undefined;
}

/** Reads the call node `<receiver>.messages.create(...)` (also beta, stream, batches) at a span. */
export function callInfo(file: FixFile, span: Span): CallInfo | undefined {
  const node = nodeAtSpan(file, span, CALL_TYPES);
  const callee = node?.childForFieldName('function');
  const args = node?.childForFieldName('arguments');
  if (!node || !callee || !args || file.text[args.startIndex] !== '(') {
    return undefined;
  }
  // Walk the callee's member chain from the method name back to the receiver.
  const chain: Array<{ object: Node; property: string }> = [];
  for (let m = memberParts(file, callee); m && chain.length < 4; m = memberParts(file, m.object)) {
    chain.push(m);
  }
  const names = chain.map((m) => m.property);
  let method: CallInfo['method'] = 'other';
  let receiver: Node | undefined = chain[0]?.object;
  if ((names[0] === 'create' || names[0] === 'stream') && names[1] === 'messages') {
    method = names[0];
    receiver = names[2] === 'beta' ? chain[2].object : chain[1].object;
  } else if (names[0] === 'create' && names[1] === 'batches' && names[2] === 'messages') {
    method = 'batches.create';
    receiver = names[3] === 'beta' ? chain[3].object : chain[2].object;
  }
  const of = receiver ?? callee;
  return {
    span: { start: node.startIndex, end: node.endIndex },
    open: args.startIndex,
    method,
    receiver: file.text.slice(of.startIndex, of.endIndex).replace(/\s+/g, ''),
  };
}

/** JS: the end of `call` extended through chained method calls (`.finalMessage()`, `.withResponse()`). */
export function jsChainEnd(file: FixFile, end: number): { end: number; methods: string[] } {
  const { src } = file;
  const text = file.text;
  const methods: string[] = [];
  let at = end;
  for (;;) {
    let j = src.nextCode(at);
    if (text.startsWith('?.', j)) {
      j++;
    }
    if (text[j] !== '.' || text.startsWith('...', j)) {
      break;
    }
    const ident = /^\.\s*([\w$]+)/.exec(text.slice(j, j + 200));
    if (!ident) {
      break;
    }
    const paren = src.nextCode(j + ident[0].length);
    if (text[paren] !== '(' || src.match(paren) < 0) {
      break;
    }
    methods.push(ident[1]);
    at = src.match(paren) + 1;
  }
  return { end: at, methods };
}

/** Whether the code in a span uses `await` (a wrapping arrow function must then be async). */
export function usesAwait(file: FixFile, span: Span): boolean {
  return file.src.wordOffsets('await').some((o) => o >= span.start && o < span.end);
}

/** Whether `await` directly precedes the offset. */
export function awaitedAt(file: FixFile, offset: number): boolean {
  const p = file.src.prevCode(offset);
  return p >= 4 && file.text.slice(p - 4, p + 1) === 'await' && !/[\w$]/.test(file.text[p - 5] ?? '');
}

/** Whether the text just before `offset` already wraps it: `name(() => ` or `name.run(async () => `. */
export function wrappedBy(file: FixFile, offset: number, names: string[]): boolean {
  const before = file.text.slice(Math.max(0, offset - 120), offset);
  return names.some((n) =>
    new RegExp(`(?<![\\w$])${escapeRegExp(n)}(?:\\.run)?\\(\\s*(?:async\\s*)?\\(\\)\\s*=>\\s*$`).test(before),
  );
}

/** Python: the enclosing `def` of an offset (by indentation), if any. */
export function pyEnclosingDef(
  file: FixFile,
  offset: number,
): { async: boolean; indent: string } | undefined {
  const { src } = file;
  let indent = src.indentAt(offset);
  for (let p = src.lineStart(offset); p > 0;) {
    p = src.lineStart(p - 1);
    const lineEnd = src.lineEnd(p);
    const line = file.text.slice(p, lineEnd);
    if (line.trim() === '' || src.kinds[p + line.length - line.trimStart().length] !== 0) {
      continue;
    }
    const ws = line.length - line.trimStart().length;
    if (ws < indent.length) {
      indent = line.slice(0, ws);
      const def = /^\s*(async\s+)?def\s/.exec(line);
      if (def) {
        return { async: !!def[1], indent };
      }
      if (ws === 0) {
        return undefined;
      }
    }
  }
  return undefined;
}

/** Python: whether an offset sits inside brackets (a call argument, comprehension, list...). */
export function pyInsideBrackets(file: FixFile, offset: number): boolean {
  const { src } = file;
  for (let i = offset - 1; i >= 0; i--) {
    const c = file.text[i];
    if (src.kinds[i] !== 0) {
      continue;
    }
    const partner = src.partner[i];
    if (')]}'.includes(c) && partner >= 0) {
      i = partner;
    } else if ('([{'.includes(c) && (partner > offset || partner < 0)) {
      return true;
    }
  }
  return false;
}

// ---- the client ------------------------------------------------------------------------------

const JS_CLIENTS = ['Anthropic', 'AnthropicBedrock', 'AnthropicVertex', 'AnthropicFoundry'];
const PY_CLIENTS = [
  'Anthropic',
  'AsyncAnthropic',
  'AnthropicBedrock',
  'AsyncAnthropicBedrock',
  'AnthropicVertex',
  'AsyncAnthropicVertex',
  'AnthropicFoundry',
  'AsyncAnthropicFoundry',
];

/** A client construction: `new Anthropic(...)`, `anthropic.AsyncAnthropic(...)`. */
export interface ClientCtor {
  span: Span;
  /** The `(` of its argument list. */
  open: number;
}

/** The client construction in the same file that a call's receiver refers to, if there is one. */
export function findClient(file: FixFile, receiver: string): ClientCtor | undefined {
  const name = receiver.split('.').pop() ?? receiver;
  const classes = file.python ? PY_CLIENTS : [...JS_CLIENTS, ...jsClientLocals(file)];
  const cls = `(?:[\\w$]+\\.)*(?:${classes.map(escapeRegExp).join('|')})`;
  const inline = new RegExp(`^${file.python ? '' : 'new\\s*'}${cls}\\(`).exec(receiver);
  if (inline) {
    return undefined; // `new Anthropic().messages...`: built inline, nothing to edit separately
  }
  return clientBindings(file, cls).find((b) => b.name === name)?.ctor;
}

/**
 * The client constructions bound to a name, in document order: `name = new Anthropic(...)`
 * (declarations, assignments to a name or a property, class fields) and Python
 * `name = anthropic.Anthropic(...)` / `self.name = ...`. Candidates are located in code and
 * read from their syntax nodes.
 */
function clientBindings(file: FixFile, cls: string): Array<{ name: string; ctor: ClientCtor }> {
  const { src } = file;
  const re = file.python
    ? new RegExp(`(?<![\\w$.])${cls}\\s*\\(`, 'g')
    : new RegExp(`(?<![\\w$])new\\s+${cls}\\s*\\(`, 'g');
  const out: Array<{ name: string; ctor: ClientCtor }> = [];
  for (const m of src.codeMatches(re)) {
    const start = m.index ?? 0;
    const open = start + m[0].length - 1;
    const close = src.match(open);
    const node =
      close > open ? nodeAtSpan(file, { start, end: close + 1 }, file.python ? PY_CTOR : JS_CTOR) : undefined;
    const name = node && boundName(file, node);
    if (node && name) {
      out.push({ name, ctor: { span: { start, end: close + 1 }, open } });
    }
  }
  return out;
}

const JS_CTOR = new Set(['new_expression']);
const PY_CTOR = new Set(['call']);

/** The name a value is bound to when it is the whole right side of a binding. */
function boundName(file: FixFile, value: Node): string | undefined {
  const parent = value.parent;
  const text = (n: Node | null | undefined): string | undefined =>
    n ? file.text.slice(n.startIndex, n.endIndex) : undefined;
  const is = (n: Node | null): boolean => n?.id === value.id;
  switch (parent?.type) {
    case 'variable_declarator':
      return is(parent.childForFieldName('value')) ? identifier(parent.childForFieldName('name')) : undefined;
    case 'public_field_definition':
    case 'field_definition':
      return is(parent.childForFieldName('value'))
        ? text(parent.childForFieldName('name') ?? parent.childForFieldName('property'))
        : undefined;
    case 'required_parameter':
    case 'optional_parameter':
      // `constructor(private client: Anthropic = new Anthropic())`
      return is(parent.childForFieldName('value'))
        ? identifier(parent.childForFieldName('pattern'))
        : undefined;
    case 'assignment_pattern':
    case 'assignment_expression': {
      const left = parent.childForFieldName('left');
      if (!is(parent.childForFieldName('right'))) {
        return undefined;
      }
      return left?.type === 'member_expression' ? text(left.childForFieldName('property')) : identifier(left);
    }
    case 'assignment': {
      const left = parent.childForFieldName('left');
      if (!is(parent.childForFieldName('right'))) {
        return undefined;
      }
      if (left?.type === 'attribute' && text(left.childForFieldName('object')) === 'self') {
        return text(left.childForFieldName('attribute'));
      }
      return identifier(left);
    }
    default:
      return undefined;
  }

  function identifier(n: Node | null): string | undefined {
    return n?.type === 'identifier' ? text(n) : undefined;
  }
}

/** Local names bound to the SDK's client classes by the imports (default import, require). */
function jsClientLocals(file: FixFile): string[] {
  return file.js.imports
    .filter((i) => /^@anthropic-ai\/(?:sdk|bedrock-sdk|vertex-sdk|foundry-sdk)$/.test(i.module))
    .flatMap((i) => [
      i.defaultName ?? '',
      ...i.named.filter((n) => JS_CLIENTS.includes(n.imported)).map((n) => n.local),
    ])
    .filter(Boolean);
}

/**
 * Edits that set the client's retries to at least `to` (`maxRetries` / `max_retries`), or
 * undefined when they already are, or when the options are not a literal we can edit.
 */
export function raiseRetries(file: FixFile, ctor: ClientCtor, to: number): TextEdit | undefined {
  const { src } = file;
  const text = file.text;
  const items = src.items(ctor.open);
  if (file.python) {
    const kw = items.find((i) => /^max_retries\s*=/.test(text.slice(i.start, i.end)));
    if (kw) {
      return setNumber(file, kw, /^max_retries\s*=\s*/, to);
    }
    if (items.some((i) => /^\*\*/.test(text.slice(i.start, i.end)))) {
      return undefined;
    }
    return listInsert(src, ctor.open, [`max_retries=${to}`], 'last');
  }
  if (!items.length) {
    return { start: ctor.open + 1, end: src.match(ctor.open), newText: `{ maxRetries: ${to} }` };
  }
  if (text[items[0].start] !== '{') {
    return undefined;
  }
  const props = src.items(items[0].start);
  const prop = props.find((i) => /^['"]?maxRetries['"]?\s*:/.test(text.slice(i.start, i.end)));
  if (prop) {
    return setNumber(file, prop, /^['"]?maxRetries['"]?\s*:\s*/, to);
  }
  if (props.some((i) => text.startsWith('...', i.start))) {
    // A spread may carry maxRetries; a later key wins, so add it last.
  }
  return listInsert(src, items[0].start, [`maxRetries: ${to}`], 'last');
}

/** Replaces the numeric value of a `key: value` / `key=value` item when it is below `to`. */
function setNumber(file: FixFile, item: Span, key: RegExp, to: number): TextEdit | undefined {
  const textOfItem = file.text.slice(item.start, item.end);
  const m = key.exec(textOfItem);
  if (!m) {
    return undefined;
  }
  const valueStart = item.start + m[0].length;
  const value = file.text.slice(valueStart, item.end).trim();
  const n = Number(value.replace(/_/g, ''));
  if (!/^[\d_]+$/.test(value) || n >= to) {
    return undefined;
  }
  return { start: valueStart, end: valueStart + value.length, newText: String(to) };
}

/** Adds `raiseRetries` to a builder; returns whether there was something to raise. */
export function addRaiseRetries(b: EditBuilder, ctor: ClientCtor, to: number): boolean {
  const edit = raiseRetries(b.file, ctor, to);
  if (edit) {
    b.replace(edit.start, edit.end, edit.newText);
  }
  return !!edit;
}

/**
 * Python: the simple statement or `async with` block around an awaited call, for wrapping
 * in `async with <semaphore>:`. Undefined when the call is not the value of a plain
 * statement (e.g. it sits in a comprehension) or a multi-line string would be re-indented.
 */
export function pyStatementAround(
  file: FixFile,
  call: Span,
): { start: number; end: number; indent: string } | undefined {
  const { src } = file;
  const text = file.text;
  const start = src.lineStart(call.start);
  const prefix = text.slice(start, call.start);
  const indent = src.indentAt(start);
  let end: number;
  if (/^\s*(?:(?:[\w.]+(?:\[[^\]\n]*\])?\s*(?::[^=\n]+)?\s*=\s*)|return\s+)?await\s+$/.test(prefix)) {
    end = src.lineEnd(pyStatementEnd(src, start));
    // The statement must end on the line where the call's expression ends (no `;` tail).
    if (text[pyStatementEnd(src, start)] === ';') {
      return undefined;
    }
  } else if (/^\s*async\s+with\s+$/.test(prefix)) {
    const header = pyStatementEnd(src, start);
    end = src.lineEnd(header);
    for (let p = src.nextLineStart(header); p < text.length; p = src.nextLineStart(p)) {
      const lineEnd = src.lineEnd(p);
      const line = text.slice(p, lineEnd);
      if (line.trim() === '') {
        continue;
      }
      if (src.kinds[p] === 0 && line.length - line.trimStart().length <= indent.length) {
        break;
      }
      end = lineEnd;
    }
  } else {
    return undefined;
  }
  if (pyInsideBrackets(file, start) || src.hasMultilineString(start, end)) {
    return undefined;
  }
  return { start, end, indent };
}
