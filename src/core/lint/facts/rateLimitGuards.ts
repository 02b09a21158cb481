import type { Node } from '../../parse/treeSitter';
import type { FileContext } from '../context';
import { contains, endOf, FUNCTION_TYPES, kind, LOOP_TYPES, namedChildren, up } from '../syntax';
import { handlerBody, handlersOf, catchesRateLimit, leavesLoop } from './errorChecks';
import { assignedValues } from './functions';
import { callGraph } from './callGraph';

/**
 * What a condition in an error handler says about a rate-limit error (a 429): true for every
 * one (`'always'`: `err.status === 429`, `status >= 400 && status < 500`, `msg.includes('rate_limit')`),
 * false for every one (`'never'`: `err.status >= 500`, `code === 'ECONNRESET'`,
 * `"not_found_error" in msg`, `"rate" not in str(e)`), or not known. Read from the tree of the
 * condition (`||`/`or`, `&&`/`and`, `!`/`not`, parentheses; flags assigned in the handler,
 * two levels deep), each leaf from its text. Bounded by the condition's size.
 */
export type RateLimitTruth = 'always' | 'never' | 'unknown';

export function onRateLimit(ctx: FileContext, cond: Node | null, scope: Node, depth = 0): RateLimitTruth {
  if (!cond || depth > 4) {
    return 'unknown';
  }
  const k = kind(cond);
  if (k === 'parenthesized_expression') {
    const inner = namedChildren(cond).filter((c) => kind(c) !== 'comment');
    return inner.length === 1 ? onRateLimit(ctx, inner[0], scope, depth) : 'unknown';
  }
  const op = ctx.textOf(cond.childForFieldName('operator')).trim();
  if ((k === 'binary_expression' && (op === '||' || op === '&&')) || k === 'boolean_operator') {
    const left = onRateLimit(ctx, cond.childForFieldName('left'), scope, depth);
    const right = onRateLimit(ctx, cond.childForFieldName('right'), scope, depth);
    if (op === '||' || op === 'or') {
      return left === 'always' || right === 'always'
        ? 'always'
        : left === 'never' && right === 'never'
          ? 'never'
          : 'unknown';
    }
    return left === 'never' || right === 'never'
      ? 'never'
      : left === 'always' && right === 'always'
        ? 'always'
        : 'unknown';
  }
  if ((k === 'unary_expression' && op === '!') || k === 'not_operator') {
    const arg = cond.childForFieldName('argument') ?? namedChildren(cond)[0] ?? null;
    return negate(onRateLimit(ctx, arg, scope, depth));
  }
  if (k === 'identifier') {
    // A flag set in the handler: `const isRetryable = err.status >= 500 || …`.
    const values = assignedValues(ctx, ctx.textOf(cond), scope.startIndex, cond.startIndex);
    return values.length === 1 ? onRateLimit(ctx, values[0], scope, depth + 1) : 'unknown';
  }
  if (k === 'call' || k === 'call_expression') {
    const predicate = predicateReturn(ctx, cond);
    if (predicate) {
      return onRateLimit(ctx, predicate, predicate, depth + 1);
    }
  }
  const text = ctx.textOf(cond);
  if (text.length > 300) {
    return 'unknown';
  }
  // Python `x not in y` / `x is not y`: the negation of the positive test.
  if (k === 'comparison_operator' && /\bnot\s+in\b|\bis\s+not\b/.test(text)) {
    return negate(leaf(ctx, text.replace(/\bnot\s+in\b/, 'in').replace(/\bis\s+not\b/, 'is')));
  }
  if (/!==?/.test(text) && (k === 'binary_expression' || k === 'comparison_operator')) {
    return negate(leaf(ctx, text.replace(/!(==?)/, '=$1')));
  }
  if (k === 'comparison_operator' && /!=/.test(text)) {
    return negate(leaf(ctx, text.replace(/!=/, '==')));
  }
  return leaf(ctx, text);
}

function negate(t: RateLimitTruth): RateLimitTruth {
  return t === 'always' ? 'never' : t === 'never' ? 'always' : 'unknown';
}

