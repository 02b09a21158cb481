/**
 * naive-retry:
 * - A hand-written loop `for/while { try { <call> } catch { ... } }`: replace the loop by
 *   the body of its `try` and let the SDK retry (raise `maxRetries` where the client is
 *   built in this file) — preferred — or route the call through the backoff helper.
 *   When the loop cannot be unrolled safely: raise the SDK retries, or wrap the call.
 * - A retry library stacked on the SDK's retries: drop the library wrapper and let the SDK
 *   retry (preferred), or keep the library and turn the SDK's retries off.
 */
import type { Finding } from '../../lint/types';
import type { NaiveRetryData } from './data';
import { SDK_RETRIES, raiseRetriesAction, withBackoffAction } from '../../fix/backoff';
import {
  type CallInfo,
  type ClientCtor,
  callInfo,
  findClient,
  raiseRetries,
  usesAwait,
} from '../../fix/calls';
import { EditBuilder } from '../../fix/builder';
import { editsOverlap } from '../../fix/edits';
import { unusedParameters } from '../../fix/parameters';
import { type FixFile } from '../../fix/file';
import { ensurePyBackoff } from '../../fix/pythonTemplates';
import { ensureJsBackoff } from '../../fix/templates';
import { pyStatementEnd } from '../../fix/imports';
import type { Node } from '../../parse/treeSitter';
import type { Span } from '../../parse/span';
import type { FixAction } from '../../fix/types';

export function naiveRetryFixes(file: FixFile, _finding: Finding, data: NaiveRetryData): FixAction[] {
  // A raw HTTP call raises no SDK errors and has no SDK retries: an SDK backoff would never fire.
  // A retry through a helper (`handleRequestError` calls the function again) is not in the
  // handler; a hand-unrolled one is several nested handlers; an imported wrapper's loop is in
  // another file: no rewrite of any of them.
  const info =
    data.http ||
    data.through ||
    data.imported ||
    data.shape === 'unrolled' ||
    data.shape === 'requeue' ||
    data.kind === 'endless-retry-library'
      ? undefined
      : callInfo(file, data.call);
  if (!info) {
    return [];
  }
  const ctor = clientOf(file, data, info);
  const out: FixAction[] =
    data.kind === 'stacked-retry-library'
      ? stackedFixes(file, data, info, ctor)
      : data.shape === 'recursion'
        ? recursionFixes(file, data, info, ctor)
        : data.shape === 'wrapper'
          ? wrapperFixes(file, data, ctor)
          : loopFixes(file, data, info, ctor);
  if (out.length && !out.some((a) => a.isPreferred)) {
    out[0] = { ...out[0], isPreferred: true };
  }
  return out;
}

function clientOf(file: FixFile, data: NaiveRetryData, info: CallInfo): ClientCtor | undefined {
  if (data.client) {
    let end = data.client.end;
    while (end > data.client.start && file.text[end - 1] !== ')') {
      end--;
    }
    const open = file.src.match(end - 1);
    if (open > data.client.start) {
      return { span: data.client, open };
    }
  }
  return findClient(file, info.receiver);
}

// ---- hand-written loops ------------------------------------------------------------------------

/** The loop to replace and the statements of its `try` block. */
interface Unrolled {
  /** Replace from here (a line start) ... */
  start: number;
  /** ... to here (a line end). */
  end: number;
  /** The try block's text, its offset in the file, and the indentation to remove / put. */
  body: string;
  bodyStart: number;
  indent: string;
}

