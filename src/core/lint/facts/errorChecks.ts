import type { Node } from '../../parse/treeSitter';
import type { FileContext } from '../context';
import { dottedName, lastSegment, namedChildren, nodeSpanning, up, kind, kindOf, endOf } from '../syntax';
import { moduleConstant } from './constants';
import {
  callGraph,
  claudeTarget,
  functionAt,
  type LocalFunction,
  passedParams,
  siteCall,
  sitesWithin,
} from './callGraph';
import { allHttpClaudeCalls, httpClaudeHelpers } from './httpHelpers';
import { lastAssignedValue } from './functions';
import { keywordParams } from './arguments';

const PY_RATE_LIMIT_CATCHERS = new Set([
  'RateLimitError',
  'APIStatusError',
  'APIError',
  'AnthropicError',
  'Exception',
  'BaseException',
  'HTTPStatusError',
  'HTTPError',
  'RequestException',
]);
// (`OverloadedError` is a 529: a handler naming only it never sees a 429.)

/** A try block's body: its offset range, and the try statement (`node`). */
export interface TryBody {
  start: number;
  end: number;
  node: Node;
}

/** The offset ranges of every try block's body in the file (found once, from the `try` keywords). */
export function tryBodies(ctx: FileContext): TryBody[] {
  return ctx.memo('try-bodies', () => {
    const out: TryBody[] = [];
    // (Every match starts at a whole word `try`: tried at those, kept across edits in an editor document.)
    for (const m of ctx.scanFromHint(/\btry\s*[:{]/y, /\btry\b/g)) {
      // Read from the try statement's subtree (kept across an edit elsewhere, see
      // `FileContext.derive`); the node of a kept one is found again only when asked for.
      let node: Node | undefined;
      const found = ctx.derive<{ start: number; end: number; at: number; to: number } | null>(
        'try-body',
        m.index,
        () => {
          const leaf = ctx.nodeAt(m.index);
          const t = leaf && kind(leaf) !== 'try_statement' ? up(leaf) : leaf;
          const body = t && kind(t) === 'try_statement' ? t.childForFieldName('body') : null;
          const read = t ?? leaf;
          node = t && body ? t : undefined;
          return {
            value:
              t && body ? { start: body.startIndex, end: endOf(body), at: t.startIndex, to: endOf(t) } : null,
            start: read ? read.startIndex : m.index,
            end: read && ctx.keeps ? endOf(read) : m.index,
          };
        },
        (v, by) => v && { start: v.start + by, end: v.end + by, at: v.at + by, to: v.to + by },
      );
      if (found) {
        out.push(new LazyTryBody(ctx, found, node));
      }
    }
    return out;
  });
}

/** A `TryBody` whose try statement is found in the tree when first read. */
class LazyTryBody implements TryBody {
  readonly start: number;
  readonly end: number;
  #node: Node | undefined;

  constructor(
    private readonly ctx: FileContext,
    private readonly range: { start: number; end: number; at: number; to: number },
    node?: Node,
  ) {
    this.start = range.start;
    this.end = range.end;
    this.#node = node;
  }

  get node(): Node {
    const { at, to } = this.range;
    const node = (this.#node ??=
      nodeSpanning(this.ctx.root, at, to, (k) => k === 'try_statement') ?? undefined);
    if (!node) {
      throw new Error(`no try statement at ${at}..${to}`);
    }
    return node;
  }
}

/** The handlers of a try statement that would catch a rate-limit error and not simply re-raise it. */
export function rateLimitHandlers(ctx: FileContext, tryNode: Node): Node[] {
  return handlersOf(tryNode).filter((h) => !leavesLoop(ctx, handlerBody(h)) && catchesRateLimit(ctx, h));
}

/** The catch/except clauses of a try statement. */
export function handlersOf(tryNode: Node): Node[] {
  return namedChildren(tryNode).filter(
    (c) => kind(c) === 'catch_clause' || kind(c) === 'except_clause' || kind(c) === 'except_group_clause',
  );
}

/** The block of a catch/except clause. */
export function handlerBody(handler: Node): Node | null {
  if (kind(handler) === 'catch_clause') {
    return handler.childForFieldName('body');
  }
  return namedChildren(handler).find((k) => kind(k) === 'block') ?? null;
}

/**
 * Whether a handler can catch a rate-limit error: any JS `catch`; a Python `except` that is
 * bare or names `RateLimitError`, `APIStatusError`, `APIError`, `Exception`, ….
 */
export function catchesRateLimit(ctx: FileContext, handler: Node): boolean {
  if (kind(handler) === 'catch_clause') {
    return true;
  }
  const value = handlerClasses(handler);
  if (!value) {
    return true;
  }
  if (httpLibraryErrorsOnly(ctx, value) && sdkOnlyAttempt(ctx, handler)) {
    return false; // (`except requests.exceptions.RequestException:` around an SDK call: never a Claude error)
  }
  return catchesAny(ctx, value, 0) || catchesGiven(ctx, handler, value) || catchesLocal(ctx, handler, value);
}

/** Errors an HTTP library raises on an error status (what a raw request retried on a 429 catches). */
const HTTP_LIBRARY_ERRORS = new Set(['HTTPStatusError', 'HTTPError', 'RequestException']);

/** Whether a handler names HTTP libraries' errors and nothing else (`except requests.exceptions.RequestException:`). */
function httpLibraryErrorsOnly(ctx: FileContext, value: Node): boolean {
  const types =
    kind(value) === 'tuple' || kind(value) === 'parenthesized_expression' ? namedChildren(value) : [value];
  return types.every((t) => HTTP_LIBRARY_ERRORS.has(lastSegment(dottedName(t, ctx.text)) || ctx.textOf(t)));
}

/**
 * Whether the try a handler belongs to makes SDK requests only: Claude calls of the SDK in its body,
 * or calls of same-file functions that reach one, and no raw-HTTP request (written there or through
 * a same-file helper). The SDK raises its own errors, never an HTTP library's.
 */
function sdkOnlyAttempt(ctx: FileContext, handler: Node): boolean {
  const tryNode = up(handler);
  const body = tryNode && kind(tryNode) === 'try_statement' ? tryNode.childForFieldName('body') : null;
  if (!body) {
    return false;
  }
  const [start, end] = [body.startIndex, endOf(body)];
  const within = (n: Node): boolean => n.startIndex >= start && endOf(n) <= end;
  if (allHttpClaudeCalls(ctx).some((c) => within(c.node))) {
    return false;
  }
  const helpers = new Set([...httpClaudeHelpers(ctx).keys()].map((f) => f.name));
  const sites = sitesWithin(ctx, start, end);
  if (sites.some((s) => helpers.has(s.name))) {
    return false;
  }
  return ctx.calls.some((c) => within(c.node)) || sites.some((s) => !!claudeTarget(ctx, s.name, s.at));
}

/**
 * Python `except errors:` where `errors` is assigned in the handler's function before it: the
 * classes its value names (`errors = (RateLimitError, APITimeoutError)`), either side of an `or`
 * (`errors = retryable_exceptions or _default_retryable()`), or those a same-file function it calls
 * returns, read as the rate-limit classes written in that function's code (`def _default_retryable():
 * … return (anthropic.RateLimitError, …)`).
 */
function catchesLocal(ctx: FileContext, handler: Node, value: Node): boolean {
  if (kind(value) !== 'identifier') {
    return false;
  }
  const fn = functionAt(ctx, handler.startIndex);
  const assigned = fn ? lastAssignedValue(ctx, ctx.textOf(value), fn.start, handler.startIndex) : null;
  if (!assigned) {
    return false;
  }
  const parts =
    kind(assigned) === 'boolean_operator'
      ? [assigned.childForFieldName('left'), assigned.childForFieldName('right')]
      : [assigned];
  return parts.some((p) => {
    const v = p && kind(p) === 'parenthesized_expression' ? namedChildren(p)[0] : p;
    if (!v) {
      return false;
    }
    if (kind(v) === 'call') {
      const name = dottedName(v.childForFieldName('function'), ctx.text);
      const made = name ? callGraph(ctx).byName.get(name)?.[0] : undefined;
      return !!made && namesRateLimitClass(ctx, made.start, made.end);
    }
    return catchesAny(ctx, v, 0);
  });
}

/** Whether code (not comments or strings) between two offsets names a class a 429 is an instance of (`RateLimitError`). */
function namesRateLimitClass(ctx: FileContext, start: number, end: number): boolean {
  for (const m of ctx.text
    .slice(start, Math.min(end, start + 20_000))
    .matchAll(/\b(?:RateLimitError|APIStatusError)\b/g)) {
    if (!ctx.inCommentOrString(start + (m.index ?? 0))) {
      return true;
    }
  }
  return false;
}

/**
 * `except tuple(exceptions):` / `except exceptions:` in a retry decorator whose factory takes
 * the classes (`def auto_retry(exceptions, …)`): it catches what the file's applications hand
 * it, read from the first 16 (`@auto_retry([anthropic.APIError, anthropic.RateLimitError])`).
 * Summarising a module for its importers (`LintOptions.moduleSummary`), a factory applied
 * nowhere in it may catch rate limits: each importer's application decides (see project/summary.ts).
 */
function catchesGiven(ctx: FileContext, handler: Node, value: Node): boolean {
  const given = caughtParameter(ctx, handler, value);
  if (!given) {
    return false;
  }
  let applied = false;
  for (const { start } of ctx.callsOf(given.fn.name, false).slice(0, 16)) {
    const call = siteCall(ctx, start);
    if (!call || kind(call) !== 'call' || (given.fn.start <= start && start < given.fn.end)) {
      continue;
    }
    applied = true;
    if (handsRateLimitClasses(ctx, call, given.name, given.index)) {
      return true;
    }
  }
  return !applied && !!ctx.options.moduleSummary;
}

/**
 * The parameter of an enclosing function (three levels out at most) whose classes a handler
 * catches (`except tuple(on_exceptions):`), with its position (`self`/`cls` not counted).
 */
export function caughtParameter(
  ctx: FileContext,
  handler: Node,
  value: Node | null = handlerClasses(handler),
): { fn: LocalFunction; name: string; index: number } | undefined {
  let v: Node | null = value;
  if (v && kind(v) === 'call' && ctx.textOf(v.childForFieldName('function')) === 'tuple') {
    v = namedChildren(v.childForFieldName('arguments'))[0] ?? null;
  }
  if (!v || kind(v) !== 'identifier') {
    return undefined;
  }
  const name = ctx.textOf(v);
  let fn = functionAt(ctx, handler.startIndex);
  for (let i = 0; fn && i < 3 && !fn.params.includes(name); i++) {
    const outer = functionAt(ctx, fn.start - 1);
    fn = outer && outer.end >= fn.end ? outer : undefined;
  }
  const index = fn ? passedParams(fn.params).indexOf(name) : -1;
  return fn && index >= 0 ? { fn, name, index } : undefined;
}

/**
 * Whether a call hands a parameter (by keyword, else at its position) error classes that
 * include a rate limit (`on_exceptions=[anthropic.RateLimitError, …]`).
 */
export function handsRateLimitClasses(ctx: FileContext, call: Node, name: string, index: number): boolean {
  const args = call.childForFieldName('arguments');
  if (!args) {
    return false;
  }
  const given =
    keywordParams(call, ctx.text).entries.get(name)?.value ??
    namedChildren(args).filter((a) => kind(a) !== 'keyword_argument')[index];
  const classes =
    given && /^(?:list|tuple|set)$/.test(kind(given)) ? namedChildren(given) : given ? [given] : [];
  return classes.some((c) => catchesAny(ctx, c, 0));
}

/** The classes an `except` clause names (its value, without `as e`), or null for a bare one. */
function handlerClasses(handler: Node): Node | null {
  const kids = namedChildren(handler);
  let value = handler.childForFieldName('value') ?? kids.find((k) => kind(k) !== 'block') ?? null;
  if (kindOf(value) === 'as_pattern') {
    value = namedChildren(value)[0] ?? null;
  }
  return value;
}

/** A class, a tuple of classes, or (one level) a module constant naming them: `except RETRYABLE:`. */
function catchesAny(ctx: FileContext, value: Node, depth: number): boolean {
  const types =
    kind(value) === 'tuple' || kind(value) === 'parenthesized_expression' ? namedChildren(value) : [value];
  return types.some((t) => {
    const name = lastSegment(dottedName(t, ctx.text)) || ctx.textOf(t);
    // (`from anthropic import RateLimitError as AnthropicRateLimitError`: the SDK's class by another name)
    if (PY_RATE_LIMIT_CATCHERS.has(ctx.imports.anthropicErrorAliases?.get(name) ?? name)) {
      return true;
    }
    const def = depth === 0 ? exceptionConstant(ctx, t) : undefined;
    return def !== undefined && catchesAny(ctx, def, depth + 1);
  });
}

/** The most module constants read per file for `except NAME:` (each costs a scan of the text). */
const MAX_EXCEPTION_CONSTANTS = 16;

/**
 * The value of a module constant named like one (`_RETRYABLE`, `RETRY_ERRORS`) used as an
 * `except` clause's classes; bounded per file so a crafted file cannot make it quadratic.
 */
function exceptionConstant(ctx: FileContext, t: Node): Node | undefined {
  const name = ctx.textOf(t);
  if (kind(t) !== 'identifier' || !/^_?[A-Z][A-Z0-9_]*$/.test(name)) {
    return undefined;
  }
  const read = ctx.memo('exception-constants', () => new Map<string, Node | undefined>());
  if (!read.has(name)) {
    if (read.size >= MAX_EXCEPTION_CONSTANTS) {
      return undefined;
    }
    read.set(name, moduleConstant(ctx, t));
  }
  return read.get(name);
}

const EXITS = new Set(['throw_statement', 'raise_statement', 'return_statement', 'break_statement']);

/**
 * Whether a handler always leaves the loop instead of retrying: its last statement throws,
 * returns or breaks (an agent loop that logs and stops, a handler that re-raises), and it
 * never `continue`s.
 */
export function leavesLoop(ctx: FileContext, body: Node | null): boolean {
  const statements = namedChildren(body);
  const last = statements[statements.length - 1];
  if (!last) {
    return false;
  }
  return EXITS.has(kind(last)) && !/\bcontinue\b/.test(ctx.textOf(body));
}
