import type { Node } from '../../parse/treeSitter';
import type { FileContext } from '../context';
import type { ClaudeCall } from './calls';
import { callsWithin } from './calls';
import {
  type CallSite,
  callGraph,
  claudeTarget,
  functionAt,
  type LocalFunction,
  siteCall,
  sitesWithin,
} from './callGraph';
import { catchesRateLimit, handlerBody, handlersOf, leavesLoop } from './errorChecks';
import { heldLimiter } from './limiters';
import {
  classifyWait,
  classifyWaitIn,
  findRetryLoop,
  inTryBody,
  lowerBound,
  type RetryLoop,
  sleepCalls,
  type WaitInfo,
} from './retryLoops';
import { otherClaudeCalls } from './otherClaudeCalls';
import { allHttpClaudeCalls, httpClaudeHelpers } from './httpHelpers';
import { builtRequestSenders } from './requestBuilders';
import {
  callee,
  contains,
  dottedName,
  endOf,
  FUNCTION_TYPES,
  isCall,
  kind,
  LOOP_TYPES,
  lastSegment,
  namedChildren,
  positionalArgs,
  unwrap,
  up,
} from '../syntax';
import { assignedValues } from './functions';
import { callParams, keywordParams, objectParams } from './arguments';
import { resolveClient } from './clients';
import { catchesOwnErrors, everyHandlerLeavesOnRateLimit, onRateLimit } from './rateLimitGuards';

/**
 * Retries that are not a loop around the call: a function that calls itself again from its
 * error handler (`except RateLimitError: time.sleep(5); return self.ask(prompt)`), and
 * generic same-file wrappers (`retrying(fn)`, `with_retries(fn, n)`) that re-run the
 * function they are given (in a loop, from the handler, or by recursion), applied to a
 * function that calls Claude. Found once per file from the call graph.
 */
export interface RetryShape {
  shape: 'recursion' | 'wrapper' | 'unrolled';
  /** The function that retries (the recursive function or the wrapper); none for a re-send in top-level code. */
  fn?: LocalFunction;
  /** Where the finding starts: the loop (wrapper loops) or the call that re-attempts. */
  at: Node;
  /** The wrapper's retry loop, when it retries in a loop. */
  loop?: RetryLoop;
  /** The try statement and the handler that retries. */
  tryNode: Node;
  handler: Node;
  wait: WaitInfo;
  /** The Claude calls retried. */
  calls: ClaudeCall[];
  /** Wrappers: the local function (or `a lambda`) it is applied to, and where; unrolled: the local function called again. */
  target?: string;
  applied?: Node;
  /** Wrappers applied to a raw-HTTP Messages request (no SDK to fall back on). */
  http?: true;
  /** A decorator factory that returns `fn` (`retry_on_error(3)` returning `decorator`), named instead of it. */
  maker?: string;
  /** Wrappers applied to a `functools.partial` of the Claude call: reported where it is applied. */
  partial?: true;
  /** Recursion: the limiter still held when it calls itself again (`async with sem:`), if any. */
  heldLimiter?: string;
  /** Recursion through a same-file helper called from the handler (`handleRequestError`), if so. */
  through?: string;
  /** Recursion on a raw-HTTP response's status (`if r.status_code == 429: sleep; return f(…)`): `tryNode` and `handler` are that `if`. */
  status?: true;
  /** Status recursion: the bound on the attempts joined to the 429 test (`attempt < 3`), if any. */
  attemptsBound?: string;
  /**
   * Unrolled on a returned failure: the local function (`callModel`) that catches its Claude
   * call's errors and returns them, called again when its result says it failed; `tryNode` and
   * `handler` are the `if` testing the result.
   */
  onResult?: string;
  /**
   * Unrolled on a raw-HTTP response's status: the local function that sends the Messages request
   * and returns the status (`queryProvider`), called again when its result says 429; with the
   * call that built the request, when another function built it (`provider.buildRequest`).
   */
  onStatus?: { sender: string; builder?: string };
}

/** The non-loop retries of the file (computed once). */
export function retryShapes(ctx: FileContext): RetryShape[] {
  return ctx.memo('retry-shapes', () => {
    const legacy = otherClaudeCalls(ctx);
    if (
      ctx.calls.length === 0 &&
      legacy.length === 0 &&
      !partialRefs(ctx) &&
      !methodRefs(ctx) &&
      allHttpClaudeCalls(ctx).length === 0 &&
      builtRequestSenders(ctx).size === 0
    ) {
      return []; // every shape retries a Claude call: none to find, so no call graph to build
    }
    const graph = callGraph(ctx);
    const out: RetryShape[] = [];
    for (const fn of graph.functions) {
      const recursive = fn.sites.filter((s) => s.name === fn.name && !s.viaSuper);
      // Calls under a limiter do not reach Claude for fan-out, but a retry is one all the same;
      // so is a legacy `completions.create` written in the function itself.
      const reach =
        graph.reach.get(fn) ??
        (fn.claude.length ? { calls: fn.claude } : legacyWithin(ctx, fn.start, fn.end));
      if (reach && recursive.length) {
        const r = recursion(ctx, fn, recursive, (t) => triesClaude(ctx, t, fn));
        if (r) {
          const held = heldLimiter(ctx, r.at, fn.node);
          out.push({ ...r, fn, shape: 'recursion', calls: reach.calls, heldLimiter: held });
        }
      }
      if (reach && !recursive.length) {
        const r = recursionThrough(ctx, fn, graph.byName);
        if (r) {
          out.push({ ...r, fn, shape: 'recursion', calls: reach.calls });
        }
      }
      if (fn.paramSites.length) {
        const w = wrapperRetry(ctx, fn, recursive);
        const use = w ? application(ctx, fn) : undefined;
        if (w && use) {
          const partial = use.partial ? { partial: true as const } : {};
          const maker = use.maker ? { maker: use.maker } : {};
          const http = use.http ? { http: true as const } : {};
          out.push({
            ...w,
            fn,
            shape: 'wrapper',
            calls: use.calls,
            target: use.target,
            applied: use.node,
            ...partial,
            ...maker,
            ...http,
          });
        }
      }
    }
    out.push(...unrolled(ctx, graph.functions, legacy));
    out.push(...unrolledThroughLocal(ctx));
    out.push(...statusRecursions(ctx));
    out.push(...resendsOnResult(ctx));
    out.push(...resendsOnStatus(ctx));
    return out;
  });
}

/**
 * A hand-unrolled retry nested once more sleeps again before its next re-send: `sleep(45)` …
 * `sleep(90)` is a growing wait, not "a fixed 45 s wait" (the sleeps of the handler compared by text).
 */
function longerWaitsLater(ctx: FileContext, handler: Node, wait: WaitInfo): WaitInfo {
  if (wait.kind !== 'fixed' || !wait.call) {
    return wait;
  }
  const at = wait.call.startIndex;
  const end = endOf(handler);
  // (the first few sleeps from the wait on, found by binary search: a nest of handlers, each
  // holding all the sleeps of those inside it, stays linear)
  const sleeps = sleepCalls(ctx);
  const later = [];
  for (let i = lowerBound(sleeps, at); i < sleeps.length && sleeps[i].at < end && later.length < 8; i++) {
    if (sleeps[i].start >= at) {
      later.push(sleeps[i]);
    }
  }
  const first = later.find((s) => s.start === at)?.delay;
  const grows = later.some(
    (s) => s.start !== at && s.delay && first && ctx.textOf(s.delay) !== ctx.textOf(first),
  );
  return grows ? { ...wait, kind: 'growing', amount: undefined } : wait;
}