function loopFixes(
  file: FixFile,
  data: NaiveRetryData,
  info: CallInfo,
  ctor: ClientCtor | undefined,
): FixAction[] {
  const out: FixAction[] = [];
  // (A loop that also walks a list keeps the loop: only the call's retries change.)
  const found = data.walksItems
    ? undefined
    : file.python
      ? pyUnroll(file, data, info)
      : jsUnroll(file, data, info);
  const unrolled = found && withDeadTail(file, data, found);
  if (unrolled) {
    if (ctor) {
      const b = new EditBuilder(file);
      b.replace(unrolled.start, unrolled.end, render(file, unrolled, info, undefined));
      const raise = raiseRetries(file, ctor, SDK_RETRIES);
      if (raise) {
        b.replace(raise.start, raise.end, raise.newText);
      }
      out.push({
        id: 'naive-retry.sdk-retries',
        title: `Remove the retry loop; let the SDK retry (${file.python ? 'max_retries=' : 'maxRetries: '}${SDK_RETRIES})`,
        rule: 'naive-retry',
        isPreferred: true,
        safeForFixAll: false,
        edits: b.build(),
      });
    }
    if (info.method !== 'stream' && !usesAwait(file, info.span) && inLoop(data, info)) {
      const b = new EditBuilder(file);
      const awaited = /await\s*$/.test(file.text.slice(Math.max(0, info.span.start - 20), info.span.start));
      const fn = file.python ? ensurePyBackoff(b, awaited) : ensureJsBackoff(b);
      b.replace(unrolled.start, unrolled.end, render(file, unrolled, info, fn));
      out.push({
        id: 'naive-retry.loop-with-backoff',
        title: 'Retry on rate limit with backoff (replace the loop)',
        rule: 'naive-retry',
        isPreferred: false,
        safeForFixAll: false,
        edits: b.build(),
      });
    }
    return out;
  }
  const raise = raiseRetriesAction(file, 'naive-retry', [info.span]);
  if (raise) {
    out.push(raise);
  }
  const backoff = withBackoffAction(file, 'naive-retry', [info.span]);
  if (backoff) {
    out.push(backoff);
  }
  return out;
}

/**
 * Whether the Claude call sits in the loop's text; else the loop retries a local function
 * that makes it (`while True: try: return translate(text)`), and is unrolled all the same.
 */
function inLoop(data: NaiveRetryData, info: CallInfo): boolean {
  return info.span.start >= data.loop.start && info.span.end <= data.loop.end;
}

/** Statement types after which nothing in the same block runs. */
const JUMPS = new Set(['return_statement', 'throw_statement', 'raise_statement']);

/**
 * When the try block ends with `return`/`throw`/`raise`, the statements after the loop ran
 * only once the retries were used up (`throw new Error('gave up')`): without the loop they
 * can never run, so the replacement takes them too (up to the end of the enclosing block).
 */
function withDeadTail(file: FixFile, data: NaiveRetryData, u: Unrolled): Unrolled {
  let loop = file.root.descendantForIndex(data.loop.start, data.loop.end);
  while (loop && !(loop.startIndex === data.loop.start && /^(?:for|while)/.test(loop.type))) {
    loop = loop.parent;
  }
  return loop ? withDeadTailAfter(file, u, loop) : u;
}

/** {@link withDeadTail} for the statement `replaced` the unrolled try block takes the place of. */
function withDeadTailAfter(file: FixFile, u: Unrolled, replaced: Node): Unrolled {
  let node = file.root.descendantForIndex(file.src.nextCode(u.bodyStart));
  while (node && node.type !== 'try_statement') {
    node = node.parent;
  }
  const body = node?.childForFieldName('body');
  const statements = body?.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment') ?? [];
  const last = statements[statements.length - 1];
  if (!last || !JUMPS.has(last.type)) {
    return u;
  }
  let tail: Node | null | undefined = replaced.nextNamedSibling;
  let end = u.end;
  for (; tail; tail = tail.nextNamedSibling) {
    end = file.src.lineEnd(tail.endIndex);
    if (!file.src.isBlank(tail.endIndex, end)) {
      return u; // something shares the line of the last statement
    }
  }
  return { ...u, end: Math.max(u.end, end) };
}

/** The try block's statements, dedented to the loop's indentation, with the call optionally wrapped. */
function render(file: FixFile, u: Unrolled, info: CallInfo, wrapWith: string | undefined): string {
  let body = u.body;
  if (wrapWith) {
    const rel = info.span.start - u.bodyStart;
    const relEnd = info.span.end - u.bodyStart;
    let call = body.slice(rel, relEnd);
    let open = file.python ? `${wrapWith}(lambda: ` : `${wrapWith}(() => `;
    let close = ')';
    if (!file.python && call.includes('\n') && !file.src.hasMultilineString(info.span.start, info.span.end)) {
      // Broken as Prettier breaks it (see wrapCall): the call on its own line, one level deeper.
      const indent = file.src.indentAt(info.span.start);
      const unit = file.style.indent;
      open = `${open.trimEnd()}\n${indent}${unit}`;
      call = call.replace(/\n(?=[ \t]*\S)/g, `\n${unit}`);
      close = `${file.style.trailingCommas ? ',' : ''}\n${indent})`;
    }
    body = body.slice(0, rel) + open + call + close + body.slice(relEnd);
  }
  const lines = body.split(/\r?\n/);
  while (lines.length && lines[0].trim() === '') {
    lines.shift();
  }
  while (lines.length && lines[lines.length - 1].trim() === '') {
    lines.pop();
  }
  const common = lines
    .filter((l) => l.trim() !== '')
    .map((l) => /^[ \t]*/.exec(l)?.[0] ?? '')
    .reduce(
      (a, b) => (b.length < a.length ? b : a),
      lines.length ? (/^[ \t]*/.exec(lines[0])?.[0] ?? '') : '',
    );
  return lines.map((l) => (l.trim() === '' ? '' : u.indent + l.slice(common.length))).join('\n');
}

