import type { Node } from '../../parse/treeSitter';
import type { FileContext } from '../context';
import { sticky } from '../scanCache';
import {
  callee,
  dottedName,
  isCall,
  isNameChar,
  kind,
  lastSegment,
  positionalArgs,
  unwrap,
  up,
  endOf,
} from '../syntax';
import { callParams, objectParams, type ParamSet } from './arguments';
import { type ClientBinding, resolveClient, vendorOfConstructor } from './clients';
import { lastAssignedValue } from './functions';
import { proxyReceiver } from './claudeByProxy';

/** A Claude Messages API call. */
export interface ClaudeCall {
  node: Node;
  callee: Node;
  /** The client expression (with `.beta` stripped). */
  receiver: Node;
  method: 'create' | 'stream' | 'batches.create';
  beta: boolean;
  /** JS: the first argument's object literal; Python: the keyword arguments. */
  params: ParamSet;
  /** JS: the second argument (request options); Python: the keyword arguments. */
  options: ParamSet;
  /** The client it resolves to in this file, if any. */
  client: ClientBinding | null;
  /**
   * A call of a function of another project module that makes the request (see
   * `importedClaudeCalls`): `node` is the call here; its params are the call's own arguments
   * when the function forwards them, else unknown (`open`).
   */
  imported?: { name: string; path: string; line: number; requests: number };
}

/** Claude API calls in the file, in text order (read once per file through ctx.calls). */
export function findCalls(ctx: FileContext): ClaudeCall[] {
  const imports = ctx.imports;
  const out: ClaudeCall[] = [];
  if (!imports.anthropic) {
    return out;
  }
  // `messages` … up to the call's opening parenthesis; the call is then the smallest node
  // spanning both, found in one lookup.
  for (const m of ctx.scanFromHint(MESSAGES_CALL_AT, /\bmessages/g)) {
    const method = m[1] === 'create' ? 'create' : m[1] === 'stream' ? 'stream' : 'batches.create';
    const call = callAt(ctx, m.index, m.index + m[0].length - 1, method);
    if (call) {
      out.push(call);
    }
  }
  const aliased = [...aliasCalls(ctx), ...methodAliasCalls(ctx), ...handedOverCalls(ctx)];
  return aliased.length ? [...out, ...aliased].sort((a, b) => a.node.startIndex - b.node.startIndex) : out;
}

/**
 * `messages.create(` / `.stream(` / `.batches.create(` (also `?.`, `!.`, `with_raw_response`,
 * type arguments): found from the line-local matches of `messages`, kept across edits (see
 * `FileContext.scanFromHint`).
 */