/**
 * Hand-unrolled retries: the handler of a try that makes a Claude call sends the same call again
 * (`except Exception: time.sleep(45); response = client.completions.create(...)`), possibly
 * nested once more. Reported at the first re-send, in a function and outside any loop (loops
 * are read as loops). Each call walks up to its function once; re-sends are found by binary search.
 */
function unrolled(ctx: FileContext, functions: readonly LocalFunction[], legacy: ClaudeCall[]): RetryShape[] {
  const all = [...ctx.calls, ...legacy].sort((a, b) => a.node.startIndex - b.node.startIndex);
  const starts = all.map((c) => c.node.startIndex);
  const out: RetryShape[] = [];
  const done = new Set<number>();
  for (const first of all) {
    if (done.has(first.node.startIndex) || !inTryBody(ctx, first.node.startIndex)) {
      continue;
    }
    let tryNode: Node | null = null;
    let prev: Node = first.node;
    for (
      let n = up(first.node);
      n && !FUNCTION_TYPES.has(kind(n)) && !LOOP_TYPES.has(kind(n));
      prev = n, n = up(n)
    ) {
      const body = kind(n) === 'try_statement' ? n.childForFieldName('body') : null;
      if (body && contains(body, prev)) {
        tryNode = n;
        break;
      }
    }
    if (!tryNode) {
      continue;
    }
    const same = ctx.textOf(first.callee);
    for (const handler of handlersOf(tryNode)) {
      if (!catchesRateLimit(ctx, handler)) {
        continue;
      }
      let again: ClaudeCall | undefined;
      // (The first 32 calls of the handler: nested handlers never rescan each other's calls at length.)
      const from = lowerBound(starts, handler.startIndex);
      for (let i = from; i < all.length && i < from + 32 && starts[i] < endOf(handler); i++) {
        if (ctx.textOf(all[i].callee) === same && !otherModel(ctx, first, all[i])) {
          again = all[i];
          break;
        }
      }
      // The function around it, looked up only for a re-send (rare), so the pass stays linear.
      if (!again) {
        continue;
      }
      const fn = innermost(functions, first.node.startIndex);
      if (inRetryLoop(ctx, tryNode, fn?.node ?? ctx.root)) {
        break;
      }
      done.add(again.node.startIndex);
      const wait = classifyWaitIn(
        ctx,
        { start: handler.startIndex, end: again.node.startIndex },
        { start: 0, end: 0 },
        () => false,
      );
      out.push({
        shape: 'unrolled',
        fn,
        at: again.node,
        tryNode,
        handler,
        wait: longerWaitsLater(ctx, handler, wait),
        calls: [first],
      });
      break;
    }
  }
  return out;
}

/**
 * Whether a re-send names another model than the first call (`model: FALLBACK_MODEL`): a fallback
 * to another model (its own rate limits), not the same request again.
 */
function otherModel(ctx: FileContext, first: ClaudeCall, again: ClaudeCall): boolean {
  const a = first.params.entries.get('model')?.value;
  const b = again.params.entries.get('model')?.value;
  return !!a && !!b && ctx.textOf(a) !== ctx.textOf(b);
}

/**
 * Hand-unrolled retries through a local function: the handler of a try that calls a same-file
 * function reaching Claude calls it again with the same arguments (`try { return await
 * rawCall(opts) } catch { await sleep(800); return await rawCall(opts) }`), outside any loop. The
 * function must let its Claude errors out (one that catches them all never fails here). Each call
 * site is read once; a handler's first 8 sites (in its first 2,000 characters) are compared.
 */