function hasLoopJump(file: FixFile, span: Span): boolean {
  return ['break', 'continue'].some((w) =>
    file.src.wordOffsets(w).some((o) => o >= span.start && o < span.end),
  );
}

/** `while (...) { try { ... } catch (e) { ... } }` → the try block. */
function jsUnroll(file: FixFile, data: NaiveRetryData, info: CallInfo): Unrolled | undefined {
  const { src } = file;
  const text = file.text;
  const loop = data.loop;
  if (!/^(?:for|while)\b/.test(text.slice(loop.start, loop.start + 6))) {
    return undefined;
  }
  const lineStart = src.lineStart(loop.start);
  if (text.slice(lineStart, loop.start).trim() !== '') {
    return undefined;
  }
  const headParen = src.nextCode(loop.start + (text.startsWith('for', loop.start) ? 3 : 5));
  if (text[headParen] !== '(' || src.match(headParen) < 0) {
    return undefined;
  }
  const bodyOpen = src.nextCode(src.match(headParen) + 1);
  const bodyClose = src.match(bodyOpen);
  if (text[bodyOpen] !== '{' || bodyClose < 0) {
    return undefined;
  }
  // Only attempt-counter updates (`attempts++;`) may come before the `try`.
  const tryAt = src.nextCode(bodyOpen + 1);
  const tryWord = src.codeText(tryAt, bodyClose).search(/(?<![\w$])try\s*\{/);
  const counters = src.codeText(bodyOpen + 1, tryAt + Math.max(0, tryWord));
  if (
    tryWord < 0 ||
    !/^(?:\s*(?:[\w$]+\s*(?:\+\+|--|[+-]=\s*\d+)|(?:\+\+|--)\s*[\w$]+)\s*;?)*\s*$/.test(counters)
  ) {
    return undefined;
  }
  const tryOpen = src.nextCode(tryAt + tryWord + 3);
  let tryClose = src.match(tryOpen);
  if (tryClose < 0 || (inLoop(data, info) && (info.span.start < tryOpen || info.span.end > tryClose))) {
    return undefined;
  }
  const catchAt = tryClose;
  // A `break;` that ends the try block (leave the loop on success) goes with the loop.
  const last = src.prevCode(tryClose);
  const brk = /(?<![\w$])break\s*;?$/.exec(src.codeText(Math.max(tryOpen + 1, last - 8), last + 1));
  if (brk) {
    tryClose = Math.max(tryOpen + 1, last - 8) + brk.index;
  }
  // Then `catch [(e)] { ... }` and nothing else before the loop body closes.
  let p = src.nextCode(catchAt + 1);
  if (!text.startsWith('catch', p)) {
    return undefined;
  }
  p = src.nextCode(p + 5);
  if (text[p] === '(') {
    p = src.nextCode(src.match(p) + 1);
  }
  if (text[p] !== '{' || src.match(p) < 0) {
    return undefined;
  }
  if (src.nextCode(src.match(p) + 1) !== bodyClose) {
    return undefined;
  }
  if (hasLoopJump(file, { start: tryOpen, end: tryClose }) || src.hasMultilineString(tryOpen, tryClose)) {
    return undefined;
  }
  const after = src.lineEnd(bodyClose);
  if (!src.isBlank(bodyClose + 1, after)) {
    return undefined;
  }
  return {
    start: lineStart,
    end: after,
    body: text.slice(tryOpen + 1, tryClose),
    bodyStart: tryOpen + 1,
    indent: src.indentAt(loop.start),
  };
}

/** Lines of an indented block after the header line at `header`: [first line start, last line end]. */
function pyBlock(file: FixFile, header: number, indent: string): Span | undefined {
  const { src } = file;
  const text = file.text;
  const headerEnd = pyStatementEnd(src, header);
  let start = -1;
  let end = -1;
  for (let p = src.nextLineStart(headerEnd); p < text.length; p = src.nextLineStart(p)) {
    const line = text.slice(p, src.lineEnd(p));
    if (
      line.trim() === '' ||
      src.kinds[p] === 1 ||
      src.kinds[p + line.length - line.trimStart().length] === 2
    ) {
      continue; // blank, inside a multi-line string, or a comment line
    }
    if (line.length - line.trimStart().length <= indent.length) {
      break;
    }
    if (start === -1) {
      start = p;
    }
    end = src.lineEnd(pyStatementEnd(src, p));
    p = src.lineStart(end);
  }
  return start === -1 ? undefined : { start, end };
}

/** `for ...:` / `while ...:` whose body is one `try:` with `except` clauses → the try block. */
function pyUnroll(file: FixFile, data: NaiveRetryData, info: CallInfo): Unrolled | undefined {
  const { src } = file;
  const text = file.text;
  const loop = data.loop;
  if (
    !/^(?:for|while)\b/.test(text.slice(loop.start, loop.start + 6)) ||
    src.lineStart(loop.start) !== loop.start - src.indentAt(loop.start).length
  ) {
    return undefined;
  }
  const indent = src.indentAt(loop.start);
  const body = pyBlock(file, loop.start, indent);
  if (!body) {
    return undefined;
  }
  const bodyIndent = src.indentAt(body.start);
  // Only attempt-counter updates (`attempt += 1`) may come before the `try:`.
  let first = src.nextCode(body.start);
  while (
    first < body.end &&
    /^[A-Za-z_]\w*\s*[+-]=\s*\d+\s*$/.test(text.slice(first, src.lineEnd(first)).replace(/#.*$/, ''))
  ) {
    first = src.nextCode(src.nextLineStart(first));
  }
  if (!/^try\s*:/.test(text.slice(first, first + 8))) {
    return undefined;
  }
  const tryBlock = pyBlock(file, first, bodyIndent);
  // A `break` that ends the try block (leave the loop on success) goes with the loop.
  if (tryBlock) {
    const lastLine = src.lineStart(tryBlock.end);
    if (text.slice(lastLine, tryBlock.end).trim() === 'break' && lastLine > tryBlock.start) {
      tryBlock.end = src.lineEnd(lastLine - 1);
    }
  }
  if (
    !tryBlock ||
    (inLoop(data, info) && (info.span.start < tryBlock.start || info.span.end > tryBlock.end)) ||
    hasLoopJump(file, tryBlock) ||
    src.hasMultilineString(tryBlock.start, tryBlock.end)
  ) {
    return undefined;
  }
  // Every later statement of the loop body must be an except clause (or its block).
  let p = src.nextLineStart(tryBlock.end);
  let sawExcept = false;
  while (p < body.end) {
    const line = text.slice(p, src.lineEnd(p));
    const ws = line.length - line.trimStart().length;
    if (line.trim() === '' || src.kinds[p + ws] === 2) {
      p = src.nextLineStart(p);
      continue;
    }
    if (ws !== bodyIndent.length || !/^except\b/.test(line.trimStart())) {
      return undefined;
    }
    sawExcept = true;
    const block = pyBlock(file, p + ws, bodyIndent);
    p = block ? src.nextLineStart(block.end) : src.nextLineStart(p);
  }
  // No `else:` clause on the loop.
  const next = src.nextCode(src.nextLineStart(body.end));
  if (
    !sawExcept ||
    (next < text.length && src.indentAt(next) === indent && /^else\s*:/.test(text.slice(next, next + 6)))
  ) {
    return undefined;
  }
  return {
    start: src.lineStart(loop.start),
    end: body.end,
    body: text.slice(tryBlock.start, tryBlock.end),
    bodyStart: tryBlock.start,
    indent,
  };
}

// ---- retry by recursion -------------------------------------------------------------------------

/** The clause (`catch` / `except`) whose span the finding gives as its handler. */
function handlerNode(file: FixFile, data: NaiveRetryData): Node | undefined {
  if (!data.handler) {
    return undefined;
  }
  let node: Node | null = file.root.descendantForIndex(data.handler.start, data.handler.start + 1);
  while (node && !(node.startIndex === data.handler.start && /^(?:catch|except)_clause$/.test(node.type))) {
    node = node.parent;
  }
  return node ?? undefined;
}

/** The edit removing the client's retries as `raiseRetries` sets them, and its title part. */
function sdkRetries(file: FixFile, b: EditBuilder, ctor: ClientCtor | undefined): string {
  const raise = ctor && raiseRetries(file, ctor, SDK_RETRIES);
  if (raise) {
    b.replace(raise.start, raise.end, raise.newText);
    return `let the SDK retry (${file.python ? 'max_retries=' : 'maxRetries: '}${SDK_RETRIES})`;
  }
  return 'the SDK retries';
}

/**
 * A function that calls itself again from its handler (`except RateLimitError: sleep(5);
 * return self.ask(prompt)`): the handler goes — and with it the try, when it was its only
 * clause, the try's statements taking its place — so the error reaches the caller after
 * the SDK's own retries. Statements after the try that only the handler's fall-through
 * reached go too.
 */
function recursionFixes(
  file: FixFile,
  data: NaiveRetryData,
  info: CallInfo,
  ctor: ClientCtor | undefined,
): FixAction[] {
  const { src } = file;
  const text = file.text;
  const handler = handlerNode(file, data);
  const tryNode = handler?.parent;
  const body = tryNode?.childForFieldName('body');
  if (!handler || !tryNode || tryNode.type !== 'try_statement' || !body) {
    return [];
  }
  // The retried call is made by this try (not by another function it calls).
  if (info.span.start < body.startIndex || info.span.end > body.endIndex) {
    return [];
  }
  const clauses = tryNode.namedChildren.filter(
    (c): c is Node => !!c && c.id !== handler.id && c.id !== body.id && c.type !== 'comment',
  );
  const b = new EditBuilder(file);
  const ownsLines = (n: Node): boolean =>
    src.isBlank(src.lineStart(n.startIndex), n.startIndex) &&
    src.isBlank(n.endIndex, src.lineEnd(n.endIndex));
  if (clauses.length) {
    // Other clauses stay (an else needs an except before it).
    const others = clauses.filter((c) => c.type !== 'else_clause' && c.type !== 'finally_clause');
    if (file.python) {
      if (!ownsLines(handler) || (!others.length && clauses.some((c) => c.type === 'else_clause'))) {
        return [];
      }
      b.replace(src.lineStart(handler.startIndex), src.nextLineStart(handler.endIndex), '');
    } else {
      b.replace(src.prevCode(handler.startIndex) + 1, handler.endIndex, '');
    }
  } else {
    if (!ownsLines(tryNode) || src.hasMultilineString(body.startIndex, body.endIndex)) {
      return [];
    }
    const inner = file.python
      ? { start: src.lineStart(body.startIndex), end: src.lineEnd(body.endIndex) }
      : { start: body.startIndex + 1, end: body.endIndex - 1 };
    const found: Unrolled = {
      start: src.lineStart(tryNode.startIndex),
      end: src.lineEnd(tryNode.endIndex),
      body: text.slice(inner.start, inner.end),
      bodyStart: inner.start,
      indent: src.indentAt(tryNode.startIndex),
    };
    const u = withDeadTailAfter(file, found, tryNode);
    b.replace(u.start, u.end, render(file, u, info, undefined));
  }
  const how = sdkRetries(file, b, ctor);
  const edits = b.build();
  // The counter the handler passed on (`tries - 1`) is read by nothing now.
  let params = unusedParameters(file, tryNode.startIndex, edits);
  if (params && 'edits' in params && editsOverlap(params.edits, edits)) {
    params = { kept: params.removed, reason: 'a call is rewritten by the fix' };
  }
  const kept =
    params && 'kept' in params
      ? `; ${names(params.kept)} ${params.kept.length > 1 ? 'stay' : 'stays'} unused (${params.reason})`
      : '';
  return [
    {
      id: 'naive-retry.drop-recursion',
      title: `Remove the retry by recursion; ${how}${kept}`,
      rule: 'naive-retry',
      isPreferred: true,
      safeForFixAll: false,
      edits: params && 'edits' in params ? [...edits, ...params.edits] : edits,
    },
  ];
}

/** `a`, `` `a` and `b` `` as a title names them. */
function names(list: readonly string[]): string {
  const quoted = list.map((n) => `\`${n}\``);
  return quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}` : quoted[0];
}

// ---- same-file retry wrappers ---------------------------------------------------------------------

/** The function (declaration or `const f = (...) =>`) around `at`, with its name. */
function enclosingFunction(file: FixFile, at: number): { node: Node; name: string } | undefined {
  for (let n: Node | null = file.root.descendantForIndex(at); n; n = n.parent) {
    if (/^(?:function_declaration|function_definition|generator_function_declaration)$/.test(n.type)) {
      const name = n.childForFieldName('name');
      return name ? { node: n, name: name.text } : undefined;
    }
    if (/^(?:arrow_function|function_expression|function)$/.test(n.type)) {
      const decl = n.parent;
      const name = decl?.type === 'variable_declarator' ? decl.childForFieldName('name') : null;
      return name?.type === 'identifier' ? { node: decl as Node, name: name.text } : undefined;
    }
  }
  return undefined;
}

/** The calls `name(...)` in the file, by their call node. */
function callsOf(file: FixFile, name: string): Node[] {
  const out: Node[] = [];
  for (const at of file.src.wordOffsets(name)) {
    const id = file.root.descendantForIndex(at, at + name.length);
    const call = id?.parent;
    if (
      id?.type === 'identifier' &&
      (call?.type === 'call' || call?.type === 'call_expression') &&
      call.childForFieldName('function')?.id === id.id
    ) {
      out.push(call);
    }
  }
  return out;
}

/** `() => expr` / `async () => await expr` / `lambda: expr`: the expression, else undefined. */
function thunkBody(file: FixFile, arg: Node | null): Node | undefined {
  if (!arg) {
    return undefined;
  }
  const params = arg.childForFieldName('parameters');
  if (file.python) {
    return arg.type === 'lambda' && !params ? (arg.childForFieldName('body') ?? undefined) : undefined;
  }
  const body = arg.type === 'arrow_function' ? arg.childForFieldName('body') : null;
  if (!body || body.type === 'statement_block' || (params && params.namedChildCount > 0)) {
    return undefined;
  }
  return body.type === 'await_expression' ? (body.namedChild(0) ?? undefined) : body;
}

/**
 * A same-file helper that re-runs a callable (`retrying(fn)`, `with_retries(fn, n)`): each
 * call of it, `retrying(() => describePage(page))`, becomes the call it wrapped,
 * `describePage(page)`, and the helper (and what only it used: a sleep, an import) goes, so
 * errors reach the callers after the SDK's own retries. Offered only when every use of the
 * helper in the file is such a call and the helper is not exported.
 */
function wrapperFixes(file: FixFile, data: NaiveRetryData, ctor: ClientCtor | undefined): FixAction[] {
  const fn = enclosingFunction(file, data.head.start);
  const exported = (n: Node | null | undefined): boolean =>
    !!n && (n.type === 'export_statement' || (n.type === 'lexical_declaration' && exported(n.parent)));
  if (!fn || exported(fn.node.parent)) {
    return [];
  }
  const uses = file.src.wordOffsets(fn.name).filter((o) => o < fn.node.startIndex || o >= fn.node.endIndex);
  const calls = callsOf(file, fn.name).filter(
    (c) => c.startIndex < fn.node.startIndex || c.startIndex >= fn.node.endIndex,
  );
  if (!calls.length || calls.length !== uses.length) {
    return [];
  }
  const b = new EditBuilder(file);
  for (const call of calls) {
    const args = call.childForFieldName('arguments');
    const inner = thunkBody(file, args?.namedChild(0) ?? null);
    if (!inner || file.src.hasMultilineString(inner.startIndex, inner.endIndex)) {
      return [];
    }
    b.replace(call.startIndex, call.endIndex, file.text.slice(inner.startIndex, inner.endIndex));
  }
  const how = sdkRetries(file, b, ctor);
  return [
    {
      id: 'naive-retry.drop-wrapper',
      title: `Remove \`${fn.name}\`; ${how}`,
      rule: 'naive-retry',
      isPreferred: true,
      safeForFixAll: false,
      edits: b.build(),
    },
  ];
}