export const MESSAGES_CALL =
  /\bmessages(?:\s+as\s+[\w$.]+\s*\))?\s*(?:\?\.|!?\.)\s*(?:(?:with_raw_response|with_streaming_response)\s*\.\s*)?(create|stream|batches\s*\.\s*create)\s*(?:<[^()]*?>\s*)?(?:\?\.\s*)?\(/g;
const MESSAGES_CALL_AT = sticky(MESSAGES_CALL);

/** Python runners given a function and its arguments: `asyncio.to_thread(f, **kw)`, `pool.submit(f, ...)`, `partial(f, ...)`. */
const PY_RUNNER = /^(?:to_thread|submit|partial)$/;

/**
 * Python: the Messages method handed to a runner with the request as keyword arguments,
 * `await asyncio.to_thread(client.messages.create, model=…, messages=…)`,
 * `pool.submit(client.messages.create, **req)`, `functools.partial(client.messages.create, …)`:
 * the runner's call is the request (its keyword arguments are the params; its callee, where
 * findings start, is the runner's).
 */
function handedOverCalls(ctx: FileContext): ClaudeCall[] {
  const out: ClaudeCall[] = [];
  if (!ctx.python) {
    return out;
  }
  for (const m of ctx.scanFromHint(/\bmessages\s*\.\s*(create|stream)\s*,/y, /\bmessages/g)) {
    const ref = ctx.nodeAt(m.index);
    let member: Node | null = ref;
    while (member && up(member) && kind(up(member) as Node) === 'attribute') {
      member = up(member);
    }
    const list = member ? up(member) : null;
    const runner = list && kind(list) === 'argument_list' ? up(list) : null;
    if (
      !member ||
      !runner ||
      !isCall(runner) ||
      positionalArgs(runner)[0]?.startIndex !== member.startIndex ||
      !PY_RUNNER.test(lastSegment(dottedName(callee(runner), ctx.text)))
    ) {
      continue;
    }
    const receiver = unwrap(member.childForFieldName('object')?.childForFieldName('object') ?? null);
    const client = receiver ? resolveClient(ctx, receiver, runner.startIndex) : null;
    if (!receiver || (client ? client.vendor !== 'anthropic' : !ctx.claudeFile)) {
      continue;
    }
    const params = callParams(runner, ctx.text, true);
    const e = params.entries;
    if (!client && !params.open && !e.has('model') && !e.has('messages')) {
      continue; // not a Messages request (an SMS client's `messages.create(body=…, to=…)`)
    }
    if (!params.open && !e.has('max_tokens')) {
      continue; // (a max_tokens fix would land before the handed-over method: left to the plain calls)
    }
    out.push({
      node: runner,
      callee: callee(runner) ?? member, // the statement's line: `await asyncio.to_thread(`
      receiver,
      method: m[1] === 'stream' ? 'stream' : 'create',
      beta: false,
      params,
      options: params,
      client,
    });
  }
  return out;
}

/**
 * Calls through a name bound to the Messages resource:
 * `api = client.beta.messages if betas else client.messages` then `api.stream(...)`,
 * `const messages = client.messages;` then `messages.create(...)` (the receiver is the name).
 */
function aliasCalls(ctx: FileContext): ClaudeCall[] {
  const names = new Set<string>();
  for (const m of messagesAliases(ctx.text)) {
    if (m[1] !== 'messages' && /^[A-Za-z_$]/.test(m[1])) {
      names.add(m[1]);
    }
  }
  const out: ClaudeCall[] = [];
  const text = ctx.text;
  for (const name of names) {
    // What `(?<![\w$.])name\s*\.\s*(create|stream)\s*\(` finds, from the name's whole-word
    // occurrences (kept across edits) with the tail tried after each, not a pattern tried at every offset.
    for (const at of ctx.wordsOf(name)) {
      if (text[at - 1] === '.') {
        continue;
      }
      ALIAS_METHOD_CALL.lastIndex = at + name.length;
      const t = ALIAS_METHOD_CALL.exec(text);
      const call = t
        ? callThrough(ctx, at, ALIAS_METHOD_CALL.lastIndex - 1, t[1] === 'create' ? 'create' : 'stream')
        : null;
      if (call) {
        out.push(call);
      }
    }
  }
  return out;
}

/** What follows a Messages alias called: `.create(` / `.stream(` (sticky). */
const ALIAS_METHOD_CALL = /\s*\.\s*(create|stream)\s*\(/y;

/** `name = <expression>.messages` ending a statement (group 1: the name). */
const MESSAGES_ALIAS =
  /(?<![\w$.])([A-Za-z_$][\w$]*)\s*(?::[^=\n;]{0,60})?=\s*[^=\n;][^\n;]{0,200}?\.\s*messages\s*(?:;|$|\n)/gm;
/** The tail every match of `MESSAGES_ALIAS` ends with: `.messages` ending a statement (rare). */
const MESSAGES_TAIL = /\.\s*messages\s*(?:;|$|\n)/my;
/**
 * At most this many characters other than blanks lie between the start of a match of
 * `MESSAGES_ALIAS` (after its name) and its tail: `:` and 60, `=`, one and 200.
 */
const ALIAS_REACH = 1 + 60 + 1 + 1 + 200;

/**
 * The matches of `MESSAGES_ALIAS` in a text, as a scan of the whole text finds them, found
 * by running it only on windows around the tails: each match ends with a tail, and starts
 * at most `ALIAS_REACH` characters other than blanks and its name before it. (The pattern
 * starts with a look-behind, so a scan of the whole text tries every offset: a few
 * milliseconds on a large file, on every keystroke.)
 */
export function messagesAliases(text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  const windows: Array<{ start: number; end: number }> = [];
  for (const t of messagesTails(text)) {
    const end = t.index + t[0].length;
    const last = windows[windows.length - 1];
    let i = t.index;
    for (let budget = ALIAS_REACH; i > 0 && !(last && i <= last.end); i--) {
      if (!/\s/.test(text[i - 1]) && budget-- === 0) {
        break;
      }
    }
    while (i > 0 && isNameChar(text.charCodeAt(i - 1))) {
      i--;
    }
    const start = i > 0 ? text.lastIndexOf('\n', i - 1) + 1 : 0;
    if (last && start <= last.end) {
      last.end = end;
    } else {
      windows.push({ start, end });
    }
  }
  for (const w of windows) {
    // A window starts at a line start, so the look-behind reads the slice's start as it would
    // the newline; its end is a tail's end, where `$` holds in the text too.
    const part = text.slice(w.start, w.end);
    MESSAGES_ALIAS.lastIndex = 0;
    for (let m = MESSAGES_ALIAS.exec(part); m; m = MESSAGES_ALIAS.exec(part)) {
      if (m[0].length === 0) {
        MESSAGES_ALIAS.lastIndex++;
      }
      m.index += w.start;
      out.push(m);
    }
  }
  return out;
}

/**
 * The matches of `/\.\s*messages\s*(?:;|$|\n)/gm` in a text, from the occurrences of `messages`
 * (a substring search, where that pattern is tried at every `.`): each match holds one, and
 * starts at the `.` before the blanks right before it.
 */
function* messagesTails(text: string): Generator<RegExpExecArray> {
  for (let i = text.indexOf('messages'); i !== -1; i = text.indexOf('messages', i + 8)) {
    let dot = i - 1;
    while (dot >= 0 && /\s/.test(text[dot])) {
      dot--;
    }
    if (dot < 0 || text[dot] !== '.') {
      continue;
    }
    MESSAGES_TAIL.lastIndex = dot;
    const t = MESSAGES_TAIL.exec(text);
    if (t) {
      yield t;
    }
  }
}

/**
 * Calls through a name bound to a Messages method itself:
 * `stream_method = client.beta.messages.stream if use_beta else client.messages.stream` then
 * `with stream_method(**params) as stream:`, `const send = useBeta ? a.beta.messages.create : a.messages.create;`
 * then `send(...)` (the receiver is the name).
 */
function methodAliasCalls(ctx: FileContext): ClaudeCall[] {
  // Only where `.messages.create`/`.messages.stream` ends a statement (rare): one quick test first.
  if (!/\.\s*messages\s*\.\s*(?:create|stream)[ \t]*\)?[ \t]*;?[ \t]*$/m.test(ctx.text)) {
    return [];
  }
  const names = new Map<string, ClaudeCall['method']>();
  for (const m of ctx.scan(
    /(?<![\w$.])([A-Za-z_$][\w$]*)[ \t]*(?::[^=\n;]{0,60})?=[ \t]*[^=\n;][^\n;]{0,200}?\.\s*messages\s*\.\s*(create|stream)[ \t]*\)?[ \t]*;?[ \t]*$/gm,
  )) {
    if (
      !/^(?:messages|create|stream)$/.test(m[1]) &&
      !/openai|\boai\b|threads|twilio|vonage|sinch|slack|discord/i.test(m[0]) &&
      !ctx.inCommentOrString(m.index)
    ) {
      names.set(m[1], m[2] === 'create' ? 'create' : 'stream');
    }
  }
  const out: ClaudeCall[] = [];
  for (const [name, method] of names) {
    const re = new RegExp(`(?<![\\w$.])${name.replace(/[$]/g, '\\$')}\\s*\\(`, 'g');
    for (const m of ctx.scan(re)) {
      const call = callThrough(ctx, m.index, m.index + m[0].length - 1, method);
      if (call) {
        out.push(call);
      }
    }
  }
  return out;
}