function unrolledThroughLocal(ctx: FileContext): RetryShape[] {
  const out: RetryShape[] = [];
  const graph = callGraph(ctx);
  const done = new Set<number>();
  const handled = new Set<number>();
  const letsOut = new Map<LocalFunction, boolean>();
  const loops = new Map<number, boolean>();
  // (each function's sites, then those of top-level code: a script's own loop over its items)
  const callers: Array<[LocalFunction | undefined, readonly CallSite[]]> = [
    ...graph.functions.map((f): [LocalFunction, CallSite[]] => [f, f.sites]),
    [undefined, graph.topLevel],
  ];
  for (const [caller, sites] of callers) {
    for (const site of sites) {
      if (site.name === caller?.name || done.has(site.at) || !inTryBody(ctx, site.at)) {
        continue;
      }
      // (a raw-HTTP helper raises on an error status: that is what makes it one)
      const sdk = claudeTarget(ctx, site.name, site.at);
      const helper = sdk ? undefined : httpHelperNamed(ctx, site.name, site.at);
      const target = sdk ?? (helper && { fn: helper.fn, reach: { calls: [helper.call] } });
      if (!target) {
        continue;
      }
      if (!letsOut.has(target.fn)) {
        letsOut.set(target.fn, !!helper || letsErrorsOut(ctx, target.fn, target.reach.calls));
      }
      const first = letsOut.get(target.fn) ? siteCall(ctx, site.at) : null;
      const tryNode = first ? tryAround(first) : null;
      if (!first || !tryNode || inLoopMemo(ctx, tryNode, caller?.node ?? ctx.root, loops)) {
        continue;
      }
      const args = ctx.textOf(first.childForFieldName('arguments'));
      // (compared without blanks and line comments: the call made again sits deeper, its lines
      // indented further, and may carry a note)
      const bare = (t: string): string => t.replace(/(?:\/\/|#)[^\n]*/g, '').replace(/\s+/g, '');
      const same = bare(args);
      for (const handler of handlersOf(tryNode)) {
        if (!catchesRateLimit(ctx, handler)) {
          continue;
        }
        const to = Math.min(endOf(handler), handler.startIndex + 2000);
        const again = sitesWithin(ctx, handler.startIndex, to)
          .slice(0, 8)
          .map((s) => (s.name === site.name ? siteCall(ctx, s.at) : null))
          .find((c) => c && bare(ctx.textOf(c.childForFieldName('arguments'))) === same);
        if (
          !again ||
          salvagesEarlierPass(ctx, tryNode, first, handler) ||
          argumentChanged(ctx, args, handler, again)
        ) {
          continue;
        }
        done.add(again.startIndex);
        // (one finding a handler: re-running a pipeline of passes is one retry, found at its first call)
        if (handled.has(handler.id)) {
          break;
        }
        handled.add(handler.id);
        const wait = classifyWaitIn(
          ctx,
          { start: handler.startIndex, end: again.startIndex },
          { start: 0, end: 0 },
          () => false,
        );
        out.push({
          shape: 'unrolled',
          fn: caller,
          at: again,
          tryNode,
          handler,
          wait: longerWaitsLater(ctx, handler, wait),
          calls: target.reach.calls,
          target: site.name,
          ...(helper && { http: true as const }),
        });
        break;
      }
    }
  }
  return out;
}

/**
 * Whether the handler assigns a name the call's arguments read before it calls again (`catch {
 * model = FALLBACK_MODEL; res = await call(model) }`): the same text, but another request (a
 * fallback model, a shortened prompt), not the failed one re-sent.
 */
function argumentChanged(ctx: FileContext, args: string, handler: Node, again: Node): boolean {
  const names = new Set(args.match(/(?<![\w$.])[A-Za-z_$][\w$]*/g) ?? []);
  const between = ctx.text.slice(handler.startIndex, again.startIndex);
  for (const m of between.matchAll(/(?<![\w$.])([A-Za-z_$][\w$]*)\s*(?:[-+*/]|\?\?|\|\||&&)?=(?![=>])/g)) {
    if (names.has(m[1]) && !ctx.inCommentOrString(handler.startIndex + (m.index ?? 0))) {
      return true;
    }
  }
  return false;
}

/**
 * Whether a handler that calls a local function again re-runs an earlier pass to salvage part of
 * the work, not the failed request: the try goes on, after that call, to Claude calls (direct,
 * or through local functions) that the handler does not make again (`try { meta = await
 * analyze(pdf); out = await extract(pdf, meta) } catch { meta = await analyze(pdf); return
 * degraded(meta) }`). The failure may be in any of those later calls, and a retry would make
 * them again. Reads the try's first 16 call sites after the call and the handler's first 16.
 */
function salvagesEarlierPass(ctx: FileContext, tryNode: Node, first: Node, handler: Node): boolean {
  const body = tryNode.childForFieldName('body');
  if (!body) {
    return false;
  }
  const claudeNames = (start: number, end: number): string[] => [
    ...sitesWithin(ctx, start, end)
      .slice(0, 16)
      .filter((s) => claudeTarget(ctx, s.name, s.at))
      .map((s) => s.name),
    ...ctx.calls
      .filter((c) => c.node.startIndex >= start && c.node.startIndex < end)
      .slice(0, 16)
      .map((c) => ctx.textOf(c.callee)),
  ];
  const later = claudeNames(endOf(first), endOf(body));
  if (!later.length) {
    return false;
  }
  const again = new Set(claudeNames(handler.startIndex, Math.min(endOf(handler), handler.startIndex + 2000)));
  return later.some((name) => !again.has(name));
}

/**
 * Whether a local function reaching Claude lets the errors out: its Claude calls are not caught
 * where they are made, nor (one call up) are all its calls of the local functions that make them
 * (`sendQuiet() { try { return await send(a) } catch { return '{}' } }`).
 */
function letsErrorsOut(ctx: FileContext, fn: LocalFunction, calls: ClaudeCall[]): boolean {
  if (!calls.some((c) => !catchesOwnErrors(ctx, c.node))) {
    return false;
  }
  if (fn.claude.length) {
    return true;
  }
  const through = fn.sites.filter((s) => s.name !== fn.name && claudeTarget(ctx, s.name, s.at));
  return !through.every((s) => {
    const call = siteCall(ctx, s.at);
    return !!call && catchesOwnErrors(ctx, call);
  });
}

/**
 * {@link inRetryLoop} with the answers kept per node (by node id): nested tries share their
 * ancestors, so each ancestor is walked once (the pass stays linear).
 */
function inLoopMemo(ctx: FileContext, node: Node, boundary: Node, known: Map<number, boolean>): boolean {
  const walked: number[] = [];
  let answer = false;
  for (let n = up(node); n && n.startIndex >= boundary.startIndex && n !== boundary; n = up(n)) {
    const seen = known.get(n.id);
    if (seen !== undefined) {
      answer = seen;
      break;
    }
    if (LOOP_TYPES.has(kind(n)) && !itemLoop(ctx, n)) {
      answer = true;
      break;
    }
    if (FUNCTION_TYPES.has(kind(n))) {
      break;
    }
    walked.push(n.id);
  }
  for (const id of walked) {
    known.set(id, answer);
  }
  return answer;
}

/** The try statement whose body holds a node, up to its function or loop. */
function tryAround(node: Node): Node | null {
  let prev: Node = node;
  for (let n = up(node); n && !FUNCTION_TYPES.has(kind(n)) && !LOOP_TYPES.has(kind(n)); prev = n, n = up(n)) {
    const body = kind(n) === 'try_statement' ? n.childForFieldName('body') : null;
    if (body && contains(body, prev)) {
      return n;
    }
  }
  return null;
}

/** The innermost local function around an offset. */
function innermost(functions: readonly LocalFunction[], at: number): LocalFunction | undefined {
  let best: LocalFunction | undefined;
  for (const f of functions) {
    if (f.start <= at && at < f.end && (!best || f.start >= best.start)) {
      best = f;
    }
  }
  return best;
}

/** Whether a node sits in a loop inside `boundary`. */
/**
 * Whether a node sits in a loop that may re-run it as a retry, inside `boundary` (not past a
 * function): any loop but one over items (see `itemLoop`), where a hand-written re-send in the
 * body is the retry, not the loop.
 */
function inRetryLoop(ctx: FileContext, node: Node, boundary: Node): boolean {
  return inLoopMemo(ctx, node, boundary, new Map());
}

/** A loop over the items of a collection (`for (const x of xs)`, `for x in xs`, not `range(n)`): each pass moves on. */
function itemLoop(ctx: FileContext, loop: Node): boolean {
  const k = kind(loop);
  if (k === 'for_in_statement') {
    return true; // (JS for…of / for…in)
  }
  if (k !== 'for_statement' || !ctx.python) {
    return false;
  }
  const right = loop.childForFieldName('right');
  return !!right && !/^range\s*\(/.test(ctx.textOf(right));
}

export type Found = Pick<RetryShape, 'at' | 'tryNode' | 'handler' | 'wait' | 'loop'>;

/** A call of `fn` itself inside a rate-limit handler of a try that makes the attempt. */
function recursion(
  ctx: FileContext,
  fn: LocalFunction,
  recursive: CallSite[],
  attempts: (tryBody: Node) => boolean,
): Found | undefined {
  for (const site of recursive) {
    if (!inHandler(ctx, fn, site)) {
      continue;
    }
    const call = siteCall(ctx, site.at);
    const found = call ? handlerAround(call, fn.node) : undefined;
    if (!call || !found || !catchesRateLimit(ctx, found.handler)) {
      continue;
    }
    const body = found.tryNode.childForFieldName('body');
    if (!body || !attempts(body)) {
      continue;
    }
    const wait = classifyWaitIn(
      ctx,
      { start: found.handler.startIndex, end: call.startIndex },
      { start: 0, end: 0 },
      (id) => fn.params.includes(id),
    );
    return { at: call, tryNode: found.tryNode, handler: found.handler, wait };
  }
  return undefined;
}

/**
 * Recursion through a same-file helper: the handler of a try that makes the attempt calls a
 * helper (`catch (e) { return this.handleRequestError(e, prompt, attempt) }`) that waits and
 * calls the function again (`await this.sleep(delay); return this.makeRequestWithRetry(prompt, attempt + 1)`).
 * The wait is read in the helper, up to that call. Reads at most 8 handler calls a function and
 * 64 calls of each helper, so it stays linear.
 */
function recursionThrough(
  ctx: FileContext,
  fn: LocalFunction,
  byName: ReadonlyMap<string, readonly LocalFunction[]>,
): (Found & { through: string }) | undefined {
  let read = 0;
  for (const site of fn.sites) {
    const helpers = byName.get(site.name);
    if (!helpers || site.name === fn.name || read++ >= 8) {
      continue;
    }
    if (!inHandler(ctx, fn, site)) {
      continue;
    }
    const call = siteCall(ctx, site.at);
    const found = call ? handlerAround(call, fn.node) : undefined;
    const body = found?.tryNode.childForFieldName('body');
    if (!call || !found || !body || !catchesRateLimit(ctx, found.handler) || !triesClaude(ctx, body, fn)) {
      continue;
    }
    for (const helper of helpers) {
      const back = helper === fn ? undefined : helper.sites.slice(0, 64).find((s) => s.name === fn.name);
      if (back) {
        const wait = classifyWaitIn(ctx, { start: helper.start, end: back.at }, { start: 0, end: 0 }, (id) =>
          helper.params.includes(id),
        );
        // The finding sits where the function is called again.
        const again = siteCall(ctx, back.at) ?? call;
        return { at: again, tryNode: found.tryNode, handler: found.handler, wait, through: helper.name };
      }
    }
  }
  return undefined;
}

/**
 * Whether a call site of `fn` sits in a catch/except clause inside it (see `handlerAround`): read
 * within the function's subtree, so an editor document keeps the answer across an edit elsewhere.
 */
function inHandler(ctx: FileContext, fn: LocalFunction, site: CallSite): boolean {
  const read = (): boolean => {
    const call = siteCall(ctx, site.at);
    return !!call && !!handlerAround(call, fn.node);
  };
  if (!ctx.keeps) {
    return read();
  }
  const kept = ctx.derive(
    'site-in-handler',
    site.at,
    () => ({ value: { inside: read(), start: fn.start, end: fn.end }, start: fn.start, end: fn.end }),
    (v, by) => ({ inside: v.inside, start: v.start + by, end: v.end + by }),
  );
  // (Read for this function: a site's function is the same unless an edit inside it changed it.)
  return kept.start === fn.start && kept.end === fn.end ? kept.inside : read();
}

/** The catch/except clause (and its try) around a node, inside `boundary`. */
function handlerAround(node: Node, boundary: Node): { tryNode: Node; handler: Node } | undefined {
  for (let n = up(node); n && n.startIndex >= boundary.startIndex; n = up(n)) {
    const k = kind(n);
    if (k === 'catch_clause' || k === 'except_clause' || k === 'except_group_clause') {
      const t = up(n);
      return t && kind(t) === 'try_statement' ? { tryNode: t, handler: n } : undefined;
    }
    if (k === 'try_statement' || (FUNCTION_TYPES.has(k) && n.startIndex !== boundary.startIndex)) {
      return undefined; // inside the try block itself, or a nested function
    }
  }
  return undefined;
}

/** Whether a try body makes a Claude call, directly or through a local function. */
function triesClaude(ctx: FileContext, body: Node, fn: LocalFunction): boolean {
  if (callsWithin(ctx, body).length > 0 || legacyWithin(ctx, body.startIndex, endOf(body))) {
    return true;
  }
  return sitesWithin(ctx, body.startIndex, endOf(body)).some(
    (s) => s.name !== fn.name && !!claudeTarget(ctx, s.name, s.at),
  );
}

/** The first legacy Text Completions (or getattr-reached) Claude call between two offsets, as a reach. */
function legacyWithin(ctx: FileContext, start: number, end: number): { calls: ClaudeCall[] } | undefined {
  const legacy = otherClaudeCalls(ctx);
  const starts = ctx.memo('retry-shapes-legacy-starts', () => legacy.map((c) => c.node.startIndex));
  const i = lowerBound(starts, start);
  return i < starts.length && starts[i] < end ? { calls: [legacy[i]] } : undefined;
}

/**
 * The file's generic retry wrappers, applied here or not: functions that re-run a callable
 * parameter on errors, with how (what a file importing one applies: see project/summary.ts).
 */
export function retryWrappers(ctx: FileContext): Array<{ fn: LocalFunction; found: Found }> {
  return ctx.memo('retry-wrappers', () => {
    const out: Array<{ fn: LocalFunction; found: Found }> = [];
    for (const fn of callGraph(ctx).functions) {
      if (fn.paramSites.length) {
        const recursive = fn.sites.filter((s) => s.name === fn.name && !s.viaSuper);
        const found = wrapperRetry(ctx, fn, recursive);
        if (found) {
          out.push({ fn, found });
        }
      }
    }
    return out;
  });
}

/** How a generic wrapper re-runs its callable parameter: in a loop, from its handler, or by recursion. */
function wrapperRetry(ctx: FileContext, fn: LocalFunction, recursive: CallSite[]): Found | undefined {
  for (const site of fn.paramSites) {
    // (A call in no try body is in no retry loop: decided from offsets, see `findRetryLoop`.)
    if (!inTryBody(ctx, site.at)) {
      continue;
    }
    const call = siteCall(ctx, site.at);
    const loop = call ? findRetryLoop(ctx, call) : null;
    if (call && loop && loop.handlers.length) {
      return {
        at: loop.loop,
        loop,
        tryNode: loop.tryNode,
        handler: loop.handlers[0],
        wait: classifyWait(ctx, loop),
      };
    }
  }
  const runsParam = (body: Node): boolean =>
    fn.paramSites.some((s) => s.at >= body.startIndex && s.at < endOf(body));
  // `catch { await sleep(1000); return fn() }`: the handler runs the callable again.
  const again = recursion(ctx, fn, fn.paramSites, runsParam);
  if (again) {
    return again;
  }
  return recursion(ctx, fn, recursive, runsParam);
}

/** What a retry wrapper is applied to, when it calls Claude (see `claudeRunBy`). */
export interface Application {
  node: Node;
  /** The local function run (`ask`), `a function` (a function written in place) or `messages.create`. */
  target: string;
  calls: ClaudeCall[];
  partial?: true;
  maker?: string;
  http?: true;
}

/**
 * Where a wrapper is applied to something that calls Claude: `retrying(() => ask(p))`,
 * `with_retries(ask, 3)`, `with_retries(lambda: client.messages.create(...))`, `@with_retries`.
 */
function application(ctx: FileContext, wrapper: LocalFunction): Application | undefined {
  for (const site of sitesWithin(ctx, 0, ctx.text.length)) {
    if (site.name !== wrapper.name || (wrapper.start <= site.at && site.at < wrapper.end)) {
      continue;
    }
    const call = siteCall(ctx, site.at);
    const run = call ? claudeRunBy(ctx, call, site.at, keywordRunArgs(ctx, wrapper, call)) : undefined;
    if (run) {
      return run;
    }
  }
  // Python decorators: `@with_retries` / `@with_retries(3)` on a function that calls Claude.
  // Also `@retry_on_error(3)` where `retry_on_error` returns this decorator (`def decorator(func)`).
  if (ctx.python) {
    const outer = functionAt(ctx, wrapper.start - 1);
    const makers = [wrapper.name];
    if (outer && outer !== wrapper && outer.end >= wrapper.end) {
      makers.push(outer.name);
    }
    for (const name of makers) {
      const found = decoratedClaude(ctx, name, wrapper);
      if (found) {
        return name === wrapper.name ? found : { ...found, maker: name };
      }
    }
  }
  return undefined;
}

/**
 * Python: the first function decorated `@name` or `@name(…)` (other than `except`) that
 * reaches Claude, with the decorator's node: where a retry decorator is applied.
 */
export function decoratedClaude(
  ctx: FileContext,
  name: string,
  except?: LocalFunction,
): Application | undefined {
  return decoratedClaudeAll(ctx, name, except, 1)[0];
}

/** Every function decorated `@name` / `@name(…)` that reaches Claude (see `decoratedClaude`), at most `max`. */
export function decoratedClaudeAll(
  ctx: FileContext,
  name: string,
  except?: LocalFunction,
  max = 16,
): Application[] {
  const out: Application[] = [];
  const graph = callGraph(ctx);
  const re = new RegExp(`^[ \\t]*@[ \\t]*${name}\\b`, 'gm');
  for (const m of ctx.scan(re)) {
    const decorated = graph.functions.find((f) => f.start > m.index && f !== except);
    // (a call under a limiter reaches no Claude for fan-out, but a retry re-sends it all the same:
    // `@auto_retry(...)` over `@max_concurrency(50)`)
    const r =
      decorated &&
      (graph.reach.get(decorated) ?? (decorated.claude.length ? { calls: decorated.claude } : undefined));
    if (decorated && r && !ctx.text.slice(m.index, decorated.start).includes('\n\n')) {
      const dec = ctx.nodeAt(m.index + m[0].indexOf('@'));
      if (!dec) {
        break;
      }
      out.push({ node: dec, target: decorated.name, calls: r.calls });
      if (out.length >= max) {
        break;
      }
    }
  }
  return out;
}

/**
 * The Claude call a wrapper's application runs, read from its arguments (and `extra`, the
 * values of keyword arguments the wrapper calls): a function written in place that calls
 * Claude (directly, through a local function, or over raw HTTP), a local function that does,
 * a Messages method handed over as a value, or a `functools.partial` of one.
 */
export function claudeRunBy(
  ctx: FileContext,
  call: Node,
  at: number,
  extra: readonly Node[] = [],
): Application | undefined {
  for (const arg of [...positionalArgs(call), ...extra]) {
    const a = unwrap(arg);
    if (!a) {
      continue;
    }
    const deferred = partialClaude(ctx, a, at);
    if (deferred) {
      return { node: call, target: 'a function', calls: [deferred], partial: true };
    }
    // `self._retry(self.client.messages.create, **kwargs)`: the bound method itself.
    const bound = methodReference(ctx, a, call, a) ?? boundName(ctx, a, call, at);
    if (bound) {
      return { node: call, target: 'messages.' + bound.method, calls: [bound] };
    }
    if (FUNCTION_TYPES.has(kind(a))) {
      const direct = callsWithin(ctx, a);
      if (direct.length) {
        return { node: call, target: 'a function', calls: direct };
      }
      for (const s of sitesWithin(ctx, a.startIndex, endOf(a))) {
        const t = claudeTarget(ctx, s.name, s.at);
        if (t) {
          return { node: call, target: t.fn.name, calls: t.reach.calls };
        }
      }
      // `retrying(async () => { const r = await fetch(MESSAGES_URL, …); if (!r.ok) throw … })`,
      // `retrying(() => llm(prompt))` with `llm` a raw-HTTP helper that throws on an error status.
      const http = httpWithin(ctx, a);
      if (http) {
        return { node: call, ...http, http: true };
      }
      continue;
    }
    const name = lastSegment(dottedName(a, ctx.text));
    const t = name ? claudeTarget(ctx, name, a.startIndex) : undefined;
    if (t) {
      return { node: call, target: t.fn.name, calls: t.reach.calls };
    }
    const helper = name ? httpHelperNamed(ctx, name, a.startIndex) : undefined;
    if (helper) {
      return { node: call, target: helper.fn.name, calls: [helper.call], http: true };
    }
  }
  return undefined;
}

/**
 * Python: the values of a wrapper's keyword arguments that name a parameter it calls
 * (`build(states, query_fn=query_fn)` where `build` runs `query_fn(…)` in its retry loop).
 */
function keywordRunArgs(ctx: FileContext, wrapper: LocalFunction, call: Node | null): Node[] {
  if (!ctx.python || !call) {
    return [];
  }
  const run = new Set(wrapper.paramSites.map((s) => s.name));
  const out: Node[] = [];
  for (const [name, entry] of keywordParams(call, ctx.text).entries) {
    if (run.has(name)) {
      out.push(entry.value);
    }
  }
  return out;
}

/** A raw-HTTP helper (see `httpClaudeHelpers`) of that name, not the function the site is in. */
function httpHelperNamed(
  ctx: FileContext,
  name: string,
  at: number,
): { fn: LocalFunction; call: ClaudeCall } | undefined {
  const byName = ctx.memo('retry-shapes-http-helpers-by-name', () => {
    const map = new Map<string, Array<{ fn: LocalFunction; call: ClaudeCall }>>();
    for (const [fn, call] of httpClaudeHelpers(ctx)) {
      map.set(fn.name, [...(map.get(fn.name) ?? []), { fn, call }]);
    }
    return map;
  });
  return (byName.get(name) ?? []).find(({ fn }) => !(fn.start <= at && at < fn.end));
}

/**
 * A raw-HTTP Messages request made by a function argument that raises on an error status: written
 * in it (with a throw, a raise or `raise_for_status()` after it), or through a raw-HTTP helper.
 */
function httpWithin(ctx: FileContext, fn: Node): { target: string; calls: ClaudeCall[] } | undefined {
  const http = allHttpClaudeCalls(ctx);
  const starts = ctx.memo('retry-shapes-http-starts', () => http.map((c) => c.node.startIndex));
  const end = endOf(fn);
  for (let i = lowerBound(starts, fn.startIndex); i < http.length && starts[i] < end; i++) {
    const c = http[i];
    if (endOf(c.node) <= end) {
      const after = ctx.text.slice(endOf(c.node), end);
      if (
        /\b(?:throw|raise|raise_for_status)\b/.test(after) ||
        /\baxios\b|Request$/.test(ctx.textOf(c.callee))
      ) {
        return { target: 'a function', calls: [c] };
      }
    }
  }
  for (const s of sitesWithin(ctx, fn.startIndex, end)) {
    const helper = httpHelperNamed(ctx, s.name, s.at);
    if (helper) {
      return { target: helper.fn.name, calls: [helper.call] };
    }
  }
  return undefined;
}

/** `partial(x.messages.create, …)`: a Claude call bound for later (Python). */
const PARTIAL = /\bpartial\s*\(\s*[\w.]+\.\s*messages\s*\.\s*(?:create|stream)\s*[,)]/;
/**
 * A Messages method named without being called, as an argument (`retry(self.client.messages.create, …)`,
 * `withRetry(client.messages.create.bind(client.messages), params)`).
 */
export const METHOD_REF =
  /[\w$)\]][ \t]*\.[ \t]*messages[ \t]*\.[ \t]*(?:create|stream)[ \t]*(?:\.[ \t]*bind[ \t]*\([^()\n]*\)[ \t]*)?(?:[,)]|;?[ \t]*$)/gm;
