import type { Node } from '../parse/treeSitter';
import type { ClaudeCall, FileContext } from './context';
import {
  argumentList,
  callee,
  COMPREHENSION_TYPES,
  dottedName,
  FUNCTION_TYPES,
  isCall,
  lastSegment,
  LOOP_TYPES,
  namedChildren,
  numberValue,
  positionalArgs,
  unwrap,
  up,
  kind,
  kindOf,
  endOf,
} from './syntax';

/** Names that read like a concurrency limiter (`limit`, `queue.add`, `sem`, `limiter.schedule`). */
const LIMITER_NAME =
  /limit|throttl|queue|^sem$|^_?sem_|sema(phore)?|mutex|lock|schedul|bottleneck|concurren|bucket|slots?$/i;
/** Methods of limiter objects that run a task under the limit. */
const LIMITER_METHODS = new Set([
  'schedule',
  'wrap',
  'add',
  'addAll',
  'run',
  'runExclusive',
  'submit',
  'enqueue',
  'limit',
  'throttle',
]);
/** Explicit acquire calls before the request inside the mapped function. */
const ACQUIRE = /\b[\w$.]+\.(?:acquire|removeTokens|waitForToken|wait_for_token|consume)\s*\(/;

/** Whether a callee or context expression looks like a concurrency limiter. */
export function looksLikeLimiter(ctx: FileContext, expr: Node | null): boolean {
  const n = unwrap(expr);
  if (!n) {
    return false;
  }
  if (isCall(n) || kind(n) === 'new_expression') {
    // `async with asyncio.Semaphore(5):`, `limit(() => ...)(...)`
    const name = dottedName(callee(n), ctx.text);
    return name !== '' && LIMITER_NAME.test(lastSegment(name)) && !/messages\./.test(name);
  }
  const name = dottedName(n, ctx.text);
  if (!name) {
    return false;
  }
  const segments = name.split('.');
  const last = segments[segments.length - 1];
  if (ctx.limiterNames.has(last) || LIMITER_NAME.test(last)) {
    return true;
  }
  if (segments.length >= 2 && LIMITER_METHODS.has(last)) {
    const owner = segments[segments.length - 2];
    return ctx.limiterNames.has(owner) || LIMITER_NAME.test(owner);
  }
  return false;
}

/**
 * Whether `from` runs under a concurrency limit set up between it and `boundary`:
 * inside a function passed to a limiter (`limit(() => ...)`, `queue.add(...)`,
 * `limiter.schedule(...)`), inside `async with sem:`, or after an explicit `acquire()`.
 */
export function isLimited(ctx: FileContext, from: Node, boundary: Node | null): boolean {
  // Nothing limiter-like written between the boundary and the call: no need to climb.
  if (boundary && !mentionsLimiter(ctx, ctx.text.slice(boundary.startIndex, from.startIndex))) {
    return false;
  }
  let prev: Node = from;
  for (let n = up(from); n; prev = n, n = up(n)) {
    if (isCall(n) && !samePos(n, from)) {
      const args = argumentList(n);
      if (
        args &&
        prev.startIndex >= args.startIndex &&
        endOf(prev) <= endOf(args) &&
        looksLikeLimiter(ctx, callee(n))
      ) {
        return true;
      }
    } else if (kind(n) === 'with_statement') {
      for (const item of withItems(n)) {
        if (!contains(item, from) && looksLikeLimiter(ctx, item)) {
          return true;
        }
      }
    }
    if (boundary && samePos(n, boundary)) {
      break;
    }
  }
  const scopeStart = boundary ? boundary.startIndex : (enclosingFunctionStart(from) ?? 0);
  return ACQUIRE.test(ctx.text.slice(scopeStart, from.startIndex));
}

/** Limiter-ish words that must appear in the text for a call to run under a limit. */
const LIMITER_TEXT =
  /limit|queue|throttl|sema|\bsem\b|_sem\b|mutex|lock|schedul|bottleneck|concurren|bucket|slot|acquire|removeTokens|waitForToken|wait_for_token|consume|\.(?:add|addAll|wrap|run|runExclusive|submit|enqueue)\s*\(/i;

function mentionsLimiter(ctx: FileContext, text: string): boolean {
  if (LIMITER_TEXT.test(text)) {
    return true;
  }
  for (const name of ctx.limiterNames) {
    if (text.includes(name)) {
      return true;
    }
  }
  return false;
}

function enclosingFunctionStart(node: Node): number | undefined {
  for (let n = up(node); n; n = up(n)) {
    if (FUNCTION_TYPES.has(kind(n))) {
      return n.startIndex;
    }
  }
  return undefined;
}

/** The context expressions of a Python `with` statement (aliases stripped). */
export function withItems(withStatement: Node): Node[] {
  const out: Node[] = [];
  const clause = namedChildren(withStatement).find((c) => kind(c) === 'with_clause');
  for (const item of namedChildren(clause ?? null)) {
    let value = item.childForFieldName('value') ?? namedChildren(item)[0] ?? null;
    if (kindOf(value) === 'as_pattern') {
      value = namedChildren(value)[0] ?? null;
    }
    if (value) {
      out.push(value);
    }
  }
  return out;
}

function samePos(a: Node, b: Node): boolean {
  return a.startIndex === b.startIndex && endOf(a) === endOf(b) && kind(a) === kind(b);
}

function contains(outer: Node, inner: Node): boolean {
  return outer.startIndex <= inner.startIndex && endOf(inner) <= endOf(outer);
}

/** What a fan-out element reaches: Claude calls that run without a limit. */
export interface Reach {
  calls: ClaudeCall[];
  /** The same-file function followed, if any. */
  followed?: string;
  /** The function that makes the calls (inline callback or followed function). */
  callback?: Node;
}

/**
 * The unlimited Claude calls an expression makes when it is evaluated once per item:
 * calls written inside it, and calls inside same-file functions it calls (one level).
 * A call under a limiter (between it and `expr`, or inside the followed function) does not count.
 */
export function reach(ctx: FileContext, expr: Node): Reach {
  const inline = ctx.callsWithin(expr).filter((c) => !isLimited(ctx, c.node, expr));
  if (inline.length > 0) {
    return { calls: inline, callback: FUNCTION_TYPES.has(kind(expr)) ? expr : undefined };
  }
  // A bare reference: `.map(summarize)`, `executor.map(summarize, items)`.
  const ref = unwrap(expr);
  const refKind = kindOf(ref);
  if (ref && (refKind === 'identifier' || refKind === 'member_expression' || refKind === 'attribute')) {
    const name = lastSegment(dottedName(ref, ctx.text));
    return (name && followFunction(ctx, name, expr)) || { calls: [] };
  }
  // Calls to same-file functions inside the expression: `x => summarize(x)`, `summarize(x) for x in xs`.
  // From one character before the expression: the pattern checks the character before a name.
  for (const m of ctx.scan(CALL_SITE, Math.max(0, expr.startIndex - 1), endOf(expr))) {
    if (NOT_FUNCTIONS.has(m[1]) || ctx.functionsNamed(m[1]).length === 0) {
      continue;
    }
    const offset = m.index + m[0].lastIndexOf(m[1]);
    let site = ctx.nodeAt(offset);
    while (site && !isCall(site) && site.startIndex >= expr.startIndex) {
      site = up(site);
    }
    if (!site || !isCall(site) || site.startIndex < expr.startIndex || isLimited(ctx, site, expr)) {
      continue;
    }
    const followed = followFunction(ctx, m[1], site);
    if (followed) {
      return followed;
    }
  }
  return { calls: [] };
}

/** Whether the text of a node calls a same-file function that makes Claude calls. */
export function callsClaudeFunction(ctx: FileContext, node: Node): boolean {
  for (const m of ctx.scan(CALL_SITE, Math.max(0, node.startIndex - 1), endOf(node))) {
    if (!NOT_FUNCTIONS.has(m[1]) && ctx.functionsNamed(m[1]).length > 0) {
      return true;
    }
  }
  return false;
}

/** A call of a plain name or of a method on `this`/`self`: `summarize(`, `this.summarize(`. */
const CALL_SITE = /(?:^|[^\w$.])(?:(?:this|self)\s*\.\s*)?([A-Za-z_$][\w$]*)\s*\(/g;
/** Keywords and builtins that look like calls. */
const NOT_FUNCTIONS = new Set([
  'if',
  'for',
  'while',
  'switch',
  'catch',
  'function',
  'return',
  'await',
  'async',
  'typeof',
  'new',
  'super',
  'print',
  'len',
  'str',
  'int',
  'list',
  'dict',
  'set',
  'tuple',
  'range',
  'isinstance',
]);

function followFunction(ctx: FileContext, name: string, site: Node): Reach | undefined {
  for (const fn of ctx.functionsNamed(name)) {
    if (contains(fn, site)) {
      continue; // recursion, or the fan-out inside the function itself
    }
    const calls = ctx.callsWithin(fn).filter((c) => !isLimited(ctx, c.node, fn));
    if (calls.length > 0) {
      return { calls, followed: name, callback: fn };
    }
  }
  return undefined;
}

/** Escapes text for use inside a RegExp. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ---- retries ---------------------------------------------------------------------------

/** A hand-written retry loop around a call. */
export interface RetryLoop {
  loop: Node;
  tryNode: Node;
  /** Handlers that can catch a rate-limit error and do not just re-throw. */
  handlers: Node[];
}

const PY_RATE_LIMIT_CATCHERS = new Set([
  'RateLimitError',
  'APIStatusError',
  'APIError',
  'AnthropicError',
  'Exception',
  'BaseException',
  'HTTPStatusError',
  'HTTPError',
  'OverloadedError',
]);

/** The loop head: from the loop keyword to the start of the body. */
export function loopHead(loop: Node): { start: number; end: number } {
  const body = loop.childForFieldName('body');
  if (kind(loop) === 'do_statement' || !body) {
    const end = body && kind(loop) !== 'do_statement' ? body.startIndex : loop.startIndex + 2;
    return { start: loop.startIndex, end: Math.max(loop.startIndex + 1, end) };
  }
  return { start: loop.startIndex, end: body.startIndex };
}

/**
 * The retry loop around a call: a loop (in the same function) containing a `try` whose body
 * holds the call, where success leaves the loop (`return`/`break`) or failure `continue`s.
 * Loops over a collection (`for x of items`) are item loops, not retries, unless the try returns.
 */
export function findRetryLoop(ctx: FileContext, call: Node): RetryLoop | null {
  // Most calls are in no try block at all: decide that from offsets before walking the tree.
  if (!tryBodies(ctx).some((b) => b.start <= call.startIndex && endOf(call) <= b.end)) {
    return null;
  }
  let tryNode: Node | null = null;
  let prev: Node = call;
  for (let n = up(call); n; prev = n, n = up(n)) {
    if (FUNCTION_TYPES.has(kind(n)) || COMPREHENSION_TYPES.has(kind(n))) {
      return null;
    }
    if (kind(n) === 'try_statement' && !tryNode) {
      const body = n.childForFieldName('body');
      if (body && contains(body, prev)) {
        tryNode = n;
      }
    }
    if (LOOP_TYPES.has(kind(n)) && tryNode) {
      return isRetryLoop(ctx, n, tryNode)
        ? { loop: n, tryNode, handlers: rateLimitHandlers(ctx, tryNode) }
        : null;
    }
  }
  return null;
}

/** The offset ranges of every try block's body in the file (found once, from the `try` keywords). */
export function tryBodies(ctx: FileContext): Array<{ start: number; end: number; node: Node }> {
  return ctx.memo('try-bodies', () => {
    const out: Array<{ start: number; end: number; node: Node }> = [];
    for (const m of ctx.scan(/\btry\s*[:{]/g)) {
      let t = ctx.nodeAt(m.index);
      t = t && kind(t) !== 'try_statement' ? up(t) : t;
      const body = t && kind(t) === 'try_statement' ? t.childForFieldName('body') : null;
      if (t && body) {
        out.push({ start: body.startIndex, end: endOf(body), node: t });
      }
    }
    return out;
  });
}

function isRetryLoop(ctx: FileContext, loop: Node, tryNode: Node): boolean {
  const body = loop.childForFieldName('body');
  if (!body) {
    return false;
  }
  const tryBody = tryNode.childForFieldName('body');
  const tryText = ctx.textOf(tryBody);
  const exitsInTry = /\b(return|break)\b/.test(tryText);
  const handlersText = ctx
    .textOf(tryNode)
    .slice((tryBody ? endOf(tryBody) : tryNode.startIndex) - tryNode.startIndex);
  const continues = /\bcontinue\b/.test(handlersText);
  const exitsAfter = /\b(return|break)\b/.test(ctx.text.slice(endOf(tryNode), endOf(body)));
  if (!(exitsInTry || continues || exitsAfter)) {
    return false;
  }
  if (kind(loop) === 'for_in_statement' || (ctx.python && kind(loop) === 'for_statement')) {
    const right = loop.childForFieldName('right');
    const overRange =
      !!right && /^\s*(?:range|Retrying|AsyncRetrying|itertools\.count|count)\s*\(/.test(ctx.textOf(right));
    return overRange || exitsInTry;
  }
  return true;
}

/** The handlers of a try statement that would catch a rate-limit error and not simply re-raise it. */
export function rateLimitHandlers(ctx: FileContext, tryNode: Node): Node[] {
  const out: Node[] = [];
  for (const child of namedChildren(tryNode)) {
    if (kind(child) === 'catch_clause') {
      if (!leavesLoop(ctx, child.childForFieldName('body'))) {
        out.push(child);
      }
    } else if (kind(child) === 'except_clause' || kind(child) === 'except_group_clause') {
      const kids = namedChildren(child);
      const block = kids.find((k) => kind(k) === 'block') ?? null;
      if (leavesLoop(ctx, block)) {
        continue;
      }
      let value = child.childForFieldName('value') ?? kids.find((k) => kind(k) !== 'block') ?? null;
      if (kindOf(value) === 'as_pattern') {
        value = namedChildren(value)[0] ?? null;
      }
      if (!value) {
        out.push(child);
        continue;
      }
      const types =
        kind(value) === 'tuple' || kind(value) === 'parenthesized_expression'
          ? namedChildren(value)
          : [value];
      if (
        types.some((t) => PY_RATE_LIMIT_CATCHERS.has(lastSegment(dottedName(t, ctx.text)) || ctx.textOf(t)))
      ) {
        out.push(child);
      }
    }
  }
  return out;
}

const EXITS = new Set(['throw_statement', 'raise_statement', 'return_statement', 'break_statement']);

/**
 * Whether a handler always leaves the loop instead of retrying: its last statement throws,
 * returns or breaks (an agent loop that logs and stops, a handler that re-raises), and it
 * never `continue`s.
 */
function leavesLoop(ctx: FileContext, body: Node | null): boolean {
  const statements = namedChildren(body);
  const last = statements[statements.length - 1];
  if (!last) {
    return false;
  }
  return EXITS.has(kind(last)) && !/\bcontinue\b/.test(ctx.textOf(body));
}

/** How a retry loop waits between attempts. */
export interface WaitInfo {
  kind: 'none' | 'fixed' | 'growing' | 'retry-after';
  jitter: boolean;
  /** The sleep call, if any. */
  call?: Node;
}

const JS_SLEEP = /\b(?:sleep|delay|wait|setTimeout|pause|snooze|backoff|waitFor|timeout)\s*\(/gi;
const PY_SLEEP = /\b(?:time\.|asyncio\.|trio\.|anyio\.|gevent\.)?sleep\s*\(/g;

/** Classifies how a retry loop waits: not at all, a fixed time, a growing time, or per `retry-after`. */
export function classifyWait(ctx: FileContext, loop: RetryLoop): WaitInfo {
  const loopText = ctx.textOf(loop.loop);
  const honoursRetryAfter = /retry[-_]?after/i.test(loopText);
  let sleep: Node | undefined;
  let delay: Node | null = null;
  const re = ctx.python ? PY_SLEEP : JS_SLEEP;
  re.lastIndex = 0;
  for (let m = re.exec(loopText); m; m = re.exec(loopText)) {
    const offset = loop.loop.startIndex + m.index + m[0].search(/\w+\s*\($/);
    let n = ctx.nodeAt(offset);
    while (n && !isCall(n) && n.startIndex >= loop.loop.startIndex) {
      n = up(n);
    }
    if (!n || !isCall(n) || ctx.inCommentOrString(offset)) {
      continue;
    }
    const tryBody = loop.tryNode.childForFieldName('body');
    if (tryBody && contains(tryBody, n)) {
      continue; // a sleep inside the try is pacing, not back-off
    }
    sleep = n;
    const name = lastSegment(dottedName(callee(n), ctx.text));
    const args = positionalArgs(n);
    delay = name === 'setTimeout' && args.length > 1 ? args[1] : (args[0] ?? null);
    if (delay && /^(?:resolve|r|res|done)$/.test(ctx.textOf(delay)) && args.length > 1) {
      delay = args[1];
    }
    break;
  }
  // `new Promise(r => setTimeout(r, ms))` is found through setTimeout above.
  if (!sleep) {
    return { kind: honoursRetryAfter ? 'retry-after' : 'none', jitter: false };
  }
  const delayText = expandLocals(ctx, loop.loop, ctx.textOf(delay));
  const jitter = /random|jitter|uniform/i.test(delayText);
  if (honoursRetryAfter || /retry[-_]?after|headers/i.test(delayText)) {
    return { kind: 'retry-after', jitter, call: sleep };
  }
  if (
    /\*\*|Math\.pow|\bpow\s*\(|<<|\bexp\b|Math\.exp/.test(delayText) ||
    usesLoopVariable(ctx, loop.loop, delayText)
  ) {
    return { kind: 'growing', jitter, call: sleep };
  }
  return { kind: 'fixed', jitter, call: sleep };
}

/** Adds the initialisers of identifiers declared in the loop to a delay expression's text (one level). */
function expandLocals(ctx: FileContext, loop: Node, delayText: string): string {
  let out = delayText;
  const loopText = ctx.textOf(loop);
  for (const id of new Set(delayText.match(/[A-Za-z_$][\w$]*/g) ?? [])) {
    const re = new RegExp(`(?:^|[^\\w$.])${escapeRegExp(id)}\\s*(?::[^=\\n]*)?=(?!=)([^;\\n]*)`, 'g');
    for (let m = re.exec(loopText); m; m = re.exec(loopText)) {
      out += ` ${m[1]}`;
    }
    // Also the declaration just before the loop (`let delay = 1000;` then `delay *= 2` inside).
  }
  return out;
}

/** Whether a delay depends on something that changes between iterations. */
function usesLoopVariable(ctx: FileContext, loop: Node, delayText: string): boolean {
  const loopText = ctx.textOf(loop);
  const counters = new Set<string>();
  const init = loop.childForFieldName('initializer') ?? loop.childForFieldName('left');
  for (const m of ctx.textOf(init).matchAll(/[A-Za-z_$][\w$]*/g)) {
    counters.add(m[0]);
  }
  for (const id of new Set(delayText.match(/[A-Za-z_$][\w$]*/g) ?? [])) {
    if (counters.has(id)) {
      return true;
    }
    const updated = new RegExp(
      `(?:^|[^\\w$.])${escapeRegExp(id)}\\s*(?:[-+*/]|\\*\\*|<<)=|(?:\\+\\+|--)\\s*${escapeRegExp(id)}\\b|\\b${escapeRegExp(id)}\\s*(?:\\+\\+|--)`,
    );
    if (updated.test(loopText)) {
      return true;
    }
  }
  return false;
}

/** A retry library wrapped around a call. */
export interface RetryLibraryUse {
  library: string;
  /** The wrapping call (`pRetry(...)`) or decorator. */
  node: Node;
  /** The callee or decorator expression. */
  head: Node;
}

const JS_RETRY_NAMES = /^(?:pRetry|retry|backOff|asyncRetry|promiseRetry|retryAsync|retryPromise)$/;
const PY_RETRY_DECORATOR =
  /^@\s*(?:tenacity\.retry|retry|backoff\.on_exception|backoff\.on_predicate|on_exception|stamina\.retry|retrying\.retry)\b/;

/** The retry library (p-retry, async-retry, tenacity, backoff, ...) that wraps a call, if any. */
export function findRetryLibrary(ctx: FileContext, call: Node): RetryLibraryUse | null {
  const libs = ctx.imports.retryLibs;
  if (libs.size === 0) {
    return null; // every form below needs an imported retry library
  }
  // The innermost retry-library scope (found once per file) that contains the call.
  let best: RetryScope | undefined;
  for (const scope of retryScopes(ctx)) {
    if (scope.start <= call.startIndex && endOf(call) <= scope.end && (!best || scope.start >= best.start)) {
      best = scope;
    }
  }
  if (best) {
    return best.use;
  }
  // `await pRetry(callClaude, {...})` elsewhere in the file: is the call inside `callClaude`?
  for (const [name, hit] of retryWrappedFunctions(ctx)) {
    if (ctx.functionsNamed(name).some((fn) => fn.startIndex <= call.startIndex && endOf(call) <= endOf(fn))) {
      let n = ctx.nodeAt(hit.offset);
      while (n && !isCall(n)) {
        n = up(n);
      }
      const head = callee(n);
      if (n && head) {
        return { library: hit.library, node: n, head };
      }
    }
  }
  return null;
}

/** A region of the file that runs under a retry library. */
interface RetryScope {
  start: number;
  end: number;
  use: RetryLibraryUse;
}

/**
 * The regions wrapped by a retry library, found once per file: the arguments of
 * `pRetry(...)`/`retry(...)`/`backOff(...)` (JS), functions decorated with `@retry` /
 * `@backoff.on_exception` (Python), and `for attempt in Retrying(...)` loops (tenacity).
 */
function retryScopes(ctx: FileContext): RetryScope[] {
  return ctx.memo('retry-scopes', () => {
    const libs = ctx.imports.retryLibs;
    const out: RetryScope[] = [];
    if (ctx.python) {
      for (const m of ctx.scan(/^[ \t]*@[ \t]*([\w.]+)/gm)) {
        if (!PY_RETRY_DECORATOR.test(`@${m[1]}`)) {
          continue;
        }
        let dec = ctx.nodeAt(m.index + m[0].indexOf('@'));
        while (dec && kind(dec) !== 'decorator') {
          dec = up(dec);
        }
        const decorated = up(dec);
        const fn =
          decorated && kind(decorated) === 'decorated_definition'
            ? decorated.childForFieldName('definition')
            : null;
        const lib = libs.get(m[1].split('.')[0]) ?? [...libs.values()][0];
        if (dec && fn && lib) {
          out.push({ start: fn.startIndex, end: endOf(fn), use: { library: lib, node: dec, head: dec } });
        }
      }
      for (const m of ctx.scan(/\bin\s+((?:tenacity\.)?(?:Async)?Retrying)\s*\(/g)) {
        let loop = ctx.nodeAt(m.index + m[0].indexOf(m[1]));
        while (loop && kind(loop) !== 'for_statement') {
          loop = up(loop);
        }
        const right = loop?.childForFieldName('right');
        if (loop && right) {
          out.push({
            start: loop.startIndex,
            end: endOf(loop),
            use: { library: 'tenacity', node: loop, head: right },
          });
        }
      }
      return out;
    }
    const names = [
      ...new Set([
        ...libs.keys(),
        'pRetry',
        'retry',
        'backOff',
        'asyncRetry',
        'promiseRetry',
        'retryAsync',
        'retryPromise',
      ]),
    ];
    const re = new RegExp(`\\b(${names.map(escapeRegExp).join('|')})\\s*\\(`, 'g');
    for (const m of ctx.scan(re)) {
      if (/[\w$.]/.test(ctx.text[m.index - 1] ?? '')) {
        continue; // `x.retry(` or `$retry(`: not the library function
      }
      const lib = libs.get(m[1]) ?? (JS_RETRY_NAMES.test(m[1]) ? [...libs.values()][0] : undefined);
      if (!lib || ctx.inCommentOrString(m.index)) {
        continue;
      }
      let call = ctx.nodeAt(m.index);
      while (call && !isCall(call)) {
        call = up(call);
      }
      const args = argumentList(call);
      const head = callee(call);
      if (call && args && head) {
        out.push({ start: args.startIndex, end: endOf(args), use: { library: lib, node: call, head } });
      }
    }
    return out;
  });
}

/** Names of functions passed to a retry library in this file (`pRetry(callClaude)`), computed once. */
function retryWrappedFunctions(ctx: FileContext): Map<string, { library: string; offset: number }> {
  return ctx.memo('retry-wrapped-functions', () => {
    const map = new Map<string, { library: string; offset: number }>();
    const libs = ctx.imports.retryLibs;
    if (libs.size === 0 || ctx.python) {
      return map; // Python retry libraries are decorators and `Retrying` loops (see retryScopes)
    }
    const names = [...libs.keys()].map(escapeRegExp).join('|');
    const re = new RegExp(
      `\\b(${names})\\s*\\(\\s*(?:(?:async\\s*)?\\(\\s*\\)\\s*=>\\s*)?(?:this\\.)?([A-Za-z_$][\\w$]*)`,
      'g',
    );
    for (const m of ctx.scan(re)) {
      if (!map.has(m[2]) && !ctx.inCommentOrString(m.index)) {
        map.set(m[2], { library: libs.get(m[1]) ?? m[1], offset: m.index });
      }
    }
    return map;
  });
}

/**
 * Whether a call has retry handling of its own: a retry loop, a retry library, or a
 * wrapper/enclosing function named like one (`withRetry(...)`, `async function callWithBackoff`).
 */
export function hasOwnRetryHandling(ctx: FileContext, call: Node): boolean {
  if (findRetryLoop(ctx, call) || findRetryLibrary(ctx, call)) {
    return true;
  }
  let prev: Node = call;
  for (let n = up(call); n; prev = n, n = up(n)) {
    if (isCall(n)) {
      const args = argumentList(n);
      if (args && contains(args, prev) && /retr(y|ies)|backoff/i.test(dottedName(callee(n), ctx.text))) {
        return true;
      }
    }
    if (FUNCTION_TYPES.has(kind(n))) {
      const own = n.childForFieldName('name');
      const parent = up(n);
      const name = own
        ? ctx.textOf(own)
        : parent && kind(parent) === 'variable_declarator'
          ? ctx.textOf(parent.childForFieldName('name'))
          : '';
      if (/retr(y|ies)|backoff/i.test(name)) {
        return true;
      }
      if (
        kindOf(parent) === 'decorated_definition' &&
        /@\s*[\w.]*(retry|backoff)/i.test(ctx.textOf(parent))
      ) {
        return true;
      }
    }
  }
  return false;
}

/** A numeric literal value, or undefined. */
export function literalNumber(ctx: FileContext, node: Node | null): number | undefined {
  return numberValue(node, ctx.text);
}