/** The call whose callee runs from `at` to the parenthesis at `paren`, through a name (the receiver). */
function callThrough(
  ctx: FileContext,
  at: number,
  paren: number,
  method: ClaudeCall['method'],
): ClaudeCall | null {
  const call = ctx.root.descendantForIndex(at, paren + 1);
  const fnNode = call && isCall(call) ? callee(call) : null;
  if (!call || !fnNode || call.startIndex !== at || endOf(fnNode) > paren) {
    return null;
  }
  const receiver = ctx.nodeAt(at);
  if (!receiver || !ctx.claudeFile) {
    return null;
  }
  const { params, options } = requestParams(ctx, call, positionalArgs(call)[0] ?? null);
  return { node: call, callee: fnNode, receiver, method, beta: false, params, options, client: null };
}

/** A request's parameters and options: Python's keyword arguments (both); JS's first and second arguments. */
function requestParams(
  ctx: FileContext,
  call: Node,
  first: Node | null,
): { params: ParamSet; options: ParamSet } {
  if (ctx.python) {
    const params = callParams(call, ctx.text, true);
    return { params, options: params };
  }
  const second = positionalArgs(call)[1];
  const none = (): ParamSet => ({ node: null, entries: new Map(), open: false });
  return {
    params: first ? objectParams(first, ctx.text) : none(),
    options: second ? objectParams(second, ctx.text) : none(),
  };
}