/** The part of every `METHOD_REF` match from a literal on (see `FileContext.scanLines`). */
export const METHOD_REF_HINT = /messages[ \t]*\.[ \t]*(?:create|stream)/g;

/** Whether the file binds a Claude call with `functools.partial` (tested once). */
function partialRefs(ctx: FileContext): boolean {
  return ctx.memo(
    'retry-shapes-partial',
    () => ctx.python && !!ctx.imports.anthropic && PARTIAL.test(ctx.text),
  );
}

/** Whether the file passes a Messages method as a value (tested once). */
function methodRefs(ctx: FileContext): boolean {
  // (a line-local scan, kept across edits in an editor document)
  return ctx.memo(
    'retry-shapes-method-refs',
    () => !!ctx.imports.anthropic && !ctx.scanLines(METHOD_REF, METHOD_REF_HINT).next().done,
  );
}

/**
 * A wrapper's argument that is a name assigned a Messages method in the 2,000 characters before
 * (`create = self.client.messages.create`; `self._retry(create, **request)`).
 */
function boundName(ctx: FileContext, arg: Node, application: Node, at: number): ClaudeCall | undefined {
  if (kind(arg) !== 'identifier' || !methodRefs(ctx)) {
    return undefined;
  }
  const values = assignedValues(ctx, ctx.textOf(arg), Math.max(0, at - 2000), at);
  const last = unwrap(values[values.length - 1] ?? null);
  return last ? methodReference(ctx, last, application, arg) : undefined;
}