// ---- stacked retry libraries -------------------------------------------------------------------

function stackedFixes(
  file: FixFile,
  data: NaiveRetryData,
  info: CallInfo,
  ctor: ClientCtor | undefined,
): FixAction[] {
  const out: FixAction[] = [];
  const lib = data.library ?? 'the retry library';
  const removal = file.python ? pyRemoveDecorator(file, data) : jsRemoveWrapper(file, data, info);
  if (removal) {
    const b = new EditBuilder(file);
    for (const e of removal) {
      b.replace(e.start, e.end, e.newText);
    }
    const raise = ctor && raiseRetries(file, ctor, SDK_RETRIES);
    if (raise) {
      b.replace(raise.start, raise.end, raise.newText);
    }
    out.push({
      id: 'naive-retry.drop-library',
      title: raise
        ? `Drop ${lib}; let the SDK retry (${file.python ? 'max_retries=' : 'maxRetries: '}${SDK_RETRIES})`
        : `Drop ${lib}; the SDK already retries`,
      rule: 'naive-retry',
      isPreferred: true,
      safeForFixAll: false,
      edits: b.build(),
    });
  }
  // (not when the client also sends requests the library does not wrap: they would lose their retries)
  if (ctor && !data.clientSentPlainly) {
    const off = setRetriesZero(file, ctor);
    if (off) {
      out.push({
        id: 'naive-retry.sdk-retries-off',
        title: `Keep ${lib}; turn the SDK's retries off (${file.python ? 'max_retries=0' : 'maxRetries: 0'})`,
        rule: 'naive-retry',
        isPreferred: false,
        safeForFixAll: false,
        edits: [off],
      });
    }
  }
  return out;
}