export function callAt(
  ctx: FileContext,
  messagesAt: number,
  parenAt: number,
  method: ClaudeCall['method'],
): ClaudeCall | null {
  const call = ctx.root.descendantForIndex(messagesAt, parenAt + 1);
  if (!call || !isCall(call) || call.startIndex >= messagesAt) {
    return null;
  }
  const fnNode = callee(call);
  if (!fnNode || fnNode.startIndex !== call.startIndex || endOf(fnNode) > parenAt) {
    return null;
  }
  // The client is the expression before `.messages` (and before `.beta`), found in one lookup.
  let receiverEnd = memberEndBefore(ctx, messagesAt);
  let beta = false;
  const head = ctx.text.slice(call.startIndex, receiverEnd);
  if (/(?:^|[^\w$])(?:threads|chat|assistants)$/.test(head)) {
    return null; // OpenAI: client.beta.threads.messages.create(thread_id, ...)
  }
  const betaAt = /\bbeta$/.exec(head);
  if (betaAt && betaAt.index > 0) {
    beta = true;
    receiverEnd = memberEndBefore(ctx, call.startIndex + betaAt.index);
  }
  // `(client.messages as any).stream(...)`: the receiver starts after the cast's parenthesis.
  let receiverStart = call.startIndex;
  while (ctx.text[receiverStart] === '(' && receiverStart < receiverEnd) {
    receiverStart++;
  }
  if (receiverEnd <= receiverStart) {
    return null;
  }
  const receiver = ctx.root.descendantForIndex(receiverStart, receiverEnd);
  if (!receiver || receiver.startIndex !== receiverStart || endOf(receiver) !== receiverEnd) {
    return null;
  }
  if (/openai|\boai\b|twilio|vonage|sinch|slack|discord/i.test(ctx.textOf(receiver))) {
    return null; // other SDKs with a `messages.create` (OpenAI Assistants, SMS, chat)
  }
  if (
    ctx.imports.anthropicByProxy &&
    !proxyReceiver(ctx, ctx.textOf(receiver)) &&
    !namesMessagesRequest(ctx, call)
  ) {
    return null; // no SDK import: only the proxied client's calls, or calls written as a Messages request
  }
  const client = anthropicAmong(ctx, resolveClient(ctx, receiver, call.startIndex));
  if (
    client
      ? client.vendor !== 'anthropic'
      : !(ctx.claudeFile || namesMessagesRequest(ctx, call)) ||
        boundToOtherClass(ctx, receiver, call.startIndex)
  ) {
    return null;
  }
  const first = ctx.python ? null : unwrap(positionalArgs(call)[0] ?? null);
  if (first && (kind(first) === 'string' || kind(first) === 'template_string')) {
    return null; // (threadId, {...}) is the OpenAI Assistants shape
  }
  const { params, options } = requestParams(ctx, call, first);
  // A Messages request always names `model` and `messages` (a batch: `requests`); literal
  // params with neither belong to some other API (`client.messages.create({ body, to })`).
  const e = params.entries;
  if (
    !client &&
    !params.open &&
    e.size > 0 &&
    (method === 'batches.create' ? !e.has('requests') : !e.has('model') && !e.has('messages'))
  ) {
    return null;
  }
  return { node: call, callee: fnNode, receiver, method, beta, params, options, client };
}