/**
 * A wrapper's argument that is a Messages method itself, not called: `self.client.messages.create`
 * (also `.bind(…)` in JS). It stands for the Claude call the wrapper makes; the application is the
 * request (its keyword arguments in Python, its next argument in JS).
 */
function methodReference(
  ctx: FileContext,
  value: Node,
  application: Node,
  arg: Node,
): ClaudeCall | undefined {
  if (!methodRefs(ctx)) {
    return undefined;
  }
  let ref: Node | null = value;
  if (isCall(value) && /\.\s*bind$/.test(ctx.textOf(callee(value)))) {
    ref = callee(value)?.childForFieldName('object') ?? null;
  }
  const text = ref ? ctx.textOf(ref) : '';
  const method = /\.\s*messages\s*\.\s*(create|stream)$/.exec(text);
  const receiver = ref?.childForFieldName('object')?.childForFieldName('object') ?? null;
  if (
    !ref ||
    !method ||
    !receiver ||
    /openai|\boai\b|threads|chat|twilio|vonage|sinch|slack|discord/i.test(text)
  ) {
    return undefined;
  }
  // The request: the application's keyword arguments (Python), or the argument after the method (JS).
  const args = positionalArgs(application);
  const next = ctx.python
    ? null
    : unwrap(args[args.findIndex((a) => a.startIndex === arg.startIndex) + 1] ?? null);
  const params = ctx.python
    ? callParams(application, ctx.text, true)
    : next && kind(next) === 'object'
      ? objectParams(next, ctx.text)
      : { node: null, entries: new Map(), open: !!next };
  const e = params.entries;
  const client = resolveClient(ctx, receiver, application.startIndex);
  const request = e.has('max_tokens') && e.has('messages');
  if (
    (client ? client.vendor !== 'anthropic' : !ctx.claudeFile && !request) ||
    (!client && !params.open && e.size > 0 && !e.has('model') && !e.has('messages'))
  ) {
    return undefined; // another SDK's client, or another API's `messages.create(to=…, body=…)`
  }
  return {
    node: application,
    callee: ref,
    receiver,
    method: method[1] === 'create' ? 'create' : 'stream',
    beta: false,
    params,
    options: params,
    client,
  };
}