/** Marks of a rate limit in a tested string or name. */
const RATE_MARK = /rate[ _-]?limit|too[ _-]?many[ _-]?requests|\b429\b|^rate$|RateLimit/i;
/** Marks of another error (never a 429): other statuses, network codes, overload, a missing model. */
const OTHER_MARK =
  /\b(?:4(?:0\d|1\d|2[0-8]|[3-9]\d)|5\d\d)\b|not[ _-]?found|overload|timed?[ _-]?out|timeout|ECONN\w*|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|UND_ERR\w*|AbortError|authentication|unauthori[sz]ed|permission|invalid[ _-]?(?:request|api)|context[ _-]?length|connection|network|fetch failed|\bsocket\b/i;
/** SDK error classes that never carry a 429. */
const OTHER_CLASS =
  /\b(?:InternalServerError|APIConnectionError|APIConnectionTimeoutError|APIUserAbortError|APITimeoutError|OverloadedError|AuthenticationError|BadRequestError|NotFoundError|PermissionDeniedError|UnprocessableEntityError|ConflictError|AbortError|TimeoutError)\b/;
/** SDK error classes every 429 is an instance of. */
const RATE_CLASS = /\b(?:RateLimitError|APIStatusError|APIError|AnthropicError|HTTPStatusError|HTTPError)\b/;