/** Sets the client's retries to 0 (the library retries alone). */
function setRetriesZero(
  file: FixFile,
  ctor: ClientCtor,
): { start: number; end: number; newText: string } | undefined {
  const edit = raiseRetries(file, ctor, Number.MAX_SAFE_INTEGER);
  if (!edit) {
    return undefined;
  }
  return { ...edit, newText: edit.newText.replace(String(Number.MAX_SAFE_INTEGER), '0') };
}

/** `pRetry(() => <call>, { ... })` → `<call>`, and the library import when nothing else uses it. */
function jsRemoveWrapper(
  file: FixFile,
  data: NaiveRetryData,
  info: CallInfo,
): Array<{ start: number; end: number; newText: string }> | undefined {
  const { src } = file;
  const text = file.text;
  const loop = data.loop;
  const head = /^([\w$.]+)\s*\(\s*(?:async\s*)?\(\s*\)\s*=>\s*(?:await\s+)?$/.exec(
    src.codeText(loop.start, info.span.start),
  );
  if (!head) {
    return undefined;
  }
  let p = src.nextCode(info.span.end);
  if (text[p] === ',') {
    p = src.nextCode(p + 1);
    if (text[p] === '{' && src.match(p) > p) {
      p = src.nextCode(src.match(p) + 1);
      if (text[p] === ',') {
        p = src.nextCode(p + 1);
      }
    }
  }
  if (text[p] !== ')' || p + 1 !== loop.end) {
    return undefined;
  }
  // The call takes the wrapper's place; its continuation lines move left with it.
  let call = text.slice(info.span.start, info.span.end);
  const delta = src.indentAt(info.span.start).length - src.indentAt(loop.start).length;
  if (
    src.lineStart(info.span.start) !== src.lineStart(loop.start) &&
    delta > 0 &&
    !src.hasMultilineString(info.span.start, info.span.end)
  ) {
    call = call.replace(new RegExp(`\\n[ \\t]{0,${delta}}`, 'g'), '\n');
  }
  const edits = [{ start: loop.start, end: loop.end, newText: call }];
  const name = head[1].split('.')[0];
  const imp = file.js.imports.find((i) => i.defaultName === name || i.named.some((n) => n.local === name));
  if (imp && file.src.wordOffsets(name).length === 2 && !imp.named.length) {
    const end = src.nextLineStart(imp.span.end);
    edits.push({ start: src.lineStart(imp.span.start), end, newText: '' });
  }
  return edits;
}

/** Removes an `@retry(...)` / `@backoff.on_exception(...)` decorator line. */
function pyRemoveDecorator(
  file: FixFile,
  data: NaiveRetryData,
): Array<{ start: number; end: number; newText: string }> | undefined {
  const { src } = file;
  const start = src.lineStart(data.loop.start);
  const at = src.nextCode(start);
  if (file.text[at] !== '@') {
    return undefined;
  }
  const end = src.nextLineStart(pyStatementEnd(src, at));
  return [{ start, end, newText: '' }];
}