/**
 * A wrapper's argument that is a Claude call bound with `functools.partial`: written in place
 * (`call_api(partial(client.messages.create, model=…))`) or a name assigned one in the 2,000
 * characters before (`func = functools.partial(self.model.messages.create, …)`; `call_api(func)`).
 * The partial call stands for the Claude call (its keyword arguments are the request).
 */
function partialClaude(ctx: FileContext, arg: Node, at: number): ClaudeCall | undefined {
  if (!partialRefs(ctx)) {
    return undefined;
  }
  let bound: Node | null = arg;
  if (kind(arg) === 'identifier') {
    const re = new RegExp(
      `(?<![\\w.])${ctx.textOf(arg)}\\s*=\\s*(?:functools\\s*\\.\\s*)?partial\\s*\\(`,
      'g',
    );
    bound = null;
    for (const m of ctx.scan(re, Math.max(0, at - 2000), at)) {
      bound = ctx.nodeAt(m.index + m[0].length - 1);
    }
    for (let i = 0; bound && !isCall(bound) && i < 3; i++) {
      bound = up(bound);
    }
  }
  if (!bound || !isCall(bound) || !/(?:^|\.)partial$/.test(ctx.textOf(callee(bound)))) {
    return undefined;
  }
  const first = unwrap(positionalArgs(bound)[0] ?? null);
  const method = first ? /\.\s*messages\s*\.\s*(create|stream)$/.exec(ctx.textOf(first)) : null;
  const messages = first?.childForFieldName('object');
  const receiver = messages?.childForFieldName('object');
  if (!first || !method || !receiver || /openai|\boai\b|threads/i.test(ctx.textOf(first))) {
    return undefined;
  }
  const params = callParams(bound, ctx.text, true);
  return {
    node: bound,
    callee: first,
    receiver,
    method: method[1] === 'create' ? 'create' : 'stream',
    beta: false,
    params,
    options: params,
    client: null,
  };
}

/** How much of a handler `rethrowsRateLimits` reads. */
const HANDLER_READ = 4000;

