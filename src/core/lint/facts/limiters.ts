import type { Node } from '../../parse/treeSitter';
import type { FileContext } from '../context';
import { sticky } from '../scanCache';
import { anyIn } from './retryLoops';
import {
  argumentList,
  callee,
  dottedName,
  FUNCTION_TYPES,
  isCall,
  lastSegment,
  namedChildren,
  unwrap,
  up,
  kind,
  kindOf,
  endOf,
  contains,
  same,
} from '../syntax';

/**
 * Names (last segment) bound to a concurrency limiter: `limit = pLimit(5)`,
 * `queue = new PQueue(...)`, `sem = asyncio.Semaphore(10)`, `limiter = AsyncLimiter(...)`.
 */
export function limiterNames(ctx: FileContext): Set<string> {
  return ctx.memo('limiter-names', () => {
    const names = new Set<string>();
    const ctors = [
      'pLimit',
      'pThrottle',
      'PQueue',
      'Bottleneck',
      'Sema',
      'Semaphore',
      'BoundedSemaphore',
      'Mutex',
      'RateLimiter',
      'AsyncLimiter',
      'CapacityLimiter',
      'Throttler',
      'Lock',
      'limitFunction',
      ...ctx.imports.limiterImports,
    ]
      .map((n) => n.replace(/[$]/g, '\\$'))
      .join('|');
    // Find the constructor first (a cheap literal scan, from the lines holding one of the
    // names: see `FileContext.scanFromHint`), then read the name it is assigned to.
    const at = new RegExp(`\\b(?:${ctors})\\s*[(<]`, 'y');
    const hint = new RegExp(`\\b(?:${ctors})`, 'g');
    const assigned = /([A-Za-z_$][\w$]*)\s*(?::[^=\n]*)?=\s*(?:await\s+)?(?:new\s+)?(?:[\w$]+\.)*$/;
    for (const m of ctx.scanFromHint(at, hint)) {
      const lineStart = ctx.text.lastIndexOf('\n', m.index) + 1;
      const found = assigned.exec(ctx.text.slice(Math.max(lineStart, m.index - 200), m.index));
      if (found) {
        names.add(found[1]);
      }
    }
    return names;
  });
}

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
/**
 * Explicit acquire calls before the request inside the mapped function (also a limiter's own
 * wrappers named for it: `limiter.acquire_with_backoff(...)`, `bucket.acquireSlot()`).
 */