/** A leaf test (no boolean operator), in its positive form. */
function leaf(ctx: FileContext, text: string): RateLimitTruth {
  // A status compared with a number: `status >= 500`, `status_code < 500`, `code === 529`.
  const cmp =
    /\b(?:status|status_code|statusCode|code|status\(\))\s*(>=|<=|>|<|===|==|\bis\b)\s*(\d{3})\b/.exec(text);
  const rev = cmp
    ? null
    : /\b(\d{3})\s*(>=|<=|>|<|===|==)\s*[\w.]*\b(?:status|status_code|statusCode|code)\b/.exec(text);
  if (cmp || rev) {
    const n = Number(cmp ? cmp[2] : rev![1]);
    const o = cmp
      ? cmp[1]
      : (({ '>=': '<=', '<=': '>=', '>': '<', '<': '>' } as Record<string, string>)[rev![2]] ?? rev![2]);
    const holds =
      o === '>=' ? 429 >= n : o === '<=' ? 429 <= n : o === '>' ? 429 > n : o === '<' ? 429 < n : 429 === n;
    return holds ? 'always' : 'never';
  }
  // A list of statuses: `status in (500, 502, 529)`, `[429, 500].includes(code)`.
  const list = /[[(]\s*(\d{3}(?:\s*,\s*\d{3})*)\s*,?\s*[\])]/.exec(text);
  if (list && /\b(?:in|includes|has)\b/.test(text)) {
    return list[1].split(/\s*,\s*/).includes('429') ? 'always' : 'never';
  }
  // An error class: `isinstance(e, RateLimitError)`, `err instanceof Anthropic.APIError`.
  if (/\binstanceof\b|\bisinstance\s*\(/.test(text)) {
    if (OTHER_CLASS.test(text) && !RATE_CLASS.test(text)) {
      return 'never';
    }
    return RATE_CLASS.test(text) || /\binstanceof\s+Error\b|\bException\b/.test(text) ? 'always' : 'unknown';
  }
  // A tested string: `msg.includes('429')`, `"not_found_error" in msg`, `err.code === 'ECONNRESET'`.
  const strings = [...text.matchAll(/(['"`])((?:(?!\1)[^\\\n]|\\.)*)\1/g)].map((m) => m[2]);
  if (
    strings.length === 1 &&
    /\.(?:includes|startsWith|endsWith|indexOf|search|match|test)\s*\(|\bin\b|===?|\bis\b/.test(text)
  ) {
    const s = strings[0];
    if (RATE_MARK.test(s)) {
      return 'always';
    }
    if (ownStatusPrefix(ctx, s)) {
      return 'always';
    }
    if (OTHER_MARK.test(s)) {
      return 'never';
    }
    return 'unknown';
  }
  // `error.status`, `err.response`: set on every API error, a 429 included.
  if (/^[\w$.?]+\.(?:status|status_code|statusCode|response)$/.test(text.trim())) {
    return 'always';
  }
  return 'unknown';
}

/**
 * A string ending in a lone `4` that the file's own error text puts a status after
 * (`'Claude API error: 4'` with `` `Claude API error: ${error.response.status} …` `` thrown elsewhere):
 * a test for every 4xx, a 429 included. One text search per string.
 */
function ownStatusPrefix(ctx: FileContext, s: string): boolean {
  const m = /^(.*\D)4$/.exec(s);
  if (!m || m[1].trim().length < 4) {
    return false;
  }
  const prefix = m[1];
  for (
    let at = ctx.text.indexOf(prefix), i = 0;
    at !== -1 && i < 8;
    at = ctx.text.indexOf(prefix, at + 1), i++
  ) {
    const after = ctx.text.slice(at + prefix.length, at + prefix.length + 60);
    if (/^(?:\$\{|\{)[^}]*\bstatus/.test(after)) {
      return true;
    }
  }
  return false;
}

/** Whether a statement or block ends by leaving: `throw`, `raise`, `return`, `break`. */
function endsInExit(node: Node | null): boolean {
  let last = node;
  for (let i = 0; last && /block|statement_block/.test(kind(last)) && i < 8; i++) {
    const kids = namedChildren(last).filter((c) => kind(c) !== 'comment');
    last = kids[kids.length - 1] ?? null;
  }
  return !!last && /^(?:throw_statement|raise_statement|return_statement|break_statement)$/.test(kind(last));
}

/**
 * Whether a handler leaves on every rate-limit error before anything retries: one of its
 * top-level statements is `if (<always on a 429>) { … throw }` (`if (err.status >= 400 &&
 * err.status < 500) throw err`, `if (!isRetryable) throw err` with `isRetryable = err.status >= 500 || …`),
 * and no statement before it `continue`s.
 */
export function leavesOnRateLimit(ctx: FileContext, handler: Node, before = Infinity): boolean {
  const body = handlerBody(handler);
  for (const stmt of namedChildren(body)) {
    if (endOf(stmt) > before) {
      return false; // (only what runs before the re-attempt)
    }
    if (kind(stmt) === 'if_statement') {
      const cond = stmt.childForFieldName('condition');
      const then = stmt.childForFieldName('consequence');
      // (a branch that ends in a raise but `continue`s before it, `if attempt < n - 1: sleep(p);
      // continue`, retries the 429 it tests: it does not leave on it)
      if (
        endsInExit(then) &&
        !/\bcontinue\b/.test(ctx.textOf(then)) &&
        onRateLimit(ctx, cond, handler) === 'always'
      ) {
        return true;
      }
    }
    if (/\bcontinue\b/.test(ctx.textOf(stmt))) {
      return false;
    }
  }
  return false;
}

/** Whether every handler of a try that can catch a rate limit leaves on it (see `leavesOnRateLimit`). */
export function everyHandlerLeavesOnRateLimit(ctx: FileContext, tryNode: Node): boolean {
  const handlers = handlersOf(tryNode).filter(
    (h) => catchesRateLimit(ctx, h) && !leavesLoop(ctx, handlerBody(h)),
  );
  return handlers.length > 0 && handlers.every((h) => leavesOnRateLimit(ctx, h));
}

/**
 * Whether a re-attempt inside a handler runs only for errors that are not rate limits: it sits
 * after an `if` that leaves on every 429 (see `leavesOnRateLimit`), or in the branch of an `if` whose condition is never true on a 429 (`if retries < 3 and "rate" not
 * in str(e):`, `if "not_found_error" in msg:`), or in the `else` of one always true on it.
 */
export function guardedFromRateLimits(ctx: FileContext, at: Node, handler: Node): boolean {
  if (leavesOnRateLimit(ctx, handler, at.startIndex)) {
    return true; // `if (!isRetryable) throw err;` before it
  }
  let prev: Node = at;
  for (
    let n = up(at);
    n && n.startIndex >= handler.startIndex && endOf(n) <= endOf(handler);
    prev = n, n = up(n)
  ) {
    const k = kind(n);
    if (k === 'if_statement' || k === 'elif_clause') {
      const cond = n.childForFieldName('condition');
      const then = n.childForFieldName('consequence');
      const truth = onRateLimit(ctx, cond, handler);
      if (then && then.startIndex <= prev.startIndex && endOf(prev) <= endOf(then)) {
        if (truth === 'never') {
          return true;
        }
      } else if (
        truth === 'always' &&
        cond &&
        !(cond.startIndex <= prev.startIndex && endOf(prev) <= endOf(cond))
      ) {
        return true; // in the `else` of a test true on every 429
      }
    }
    if (n.startIndex === handler.startIndex) {
      break;
    }
  }
  return false;
}

/**
 * Whether a retry loop's handler re-attempts only errors that are not rate limits: it leaves on
 * every 429 first (see `leavesOnRateLimit`), or each `continue` in it is guarded from rate limits
 * (see `guardedFromRateLimits`: `if (isNetworkError && attempt < max) { …; continue }` with
 * `isNetworkError` read from socket codes and messages) and it ends by leaving (`throw error`), so
 * no other path goes round again.
 */
export function reattemptsOtherErrorsOnly(ctx: FileContext, handler: Node): boolean {
  if (leavesOnRateLimit(ctx, handler)) {
    return true;
  }
  const body = handlerBody(handler);
  if (!body || !endsInExit(body)) {
    return false;
  }
  const goes: Node[] = [];
  const walk = (n: Node, depth: number): void => {
    for (const c of namedChildren(n)) {
      const k = kind(c);
      if (k === 'continue_statement') {
        goes.push(c);
      } else if (depth < 12 && !LOOP_TYPES.has(k) && !FUNCTION_TYPES.has(k)) {
        walk(c, depth + 1);
      }
    }
  };
  walk(body, 0);
  return goes.length > 0 && goes.length <= 8 && goes.every((c) => guardedFromRateLimits(ctx, c, handler));
}

/**
 * Whether a Claude call's own function catches its errors and lets none out: a `try` around it
 * (inside the function) has a handler that can catch a rate limit and neither re-raises nor
 * re-throws (`catch { return null }`, `except Exception: log; return None`). A caller's handler
 * never sees that call's errors. (`inside`: how far up to read; by default to the function.)
 */
export function catchesOwnErrors(
  ctx: FileContext,
  call: Node,
  inside: (n: Node) => boolean = (n) => !FUNCTION_TYPES.has(kind(n)),
): boolean {
  let prev: Node = call;
  for (let n = up(call); n && inside(n); prev = n, n = up(n)) {
    const body = kind(n) === 'try_statement' ? n.childForFieldName('body') : null;
    if (!body || !contains(body, prev)) {
      continue;
    }
    for (const h of handlersOf(n)) {
      if (
        catchesRateLimit(ctx, h) &&
        !/\b(?:raise|throw)\b/.test(ctx.textOf(handlerBody(h))) &&
        !raisesAfterLoop(n, inside)
      ) {
        return true;
      }
    }
  }
  return false;
}

/**
 * Whether the retry loop around a `try` gives up by raising once its attempts run out (`for attempt
 * in range(n): try: … except RateLimitError: sleep(…)` then `raise Exception("failed")`): the
 * errors its handler swallowed on each attempt come out in the end. Reads the three statements after
 * the loop.
 */
function raisesAfterLoop(tryNode: Node, inside: (n: Node) => boolean): boolean {
  let loop: Node | null = up(tryNode);
  for (let i = 0; loop && i < 4 && inside(loop) && !LOOP_TYPES.has(kind(loop)); i++) {
    loop = up(loop);
  }
  if (!loop || !LOOP_TYPES.has(kind(loop))) {
    return false;
  }
  const siblings = namedChildren(up(loop));
  const at = siblings.findIndex((s) => s.startIndex === loop.startIndex);
  return (
    at >= 0 &&
    siblings.slice(at + 1, at + 4).some((s) => kind(s) === 'raise_statement' || kind(s) === 'throw_statement')
  );
}

/**
 * The returned expression of a same-file predicate called in a condition (`busy(err)`,
 * `self._retryable(e)`): its only `return` (or an arrow function's expression body).
 */
function predicateReturn(ctx: FileContext, call: Node): Node | null {
  const name = /^(?:(?:self|this)\s*\.\s*)?([A-Za-z_$][\w$]*)$/.exec(
    ctx.textOf(call.childForFieldName('function')),
  )?.[1];
  const fn = name ? callGraph(ctx).byName.get(name)?.[0] : undefined;
  if (!fn || (fn.start <= call.startIndex && call.startIndex < fn.end)) {
    return null;
  }
  const body = fn.node.childForFieldName('body');
  if (body && !/block/.test(kind(body))) {
    return body; // `const busy = (e) => e.status === 529`
  }
  const returns = namedChildren(body).filter((c) => kind(c) === 'return_statement');
  const statements = namedChildren(body).filter(
    (c) => !/comment|expression_statement/.test(kind(c)) || c === returns[0],
  );
  return returns.length === 1 && statements.length === 1 ? (namedChildren(returns[0])[0] ?? null) : null;
}