/** Whether any handler of a try statement re-throws rate-limit errors (`except RateLimitError: raise`). */
export function rethrowsRateLimits(ctx: FileContext, tryNode: Node): boolean {
  for (const h of handlersOf(tryNode)) {
    // (The handler's first 4,000 characters: handlers nested in handlers would otherwise be read
    // again for each level, quadratic in a crafted file; a re-throw is written near the top.)
    const text = ctx.text.slice(h.startIndex, Math.min(endOf(h), h.startIndex + HANDLER_READ));
    // (a test after the handler has already gone round again, `if (retryable) { wait; continue }`, rethrows only what is left)
    const retriedAt = text.search(/\bcontinue\b/);
    // `except RateLimitError: raise`: re-raised every time (a handler that raises only once
    // the attempts run out, `if attempt < n - 1: sleep(); continue` / `else: raise`, retries).
    if (
      kind(h) !== 'catch_clause' &&
      /^except\s*\(?[\w.\s,]*RateLimitError/.test(text) &&
      leavesLoop(ctx, handlerBody(h)) &&
      /\braise\b/.test(text)
    ) {
      return true;
    }
    // `if e.status_code == 429: raise`, `if (err.status === 429) throw err` (not `!==`, `not`, `!(`).
    for (const m of text.matchAll(
      /\bif\b([^\n]*?)(?:429|RateLimitError|rate.?limit|['"`]rate['"`])[^\n]*(?:\n[^\n]*)?\b(?:raise|throw)\b/gi,
    )) {
      const cond = m[0].slice(0, m[0].search(/\b(?:raise|throw)\b/i));
      if (!/!|\bnot\b|\|\||\bor\b/.test(cond) && (retriedAt === -1 || retriedAt > (m.index ?? 0))) {
        return true;
      }
    }
  }
  return false;
}

/**
 * Whether the retry leaves rate limits alone: it re-throws 429s and retries the other
 * errors (overloaded 529s, 5xx), so it must not be described as mishandling 429s.
 */
export function retriesOverloadedOnly(ctx: FileContext, tryNode: Node): boolean {
  return (
    rethrowsRateLimits(ctx, tryNode) ||
    rethrowsAllButOverloaded(ctx, tryNode) ||
    overloadBranchesOnly(ctx, tryNode) ||
    everyHandlerLeavesOnRateLimit(ctx, tryNode)
  );
}

/**
 * Whether a handler retries only in a branch guarded by an overload test (see
 * `retriesOnlyInOverloadBranch`) and every other handler that can catch a 429 leaves the loop.
 */
function overloadBranchesOnly(ctx: FileContext, tryNode: Node): boolean {
  const handlers = handlersOf(tryNode);
  const branch = handlers.filter((h) => retriesOnlyInOverloadBranch(ctx, h));
  return (
    branch.length > 0 &&
    handlers.every((h) => branch.includes(h) || !catchesRateLimit(ctx, h) || leavesLoop(ctx, handlerBody(h)))
  );
}

/** Text that tests for overloaded (529) errors and never for rate limits (429). */
const testsOverloadOnly = (t: string): boolean =>
  /\b529\b|overload/i.test(t) && !/\b429\b|rate.?limit|too.?many|['"`]rate['"`]/i.test(t);

/**
 * Whether a handler re-throws every error that is not an overload: `if (!isOverloaded(e)) throw e`,
 * `if not overloaded: raise` (the flag set from such a predicate), `if (e.status !== 529) throw e`.
 * The predicate is a same-file function whose body tests 529 / overloaded and not 429.
 */
function rethrowsAllButOverloaded(ctx: FileContext, tryNode: Node): boolean {
  for (const h of handlersOf(tryNode)) {
    // The head of each of the handler's own statements (not the text of nested handlers, so
    // nested retries stay linear): guards and flags are written there.
    const text = namedChildren(handlerBody(h))
      .map((st) => ctx.text.slice(st.startIndex, Math.min(endOf(st), st.startIndex + 300)))
      .join('\n');
    if (/\bif\b[^\n{:!]*!==?\s*529\b[^\n]*?[{:)]\s*(?:throw|raise)\b/.test(text)) {
      return true;
    }
    // (a guard through a predicate of any name, `if (!isBusy(error)) throw error`, is resolved below)
    // (a comment may sit between the `{` and the throw: `if (!busy) { // others at once\n throw err }`)
    const guard =
      /\bif\b\s*\(?\s*(?:!|not\s+)\s*([\w$.]+)\s*(\([^()\n]*\))?\s*\)?\s*[{:]?\s*(?:(?:\/\/|#)[^\n]*\s*)*(?:throw|raise)\b/g;
    for (const m of text.matchAll(guard)) {
      let name = lastSegment(m[1]);
      if (!m[2]) {
        // A flag: `const overloaded = isOverloadedError(err)`, or set from the tests written out
        // (`const isOverloaded = error?.status === 529 || error?.message?.includes('overloaded')`).
        const set = new RegExp(
          `\\b${name.replace(/\$/g, '\\$')}\\s*=\\s*(?:await\\s+)?([\\w$.]+)\\s*\\(`,
        ).exec(text);
        const values = set ? [] : assignedValues(ctx, name, h.startIndex, endOf(h));
        const value = values[values.length - 1];
        if (value && !isCall(value) && testsOverloadOnly(ctx.textOf(value))) {
          return true;
        }
        name = set ? lastSegment(set[1]) : name;
      }
      const defs = callGraph(ctx).byName.get(name) ?? [];
      const body = defs.length ? ctx.text.slice(defs[0].start, defs[0].end) : name;
      if (testsOverloadOnly(body)) {
        return true;
      }
    }
  }
  return false;
}

/**
 * `if (busy && round < N) { wait } else if (busy) { throw … } else { throw err }`, or
 * `if e.status_code == 529: sleep(…)` then `raise`: a top-level `if` of the handler whose every
 * branch either throws or is guarded by an overload test (written inline, or through a flag
 * the handler set from one: `const busy = err.status === 529 || …`), the rest (its `else`, or
 * the handler's last statement after it) throwing or breaking out of the loop (`else: break`,
 * a fallback after it). Negated guards are not read.
 */
function retriesOnlyInOverloadBranch(ctx: FileContext, h: Node): boolean {
  const statements = namedChildren(handlerBody(h));
  const lastThrows = endsInThrow(statements[statements.length - 1] ?? null);
  for (const [i, stmt] of statements.entries()) {
    if (kind(stmt) !== 'if_statement') {
      // (only logging, assignments and declarations before it: no earlier path retries)
      if (/^(?:expression_statement|lexical_declaration|variable_declaration)$/.test(kind(stmt))) {
        continue;
      }
      return false;
    }
    const { branches, otherwise } = ifChain(stmt);
    if (otherwise ? !endsInThrow(otherwise) : !(lastThrows && i < statements.length - 1)) {
      continue;
    }
    const guarded = (cond: Node): boolean => {
      let text = ctx.textOf(cond);
      for (const name of new Set(text.match(/[A-Za-z_$][\w$]*/g) ?? [])) {
        const values = assignedValues(ctx, name, h.startIndex, cond.startIndex);
        text += values.length ? ` ${ctx.textOf(values[values.length - 1])}` : '';
      }
      return (testsOverloadOnly(text) && !/!|\bnot\b/.test(text)) || onRateLimit(ctx, cond, h) === 'never';
    };
    // (a branch that ends in a raise retries all the same when it `continue`s before it:
    // `if e.status_code == 529: if attempt < n - 1: sleep(p); continue` then `raise`)
    const retries = (b: { block: Node | null }): boolean =>
      !endsInThrow(b.block) || (!!b.block && /\bcontinue\b/.test(ctx.textOf(b.block)));
    return branches.some(retries) && branches.every((b) => !retries(b) || guarded(b.cond));
  }
  return false;
}

/** The guarded branches of an `if` / `else if` / `elif` chain, and its final `else` body. */
function ifChain(stmt: Node): {
  branches: Array<{ cond: Node; block: Node | null }>;
  otherwise: Node | null;
} {
  const branches: Array<{ cond: Node; block: Node | null }> = [];
  let otherwise: Node | null = null;
  for (let n: Node | null = stmt, i = 0; n && i < 32; i++) {
    const cond = n.childForFieldName('condition');
    if (!cond) {
      break;
    }
    branches.push({ cond, block: n.childForFieldName('consequence') });
    let next: Node | null = null;
    const alts: Node[] = namedChildren(n).filter((c) => /^(?:else_clause|elif_clause)$/.test(kind(c)));
    for (const alt of alts) {
      if (kind(alt) === 'elif_clause') {
        branches.push({
          cond: alt.childForFieldName('condition') ?? alt,
          block: alt.childForFieldName('consequence'),
        });
        continue;
      }
      const body: Node | null = alt.childForFieldName('body') ?? namedChildren(alt)[0] ?? null;
      if (body && kind(body) === 'if_statement') {
        next = body; // JS `else if`
      } else {
        otherwise = body;
      }
    }
    n = next;
  }
  return { branches, otherwise };
}

/**
 * Whether a statement or block ends without retrying: by throwing (`throw …`, `raise`) or by
 * leaving the retry loop (`break`, then a fallback or giving up after it).
 */
function endsInThrow(node: Node | null): boolean {
  let last = node;
  for (let i = 0; last && /block|statement_block/.test(kind(last)) && i < 8; i++) {
    const kids = namedChildren(last);
    last = kids[kids.length - 1] ?? null;
  }
  return !!last && /^(?:throw_statement|raise_statement|break_statement)$/.test(kind(last));
}

/**
 * Recursion on a raw-HTTP Messages response's status, no exception involved: after
 * `r = requests.post(MESSAGES_URL, …)`, `if r.status_code in (429, 529): time.sleep(60); return ask(prompt)`.
 * The `if` (its condition true on every 429, see `onRateLimit`) holds a call of the function
 * itself, outside any handler. Reads each raw-HTTP call's function once.
 */
function statusRecursions(ctx: FileContext): RetryShape[] {
  const out: RetryShape[] = [];
  const done = new Set<LocalFunction>();
  for (const c of allHttpClaudeCalls(ctx)) {
    const fn = functionAt(ctx, c.node.startIndex);
    if (!fn || done.has(fn)) {
      continue;
    }
    done.add(fn);
    for (const site of fn.sites) {
      if (site.name !== fn.name || site.viaSuper || site.at < endOf(c.node)) {
        continue;
      }
      const call = siteCall(ctx, site.at);
      if (!call || handlerAround(call, fn.node)) {
        continue; // (a recursion from a handler is read by `recursion`)
      }
      let branch: Node | null = null;
      let attemptsBound: string | undefined;
      for (let n = up(call); n && n.startIndex > fn.start && !FUNCTION_TYPES.has(kind(n)); n = up(n)) {
        const k = kind(n);
        const cond = k === 'if_statement' || k === 'elif_clause' ? n.childForFieldName('condition') : null;
        const then = cond ? n.childForFieldName('consequence') : null;
        if (
          cond &&
          then &&
          contains(then, call) &&
          /status/i.test(ctx.textOf(cond)) &&
          onRateLimit(ctx, cond, fn.node) === 'always'
        ) {
          branch = n;
          break;
        }
        const bound = cond && then && contains(then, call) ? whileAttemptsLeft(ctx, cond, fn) : undefined;
        if (bound) {
          branch = n;
          attemptsBound = bound;
          break;
        }
      }
      const then = branch?.childForFieldName('consequence');
      if (!branch || !then) {
        continue;
      }
      const wait = classifyWaitIn(
        ctx,
        { start: then.startIndex, end: call.startIndex },
        { start: 0, end: 0 },
        (id) => fn.params.includes(id),
      );
      out.push({
        shape: 'recursion',
        fn,
        at: call,
        tryNode: branch,
        handler: branch,
        wait,
        calls: [c],
        http: true,
        status: true,
        ...(attemptsBound ? { attemptsBound } : {}),
      });
      break;
    }
  }
  return out;
}

/**
 * A 429 test joined with a bound on an attempt parameter of the function (`res.status === 429 &&
 * attempt < 3`, `status_code == 429 and retries < MAX`): true on every 429 until the attempts run out.
 */
function whileAttemptsLeft(ctx: FileContext, cond: Node, fn: LocalFunction): string | undefined {
  let n: Node | null = cond;
  while (n && kind(n) === 'parenthesized_expression') {
    n = namedChildren(n)[0] ?? null;
  }
  const op = n ? ctx.textOf(n.childForFieldName('operator')).trim() : '';
  if (!n || !(op === '&&' || op === 'and')) {
    return undefined;
  }
  const sides = [n.childForFieldName('left'), n.childForFieldName('right')];
  for (const [i, side] of sides.entries()) {
    const bound = attemptBound(ctx, sides[1 - i], fn);
    if (bound && onRateLimit(ctx, side, fn.node) === 'always') {
      return bound;
    }
  }
  return undefined;
}

/** `attempt < 3`, `retryCount < MAX_RETRIES`, `tries <= self.max`: a parameter of `fn` bounded above. */
function attemptBound(ctx: FileContext, side: Node | null, fn: LocalFunction): string | undefined {
  const text = side ? ctx.textOf(side).trim() : '';
  const m = /^([A-Za-z_$][\w$]*)\s*<=?\s*[\w$.]+$/.exec(text);
  return m && fn.params.includes(m[1]) ? text : undefined;
}

/**
 * A hand-unrolled retry on a returned failure: `let r = await callModel(p); if (r.error) r = await
 * callModel(p);` where `callModel` is a same-file function whose Claude call sits in a try that
 * catches its errors (a 429 included) and returns instead of throwing. The `if` right after the
 * call tests the result and calls the same function again with the same arguments (read in its first
 * 2,000 characters). Each call
 * site of such a function is read once (its statement and the next one).
 */
function resendsOnResult(ctx: FileContext): RetryShape[] {
  const out: RetryShape[] = [];
  const graph = callGraph(ctx);
  const swallows = new Map<LocalFunction, boolean>();
  const done = new Set<number>();
  for (const caller of graph.functions) {
    for (const site of caller.sites) {
      const target =
        site.name === caller.name || done.has(site.at) ? undefined : claudeTarget(ctx, site.name, site.at);
      if (!target) {
        continue;
      }
      if (!swallows.has(target.fn)) {
        swallows.set(
          target.fn,
          target.reach.calls.every((c) => catchesOwnErrors(ctx, c.node)),
        );
      }
      const first = swallows.get(target.fn) ? siteCall(ctx, site.at) : null;
      const found = first ? testedAgain(ctx, first, site.name) : undefined;
      if (!first || !found) {
        continue;
      }
      done.add(found.again.startIndex);
      out.push({
        ...resendShape(caller, found, waitBeforeResend(ctx, found), target.reach.calls),
        onResult: target.fn.name,
      });
    }
  }
  return out;
}

/**
 * A hand-unrolled retry on a raw-HTTP status: `let r = await send(p, q); if (r.status === 429) {
 * await sleep(1500); r = await send(p, q); }`, where `send` is a same-file function that posts a
 * Messages request (written in it, or built by another function: see `builtRequestSenders`) and
 * returns the response's status instead of throwing. The `if` right after the call must test 429
 * (or a rate limit) and call `send` again with the same arguments. Each sender's call sites are read once.
 */
function resendsOnStatus(ctx: FileContext): RetryShape[] {
  const out: RetryShape[] = [];
  const senders = new Map<LocalFunction, { call: ClaudeCall; builder?: string }>();
  for (const c of allHttpClaudeCalls(ctx)) {
    const fn = functionAt(ctx, c.node.startIndex);
    if (fn && !senders.has(fn)) {
      senders.set(fn, { call: c });
    }
  }
  for (const [fn, send] of builtRequestSenders(ctx)) {
    if (!senders.has(fn)) {
      senders.set(fn, send);
    }
  }
  if (senders.size === 0) {
    return out;
  }
  const byName = new Map<string, [LocalFunction, { call: ClaudeCall; builder?: string }]>();
  for (const [fn, send] of senders) {
    byName.set(fn.name, [fn, send]);
  }
  for (const site of sitesWithin(ctx, 0, ctx.text.length)) {
    const entry = byName.get(site.name);
    const caller = entry ? functionAt(ctx, site.at) : undefined;
    if (!entry || !caller || caller === entry[0]) {
      continue;
    }
    const first = siteCall(ctx, site.at);
    const found = first ? testedAgain(ctx, first, site.name) : undefined;
    const cond = found ? ctx.textOf(found.branch.childForFieldName('condition')) : '';
    if (!found || !/\b429\b|rate.?limit/i.test(cond)) {
      continue;
    }
    // (a sender that reads the response's retry-after hands the wait to its caller: honoured)
    const own = entry[0];
    const wait: WaitInfo = /retry[-_]?after/i.test(ctx.text.slice(own.start, own.end))
      ? { kind: 'retry-after', jitter: false }
      : waitBeforeResend(ctx, found);
    out.push({
      ...resendShape(caller, found, wait, [entry[1].call]),
      http: true,
      onStatus: { sender: site.name, ...(entry[1].builder ? { builder: entry[1].builder } : {}) },
    });
  }
  return out;
}

/** A re-send found by `testedAgain`: the `if` testing the result is both its try and its handler. */
function resendShape(
  caller: LocalFunction,
  found: { branch: Node; again: Node },
  wait: WaitInfo,
  calls: ClaudeCall[],
): RetryShape {
  return {
    shape: 'unrolled',
    fn: caller,
    at: found.again,
    tryNode: found.branch,
    handler: found.branch,
    wait,
    calls,
  };
}

/** How the code between an `if` testing a result and its re-send waits. */
function waitBeforeResend(ctx: FileContext, found: { branch: Node; again: Node }): WaitInfo {
  return classifyWaitIn(
    ctx,
    { start: found.branch.startIndex, end: found.again.startIndex },
    { start: 0, end: 0 },
    () => false,
  );
}

/**
 * After a call whose result is stored (`let r = await f(a)`, `r = f(a)`), the next statement:
 * an `if` whose condition names the result and whose branch calls `name` again with the same
 * arguments. The `if` and that call.
 */
function testedAgain(ctx: FileContext, call: Node, name: string): { branch: Node; again: Node } | undefined {
  let stmt: Node | null = call;
  for (let i = 0; stmt && i < 6 && !/statement|declaration/.test(kind(stmt)); i++) {
    stmt = up(stmt);
  }
  if (!stmt) {
    return undefined;
  }
  const head = ctx.text.slice(stmt.startIndex, call.startIndex);
  const result =
    /^(?:(?:const|let|var)\s+)?([A-Za-z_$][\w$]*)\s*(?::[^=]*)?=\s*(?:await\s+)?$/.exec(
      head.trim() + ' ',
    )?.[1] ?? /^(?:(?:const|let|var)\s+)?([A-Za-z_$][\w$]*)\s*(?::[^=]*)?=/.exec(head)?.[1];
  const branch = stmt.nextNamedSibling;
  if (!result || !branch || kind(branch) !== 'if_statement') {
    return undefined;
  }
  const cond = ctx.textOf(branch.childForFieldName('condition'));
  if (!new RegExp(`(?<![\\w$.])${result.replace(/\$/g, '\\$')}(?![\\w$])`).test(cond)) {
    return undefined;
  }
  const then = branch.childForFieldName('consequence');
  const args = ctx.textOf(call.childForFieldName('arguments'));
  for (const s of then
    ? sitesWithin(ctx, then.startIndex, Math.min(endOf(then), then.startIndex + 2000)).slice(0, 8)
    : []) {
    const again = s.name === name ? siteCall(ctx, s.at) : null;
    if (again && ctx.textOf(again.childForFieldName('arguments')) === args) {
      return { branch, again };
    }
  }
  return undefined;
}