const ACQUIRE =
  /\b[\w$.]+\.(?:acquire(?:_\w+|[A-Z][\w$]*)?|removeTokens|waitForToken|wait_for_token|consume)\s*\(|\b(?:self|this)\s*\.\s*_?(?:wait|throttle|rate_?limit|pace)\s*\(\s*\)/;

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
  if (limiterNames(ctx).has(last) || LIMITER_NAME.test(last)) {
    return true;
  }
  if (segments.length >= 2 && LIMITER_METHODS.has(last)) {
    const owner = segments[segments.length - 2];
    return limiterNames(ctx).has(owner) || LIMITER_NAME.test(owner);
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
  if (boundary && !mentionsLimiter(ctx, boundary.startIndex, from.startIndex)) {
    return false;
  }
  let prev: Node = from;
  for (let n = up(from); n; prev = n, n = up(n)) {
    if (isCall(n) && !same(n, from)) {
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
    if (boundary && same(n, boundary)) {
      break;
    }
  }
  const scopeStart = boundary ? boundary.startIndex : (enclosingFunctionStart(from) ?? 0);
  if (!mentionsLimiter(ctx, scopeStart, from.startIndex)) {
    return false;
  }
  const before = ctx.text.slice(scopeStart, from.startIndex);
  const turns = turnMethods(ctx);
  return (
    ACQUIRE.test(before) ||
    (turns.length > 0 && new RegExp(`\\.\\s*(?:${turns.join('|')})\\s*\\(`).test(before))
  );
}

/** A method that resolves later by putting its promise's resolver on a list (`new Promise((r) => this.waiting.push(r))`). */
const WAITS_ITS_TURN =
  /\bnew\s+Promise\s*(?:<[^>\n]*>)?\s*\(\s*\(?\s*([A-Za-z_$][\w$]*)[^)=]*\)?\s*=>[^;]{0,120}?\.push\s*\(\s*\1\s*\)/g;

/**
 * JS: the methods of the file's own semaphores, whatever they are called (`gate.enter()`,
 * `lanes.take()`): methods that, when no slot is free, wait on a promise whose resolver they queue
 * (`await new Promise((resolve) => this.waiting.push(resolve))`), to be released by another call.
 * Awaiting one before a request limits it as `acquire()` does.
 */
function turnMethods(ctx: FileContext): string[] {
  return ctx.memo('limiter-turn-methods', () => {
    const out = new Set<string>();
    if (ctx.python || !ctx.text.includes('new Promise')) {
      return [];
    }
    for (const m of ctx.scan(WAITS_ITS_TURN)) {
      // The method the promise is made in (read from the tree: the call graph asks about limiters).
      let n: Node | null = ctx.nodeAt(m.index);
      while (n && kind(n) !== 'method_definition' && kind(n) !== 'function_declaration') {
        n = up(n);
      }
      const name = n ? ctx.textOf(n.childForFieldName('name')) : '';
      if (/^[A-Za-z_$][\w$]*$/.test(name) && out.size < 8) {
        out.add(name);
      }
    }
    return [...out];
  });
}

/**
 * `isLimited(ctx, from, boundary())` for a boundary node starting at `start`, found (`boundary()`)
 * only when limiter-like text lies between it and `from` (else not limited, as `isLimited` says).
 */
export function isLimitedIn(ctx: FileContext, from: Node, start: number, boundary: () => Node): boolean {
  return mentionsLimiter(ctx, start, from.startIndex) && isLimited(ctx, from, boundary());
}

/**
 * The limiter a node runs under between it and `boundary`, as written (`self._sem`,
 * `limit`): an `async with sem:` around it, or a limiter call it is passed into. Walks up
 * from the node only.
 */
export function heldLimiter(ctx: FileContext, from: Node, boundary: Node): string | undefined {
  let prev: Node = from;
  for (let n = up(from); n && !same(n, boundary); prev = n, n = up(n)) {
    if (kind(n) === 'with_statement') {
      const item = withItems(n).find((i) => !contains(i, from) && looksLikeLimiter(ctx, i));
      if (item) {
        return ctx.textOf(isCall(item) ? callee(item) : item);
      }
    } else if (isCall(n) && !same(n, from)) {
      const args = argumentList(n);
      if (args && contains(args, prev) && looksLikeLimiter(ctx, callee(n))) {
        return ctx.textOf(callee(n));
      }
    }
  }
  return undefined;
}

/**
 * Limiter-ish words that must appear in the text for a call to run under a limit. Two scans:
 * the words (within a line: an editor document rescans only the edited lines) and the calls
 * (which may span lines; they start with a dot or `self`/`this`, cheap to look for).
 */
const LIMITER_WORDS =
  /limit|queue|throttl|sema|\bsem\b|_sem\b|mutex|lock|schedul|bottleneck|concurren|bucket|slot|acquire|removeTokens|waitForToken|wait_for_token|consume/gi;
export const LIMITER_CALLS =
  /\.(?:add|addAll|wrap|run|runExclusive|submit|enqueue)\s*\(|\b(?:self|this)\s*\.\s*_?(?:wait|pace)\s*\(\s*\)/gi;
/** `LIMITER_CALLS`, found from the matches of its heads (see `FileContext.scanFromHint`). */
const LIMITER_CALLS_AT = sticky(LIMITER_CALLS);
export const LIMITER_CALLS_HINT = /\.(?:add|addAll|wrap|run|runExclusive|submit|enqueue)|\b(?:self|this)/gi;

/**
 * Whether limiter-ish text appears between two offsets: the offsets of every mention are
 * found once per file, so asking about many ranges (one per call) stays linear.
 */
function mentionsLimiter(ctx: FileContext, start: number, end: number): boolean {
  // Sorted offset lists, each searched on its own (not merged and sorted on every lint).
  const lists = ctx.memo('limiter-mentions', () => {
    const out = [
      [...ctx.scan(LIMITER_WORDS)].map((m) => m.index),
      [...ctx.scanFromHint(LIMITER_CALLS_AT, LIMITER_CALLS_HINT)].map((m) => m.index),
    ];
    for (const method of turnMethods(ctx)) {
      out.push([...ctx.scan(new RegExp(`\\.\\s*${method}\\s*\\(`, 'g'))].map((m) => m.index));
    }
    for (const name of limiterNames(ctx)) {
      const offsets: number[] = [];
      for (let i = ctx.text.indexOf(name); i >= 0; i = ctx.text.indexOf(name, i + 1)) {
        offsets.push(i);
      }
      out.push(offsets);
    }
    return out;
  });
  return lists.some((offsets) => anyIn(offsets, start, end));
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