/**
 * In a file that imports both SDKs, a call on a receiver not resolved here (a parameter)
 * still counts when it is written as a Messages request: `max_tokens` and `messages` given
 * by name (OpenAI has no top-level `messages.create`; its Assistants threads are excluded).
 * Likewise in a file whose client comes from a local Claude module (`client = get_async_client()`
 * passed to a helper's `client` parameter).
 */
function namesMessagesRequest(ctx: FileContext, call: Node): boolean {
  if (!ctx.imports.anthropic) {
    return false;
  }
  const first = unwrap(positionalArgs(call)[0] ?? null);
  const params = ctx.python ? callParams(call, ctx.text, true) : first ? objectParams(first, ctx.text) : null;
  return !!params && params.entries.has('max_tokens') && params.entries.has('messages');
}

/**
 * Whether a receiver is a plain name this file assigns from another class before the call:
 * `const sms = new Twilio(...)`, `client = Client(sid, token)` (a capitalised Python call).
 */
function boundToOtherClass(ctx: FileContext, receiver: Node, before: number): boolean {
  const r = unwrap(receiver);
  if (!r || kind(r) !== 'identifier') {
    return false;
  }
  const last = unwrap(lastAssignedValue(ctx, ctx.textOf(r), 0, before));
  if (!last) {
    return false;
  }
  const k = kind(last);
  if (k === 'new_expression') {
    return vendorOfConstructor(ctx, callee(last)) === undefined;
  }
  if (ctx.python && k === 'call') {
    const name = lastSegment(dottedName(callee(last), ctx.text));
    return /^[A-Z]/.test(name) && vendorOfConstructor(ctx, callee(last)) === undefined;
  }
  return false;
}

/**
 * Where the object of a member access ends, given the offset of the property name:
 * skips back over whitespace, the `.` (or `?.`) and whitespace again.
 */
function memberEndBefore(ctx: FileContext, propertyAt: number): number {
  const text = ctx.text;
  let j = propertyAt - 1;
  while (j >= 0 && /\s/.test(text[j])) {
    j--;
  }
  if (text[j] === '.') {
    j--;
  }
  if (text[j] === '?') {
    j--;
  }
  while (j >= 0 && /\s/.test(text[j])) {
    j--;
  }
  return j + 1;
}

/**
 * Claude calls lexically inside a node, in ctx.calls order. A binary search over the calls
 * sorted by start, so asking for each of n arguments of a call is not n × the file's calls.
 */
export function callsWithin(ctx: FileContext, node: Node): ClaudeCall[] {
  const all = ctx.calls;
  const inside = [...indexesWithin(ctx, node)];
  return inside.sort((a, b) => a - b).map((i) => all[i]);
}

/** Whether a Claude call lies lexically inside a node (`callsWithin` is not empty). */
export function hasCallWithin(ctx: FileContext, node: Node): boolean {
  return !indexesWithin(ctx, node).next().done;
}

/** The indexes into ctx.calls of the calls inside a node, by start (see `callsWithin`). */
function* indexesWithin(ctx: FileContext, node: Node): Generator<number> {
  const all = ctx.calls;
  const byStart = ctx.memo('calls-by-start', () =>
    all.map((_, i) => i).sort((a, b) => all[a].node.startIndex - all[b].node.startIndex || a - b),
  );
  const start = node.startIndex;
  const end = endOf(node);
  let lo = 0;
  let hi = byStart.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (all[byStart[mid]].node.startIndex < start) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < byStart.length && all[byStart[i]].node.startIndex < end; i++) {
    if (endOf(all[byStart[i]].node) <= end) yield byStart[i];
  }
}

/**
 * A key bound to clients of both SDKs in turn (`self.client = Anthropic()` on one branch,
 * `self.client = OpenAI()` on another): a `messages.create` on it is the Anthropic one's
 * (OpenAI's clients have no top-level `messages`).
 */
function anthropicAmong(ctx: FileContext, client: ClientBinding | null): ClientBinding | null {
  if (!client || client.vendor === 'anthropic' || !client.key) {
    return client;
  }
  return ctx.clients.find((c) => c.key === client.key && c.vendor === 'anthropic') ?? client;
}
