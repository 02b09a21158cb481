import type { Node } from '../../parse/treeSitter';
import type { ClaudeCall, ClientBinding, FileContext } from '../../lint/context';
import { lang, type Report } from '../rule';
import { resolveClient } from '../../lint/facts/clients';
import { importsName } from '../../lint/facts/imports';
import { claudeTarget, siteCall, sitesWithin, tableParameterCalls } from '../../lint/facts/callGraph';
import {
  findRetryLibrary,
  libraryConfig,
  RETRY_HELPER_NAME,
  type RetryLibraryUse,
} from '../../lint/facts/retryLibraries';
import {
  classifyStatusWait,
  classifyWait,
  findRetryLoop,
  findStatusRetryLoop,
  loopHead,
  type RetryLoop,
  type WaitInfo,
} from '../../lint/facts/retryLoops';
import { otherClaudeCalls, parseCalls } from '../../lint/facts/otherClaudeCalls';
import { allHttpClaudeCalls, indirectClaudeCalls, urllibSendOf } from '../../lint/facts/httpHelpers';
import { callerPathNote, throwsOnErrorStatus } from '../../lint/facts/httpClaudeCalls';
import { messagesUrlVia } from '../../lint/facts/messagesUrls';
import { retriesOverloadedOnly, type RetryShape, retryShapes } from '../../lint/facts/retryShapes';
import {
  catchesOwnErrors,
  guardedFromRateLimits,
  reattemptsOtherErrorsOnly,
} from '../../lint/facts/rateLimitGuards';
import {
  callee,
  endOf,
  FUNCTION_TYPES,
  isCall,
  kind,
  lastSegment,
  LOOP_TYPES,
  positionalArgs,
  rangeOf,
  up,
} from '../../lint/syntax';
import { entryNumber } from '../../lint/facts/arguments';
import { catchesRateLimit, handlerBody, handlersOf } from '../../lint/facts/errorChecks';
import { perItemCalls } from '../../lint/facts/perItem';
import type { NaiveRetryData } from './data';
import { requeueRetries } from './requeue';
import { importedRetries } from '../../lint/facts/importedRetries';

/**
 * `naive-retry`: a hand-written retry around a Claude call (a loop, a function calling
 * itself from its error handler, or a same-file wrapper re-running a function that calls
 * Claude) that retries rate-limit errors with no wait or a fixed wait (no growth, no
 * jitter) and ignores `retry-after`; and (as information) a retry library stacked on a
 * client that keeps the SDK's own retries.
 */
export function detect(ctx: FileContext, report: Report<NaiveRetryData>): void {
  const seen = new Set<number>();
  // Loops around a Claude call, or around a call of a same-file function that makes one.
  const attempts: Array<{
    node: Node;
    call: ClaudeCall;
    via?: string;
    label?: string;
    http?: boolean;
    note?: string;
  }> = [...ctx.calls, ...otherClaudeCalls(ctx)].map((c) => ({
    node: c.node,
    call: c,
    note: parseNote(ctx, c),
  }));
  // The Messages API over raw HTTP (`requests.post(".../v1/messages")`, urllib's `Request`).
  // (a urllib `Request` built before the loop is retried where `urlopen(req)` sends it)
  for (const c of allHttpClaudeCalls(ctx)) {
    const send = urllibSendOf(ctx, c.node);
    attempts.push({ node: send ?? c.node, call: c, http: true, note: httpNote(ctx, c.node, send) });
  }
  // A raw-HTTP helper that raises on an error status (`llm(user)`), or a function picked from a
  // same-file table (`fn = PROVIDERS[name]; fn(…)`).
  for (const c of indirectClaudeCalls(ctx)) {
    attempts.push({
      node: c.node,
      call: c.call,
      via: c.fn.name,
      http: c.http,
      note: c.table
        ? `It calls ${c.fn.name}() through the ${c.table} table of functions.`
        : c.through
          ? `${c.fn.name}() posts to the Messages endpoint through ${c.through}(), which throws on an error status.`
          : undefined,
    });
  }
  // (a local function reaching Claude through `messages.parse` alone counts too)
  if (ctx.calls.length || parseCalls(ctx).length) {
    for (const site of sitesWithin(ctx, 0, ctx.text.length)) {
      const target = claudeTarget(ctx, site.name, site.at);
      const node = target ? siteCall(ctx, site.at) : null;
      if (target && node) {
        // `super().send(...)`: the base class's method in this file.
        const label = site.viaSuper ? `${ctx.python ? 'super()' : 'super'}.${target.fn.name}` : undefined;
        const call = target.reach.calls[0];
        // (`call_fn(…)`, a parameter its callers hand a function picked from a table of functions)
        const written = ctx.textOf(callee(node));
        const param = tableParameterCalls(ctx, target.fn.name).includes(site.at) ? written : '';
        const note = param
          ? `It calls ${target.fn.name}() through its ${param} parameter, given a pick from a table of functions.`
          : parseNote(ctx, call);
        attempts.push({ node, call, via: target.fn.name, label, note });
      }
    }
  }
  for (const attempt of attempts) {
    // A raw HTTP call retried on its response status (`if (res.status === 429) { sleep; continue }`).
    // (A try whose handlers catch no rate limit, `except Timeout:`, leaves the status test to be read.)
    const around = findRetryLoop(ctx, attempt.node);
    // (A 429 branch inside the try, `if (res.status === 429) { wait; continue }`, is the path a 429
    // takes when the client does not throw on an error status (fetch, requests): the handlers then
    // catch the other failures, so the branch's wait is the one read.)
    const status =
      attempt.http && !attempt.via && (!around?.handlers.length || !throwsOnErrorStatus(ctx, attempt.call))
        ? findStatusRetryLoop(ctx, attempt.node)
        : null;
    // (A loop whose handlers catch no rate limit, a validation re-ask, leaves the call to any
    // retry library around it: read below.)
    // (A loop with no try around a local function that returns its Claude errors: retried on the result.)
    const found0 =
      (status && (!around?.handlers.length || status.loop.startIndex === around.loop.startIndex)
        ? status
        : null) ??
      around ??
      (attempt.via && !around ? resultRetryLoop(ctx, attempt.node, attempt.call.node) : null);
    // (a loop whose handlers go round again only for other errors, network failures, retries no 429)
    const loop =
      found0 &&
      found0.handlers.length &&
      (found0 === status || !found0.handlers.every((h) => reattemptsOtherErrorsOnly(ctx, h)))
        ? found0
        : null;
    if (loop) {
      if (
        seen.has(loop.loop.startIndex) ||
        (attempt.via && swallowedUnread(ctx, attempt.call.node, attempt.node, loop.loop))
      ) {
        continue;
      }
      seen.add(loop.loop.startIndex);
      const wait = status ? classifyStatusWait(ctx, status) : classifyWait(ctx, loop);
      if (wait.kind === 'none' && !status && waitsInImport(ctx, loop.handlers)) {
        continue; // the wait is decided in another module (it may read retry-after): not known here
      }
      const found = describe(ctx, wait, {
        subject: 'This loop',
        what: attempt.via
          ? `retries ${attempt.label ?? attempt.via}()`
          : status
            ? 'retries HTTP 429 responses'
            : attempt.http
              ? 'retries the HTTP call'
              : 'retries the Claude call',
        overloadedOnly: !status && retriesOverloadedOnly(ctx, loop.tryNode),
        http: attempt.http,
        note: [attempt.note, status?.note].filter(Boolean).join(' ') || undefined,
        retriedBy:
          attempt.via && wait.kind === 'none' ? retriedThrough(ctx, attempt.via, [attempt.call]) : undefined,
        fannedOut: () => fannedOut(ctx, attempt.call),
      });
      if (!found) {
        continue;
      }
      const head = loopHead(loop.loop);
      const end = trimEnd(ctx, head.start, head.end);
      report({
        start: head.start,
        end,
        message: found.message,
        data: {
          rule: 'naive-retry',
          language: lang(ctx),
          kind: found.kind,
          shape: 'loop',
          loop: rangeOf(loop.loop),
          head: { start: head.start, end },
          call: rangeOf(attempt.call.node),
          wait: wait.call ? rangeOf(wait.call) : undefined,
          handler: loop.handlers[0] ? rangeOf(loop.handlers[0]) : undefined,
          ...(attempt.http ? { http: true as const } : {}),
          ...(loop.walksItems ? { walksItems: true as const } : {}),
        },
      });
      continue;
    }
    if (attempt.http) {
      // A retry library on a raw HTTP call stacks on no SDK retries: it is the only retry, reported
      // when it retries the call's 429 on a schedule of its own (the status raised, the error retried).
      const lib = findRetryLibrary(ctx, attempt.node);
      const found =
        lib && !attempt.via && !seen.has(lib.node.startIndex) && httpStatusRetried(ctx, attempt.call, lib)
          ? describe(ctx, libraryWait(ctx, lib), {
              subject: `\`${lib.library}\``,
              what: 'retries the HTTP call',
              overloadedOnly: false,
              http: true,
              note: attempt.note,
            })
          : undefined;
      // (its error classes are the HTTP library's, not another SDK's: only a single attempt, the
      // wrapped function catching its own errors, or turning them into a class the library does
      // not name, keeps the 429 from the library)
      if (
        lib &&
        found &&
        !singleAttempt(ctx, lib) &&
        !catchesOwnErrors(ctx, attempt.node, (n) => n.startIndex >= lib.node.startIndex) &&
        !convertsRateLimits(ctx, attempt.node, lib)
      ) {
        seen.add(lib.node.startIndex);
        report({
          start: lib.head.startIndex,
          end: lineEnd(ctx, lib.head.startIndex, endOf(lib.head)),
          message: found.message,
          data: {
            rule: 'naive-retry',
            language: lang(ctx),
            kind: found.kind,
            loop: rangeOf(lib.node),
            head: rangeOf(lib.head),
            call: rangeOf(attempt.call.node),
            library: lib.library,
            http: true,
          },
        });
      }
      continue;
    }
    // A retry library around the call, or around the call of a local function that makes it.
    const call = attempt.call;
    const lib = findRetryLibrary(ctx, attempt.node);
    if (!lib || seen.has(lib.node.startIndex)) {
      continue;
    }
    // Endless (every error, a 400 included, sent again without end) with the SDK's retries off or
    // on; otherwise reported only when stacked on the SDK's own retries. (The cheap questions
    // first: `swallowedBefore` climbs from the call, which a deep nest makes costly per call.)
    const endless = retriesEverythingForever(ctx, lib);
    if (
      (!endless && (!keepsSdkRetries(ctx, call) || (attempt.via && calledPlainly(ctx, attempt.via)))) ||
      swallowedBefore(ctx, attempt.node, lib)
    ) {
      continue;
    }
    seen.add(lib.node.startIndex);
    report({
      start: lib.head.startIndex,
      end: lineEnd(ctx, lib.head.startIndex, endOf(lib.head)),
      ...(endless ? {} : { severity: 'info' as const }),
      message: endless ? endlessMessage(lib.library, endless) : stackedMessage(ctx, lib),
      data: {
        rule: 'naive-retry',
        language: lang(ctx),
        kind: endless ? 'endless-retry-library' : 'stacked-retry-library',
        loop: rangeOf(lib.node),
        head: rangeOf(lib.head),
        call: rangeOf(call.node),
        library: lib.library,
        client: call.client ? rangeOf(call.client.node) : undefined,
        ...(call.client && sentPlainly(ctx, call.client, call) && { clientSentPlainly: true as const }),
      },
    });
  }
  for (const shape of retryShapes(ctx)) {
    if (
      seen.has(shape.at.startIndex) ||
      shape.calls.length === 0 ||
      guardedFromRateLimits(ctx, shape.at, shape.handler)
    ) {
      continue; // (a re-attempt only for errors that are not rate limits: `if "not_found_error" in msg:`)
    }
    seen.add(shape.at.startIndex);
    const named = shape.maker ?? shape.fn?.name;
    const name = named ? `\`${named}\`` : 'This code'; // (a re-send in top-level code)
    const found = describe(ctx, shape.wait, {
      subject: name,
      what:
        shape.shape === 'unrolled'
          ? shape.onStatus
            ? 're-sends on HTTP 429'
            : 're-sends on error'
          : shape.shape === 'recursion'
            ? shape.through
              ? 'retries itself'
              : 'retries by calling itself'
            : `retries ${shape.target === 'a function' ? 'a Claude call' : `${shape.target}()`}`,
      overloadedOnly: retriesOverloadedOnly(ctx, shape.tryNode),
      underLimiter: shape.heldLimiter,
      http: shape.http,
      retriedBy:
        shape.target && shape.target !== 'a function' && shape.wait.kind === 'none'
          ? retriedThrough(ctx, shape.target, shape.calls)
          : undefined,
      fannedOut: () => fannedOut(ctx, shape.calls[0]),
      note: shape.status
        ? `It calls ${named}() again when the HTTP response's status is 429, ${shape.attemptsBound ? `while \`${shape.attemptsBound}\`` : 'with no limit on the attempts'}.`
        : shape.through
          ? `The error handler of ${named}() calls ${shape.through}(), which calls ${named}() again here.`
          : shape.onResult
            ? `It is a retry written out by hand: ${shape.onResult}() catches its Claude errors (a 429 included) and returns them, and the request is sent again when its result says it failed.`
            : shape.shape === 'unrolled' && shape.target
              ? `It is a retry written out by hand: the handler calls ${shape.target}() (which calls Claude) again with the same arguments.`
              : shape.shape === 'unrolled'
                ? unrolledNote(shape)
                : undefined,
    });
    if (!found) {
      continue;
    }
    // A wrapper given a `functools.partial` of the call: the finding sits where it is applied.
    const at = shape.partial && shape.applied ? shape.applied : undefined;
    const start = at ? at.startIndex : shape.loop ? loopHead(shape.loop.loop).start : shape.at.startIndex;
    const headEnd = at ? endOf(at) : shape.loop ? loopHead(shape.loop.loop).end : endOf(shape.at);
    const end = lineEnd(ctx, start, headEnd);
    reportShape(ctx, report, found, {
      start,
      end,
      shape: shape.shape,
      loop: shape.loop ? shape.loop.loop : shape.at,
      call: shape.calls[0].node,
      wait: shape.wait,
      extra: {
        handler: rangeOf(shape.handler),
        ...(shape.through ? { through: shape.through } : {}),
        ...(shape.http ? { http: true as const } : {}),
      },
    });
  }
  // Retry by re-queueing: the failed request goes back on a queue that a loop drains and sends again.
  const claudeAt = attempts
    .filter((a) => !a.via)
    .map((a) => a.node.startIndex)
    .sort((a, b) => a - b);
  for (const r of requeueRetries(ctx, claudeAt)) {
    if (seen.has(r.loop.startIndex) || seen.has(r.put.startIndex)) {
      continue;
    }
    seen.add(r.put.startIndex);
    const attempt = attempts.find((a) => !a.via && a.node.startIndex === r.callAt);
    const http = !!attempt?.http;
    const line = ctx.lines.lineAt(r.loop.startIndex) + 1;
    const found = describe(ctx, r.wait, {
      subject: 'This retry queue',
      what: 're-sends failed requests',
      overloadedOnly: false,
      http,
      fannedOut: () => (attempt ? fannedOut(ctx, attempt.call) : undefined),
      note:
        `${r.fn.name}() puts a failed request back on \`${r.queue}\`, ` +
        `and the loop on line ${line} that drains \`${r.drained}\` sends it again.`,
    });
    if (!found) {
      continue;
    }
    const start = r.put.startIndex;
    const end = lineEnd(ctx, start, endOf(r.put));
    reportShape(ctx, report, found, {
      start,
      end,
      shape: 'requeue',
      loop: r.loop,
      call: attempt?.node ?? r.put,
      wait: r.wait,
      extra: http ? { http: true as const } : {},
    });
  }
  // Retry wrappers imported from the project's own modules (when the lint can read the project).
  for (const { local, wrapper, applied, others } of importedRetries(ctx)) {
    const at = applied.node;
    if (seen.has(at.startIndex) || wrapper.overloadedOnly) {
      continue;
    }
    seen.add(at.startIndex);
    const found = describe(ctx, wrapper.wait, {
      subject: `\`${local}\``,
      short: 'This imported wrapper',
      what: `retries ${applied.target === 'a function' ? 'a Claude call' : `${applied.target}()`}`,
      overloadedOnly: false,
      http: applied.http,
      fannedOut: () => fannedOut(ctx, applied.calls[0]),
      note:
        `${wrapper.maker ? 'Its decorator factory' : 'It'} is ${wrapper.name}() in ${wrapper.path} (line ${wrapper.line}): fix the wait there.` +
        (others.length ? ` It wraps Claude calls on ${lineList(others)} of this file too.` : ''),
    });
    if (!found) {
      continue;
    }
    const start = at.startIndex;
    reportShape(ctx, report, found, {
      start,
      end: lineEnd(ctx, start, endOf(at)),
      shape: 'wrapper',
      loop: at,
      call: applied.calls[0].node,
      wait: wrapper.wait,
      extra: {
        imported: { name: wrapper.name, path: wrapper.path, line: wrapper.line },
        ...(applied.http ? { http: true as const } : {}),
      },
    });
  }
}

/** Reports a retry that is not a loop around the call, or a retry queue, with what its fixes need. */
function reportShape(
  ctx: FileContext,
  report: Report<NaiveRetryData>,
  found: { kind: NaiveRetryData['kind']; message: string },
  at: {
    start: number;
    end: number;
    shape: NonNullable<NaiveRetryData['shape']>;
    loop: Node;
    call: Node;
    wait: WaitInfo;
    extra: Partial<NaiveRetryData>;
  },
): void {
  report({
    start: at.start,
    end: at.end,
    message: found.message,
    data: {
      rule: 'naive-retry',
      language: lang(ctx),
      kind: found.kind,
      shape: at.shape,
      loop: rangeOf(at.loop),
      head: { start: at.start, end: at.end },
      call: rangeOf(at.call),
      wait: at.wait.call ? rangeOf(at.wait.call) : undefined,
      ...at.extra,
    },
  });
}

/**
 * The retry wrapper that every Claude call of a re-called local function already goes through,
 * or undefined: a call handed to a helper named for retrying (`withRetry(() => client.messages.create(…))`,
 * imported or local) or a retry library (`pRetry`, tenacity). Climbs at most 8 levels a call.
 */
function retriedThrough(
  ctx: FileContext,
  fn: string,
  calls: readonly ClaudeCall[],
): { fn: string; wrapper: string } | undefined {
  let wrapper: string | undefined;
  for (const c of calls.slice(0, 8)) {
    let found: string | undefined;
    let prev: Node = c.node;
    for (let n = up(c.node), d = 0; n && d < 8 && !found; prev = n, n = up(n), d++) {
      const args = n.childForFieldName('arguments');
      const name = args && args.startIndex <= prev.startIndex ? ctx.textOf(callee(n)) : '';
      if (name && name !== ctx.textOf(c.callee) && RETRY_HELPER_NAME.test(lastSegment(name))) {
        found = name;
      }
    }
    found ??= findRetryLibrary(ctx, c.node)?.library;
    if (!found) {
      return undefined;
    }
    wrapper ??= found;
  }
  return wrapper ? { fn, wrapper } : undefined;
}

/** Python's worker pools and task fan-outs (`ThreadPoolExecutor(`, `asyncio.gather(`, `pool.submit(`). */
const PY_PARALLEL =
  /\b(ThreadPoolExecutor|ProcessPoolExecutor|Pool|gather|create_task|as_completed|submit|imap_unordered|starmap)\s*\(/g;

/**
 * How a retried Claude call is seen running in parallel, said for the message, or undefined:
 * once per item and concurrently (`perItemCalls` over data, its construct a JS `.map`, a pool's
 * `map`, not the builtin `map`, or a loop or comprehension handed to `Promise.all` /
 * `asyncio.gather`): "the call runs once per item (the .map on line 40)"; else, in Python, a
 * worker pool or task fan-out anywhere in the file (its first, outside comments and strings):
 * "the file runs its calls on parallel workers (ThreadPoolExecutor on line 310)".
 */
function fannedOut(ctx: FileContext, call: ClaudeCall): string | undefined {
  const item = perItemCalls(ctx).find((p) => p.call.node.startIndex === call.node.startIndex && p.overData);
  const line = (at: number): number => ctx.lines.lineAt(at) + 1;
  if (item?.kind === 'map') {
    const head = ctx.textOf(callee(item.construct));
    if (!ctx.python || head.includes('.')) {
      const name = head.includes('.') ? `.${lastSegment(head)}` : head;
      return `the call runs once per item, in parallel (the ${name} on line ${line(item.construct.startIndex)})`;
    }
  }
  for (let n = item ? up(item.construct) : null, d = 0; n && d < 4; n = up(n), d++) {
    const head = isCall(n) ? ctx.textOf(callee(n)) : '';
    if (/(?:^|\.)(?:all|allSettled|gather|as_completed|wait)$/.test(head)) {
      return `the call runs once per item, in parallel (${head}() on line ${line(n.startIndex)})`;
    }
  }
  if (!ctx.python) {
    return undefined;
  }
  for (const m of ctx.scan(PY_PARALLEL)) {
    if (!ctx.inCommentOrString(m.index)) {
      return `the file runs its calls on parallel workers (${m[1]} on line ${line(m.index)})`;
    }
  }
  return undefined;
}

/** What a hand-unrolled re-send of the failed call was seen doing (no local function named). */
function unrolledNote(shape: RetryShape): string {
  const s = shape.onStatus;
  return s
    ? `It is a retry written out by hand: ${s.sender}() posts to the Messages endpoint${s.builder ? ` (the request built by ${s.builder}())` : ''} and returns the response's status, and the same request is sent again when it is 429.`
    : 'It is a retry written out by hand: the failed Claude call is sent again from the handler.';
}

/**
 * The finding's kind and message for a wait, or undefined when the retry is fine: it honours
 * retry-after, or it re-raises rate limits and retries only other errors (overloaded 529s,
 * 5xx, validation), which leaves 429s to the SDK or the caller.
 */
function describe(
  ctx: FileContext,
  wait: WaitInfo,
  how: {
    subject: string;
    /** What the subject is called when the first sentence is too long to name it (default `This function`). */
    short?: string;
    what: string;
    overloadedOnly: boolean;
    underLimiter?: string;
    http?: boolean;
    /** What was seen, said after the first sentence. */
    note?: string;
    /**
     * The re-called local function and the retry wrapper its Claude calls already go through
     * (`withRetry`): a re-send with no wait of its own is then not sent "immediately".
     */
    retriedBy?: { fn: string; wrapper: string };
    /** Where the retried call is fanned out (`the .map on line 40`): workers then retry in lock-step. */
    fannedOut?: () => string | undefined;
  },
): { kind: NaiveRetryData['kind']; message: string } | undefined {
  if (how.overloadedOnly || wait.kind === 'retry-after') {
    return undefined;
  }
  const sdk = ctx.python ? 'raise max_retries' : 'raise maxRetries';
  // The other way out: the SDK's own retries, or for a raw HTTP call, the SDK itself.
  const orSdk = (it?: string): string =>
    how.http
      ? `or call the API through the Anthropic SDK (it ${it ?? 'backs off and honours retry-after'})`
      : `or let the SDK retry (${it ? `it ${it}; ` : ''}${sdk})`;
  const what = how.what;
  const helper = wait.helper ? ` (in ${wait.helper}())` : '';
  const fixedWait = wait.amount
    ? `a fixed ${wait.amount} wait${helper}`
    : `a fixed wait${wait.delayName && !wait.helper ? ` (${wait.delayName})` : ''}${helper}`;
  let kind: NaiveRetryData['kind'];
  let first: string;
  let detail: string;
  let waited: string;
  if (wait.parsedFrom) {
    kind = 'ignores-retry-after';
    waited = 'after a wait read from the error text';
    first = `${how.subject} ${what} after a wait read from the error text (${wait.parsedFrom}), not retry-after.`;
    detail =
      'The wording of an error message is not an API: when it changes the wait is lost or wrong. A 429 carries ' +
      `the wait in its retry-after header; read it there, ${orSdk('honours retry-after')}.`;
    if (first.length > 100) {
      first = `${how.subject} ${what} after a wait read from the error text, not retry-after.`;
      detail = `It parses the wait with ${wait.parsedFrom}. ${detail}`;
    }
  } else if (wait.kind === 'none' && how.retriedBy) {
    const by = how.retriedBy;
    kind = 'ignores-retry-after';
    waited = `on top of the retries of ${by.wrapper}()`;
    first = `${how.subject} ${what} with no wait of its own, on top of the retries of ${by.wrapper}().`;
    detail =
      `${by.fn}() already calls Claude through ${by.wrapper}(), which retries on its own schedule: sending ` +
      'again once it gives up multiplies the attempts during a 429 storm, and no retry-after is read here. ' +
      `Let one layer retry and honour retry-after, ${orSdk('honours retry-after')}.`;
  } else if (wait.kind === 'none') {
    kind = 'no-wait';
    waited = 'at once';
    first = `${how.subject} ${what} immediately; wait for retry-after${how.http ? '' : ' or let the SDK retry'}.`;
    detail =
      'On a 429 every retry lands in the same rate-limit window and fails too. Honour the retry-after header, ' +
      `${orSdk('backs off and reads retry-after')}.`;
  } else if (wait.kind === 'fixed' && !wait.jitter) {
    kind = 'fixed-wait';
    waited = `after ${fixedWait}`;
    first = `${how.subject} ${what} after ${fixedWait}; use jittered back-off and retry-after.`;
    const fanned = how.fannedOut?.();
    detail = fanned
      ? `A fixed wait with no growth or jitter ignores retry-after: ${fanned}, and workers that hit a ` +
        '429 together retry in lock-step and keep hitting the limit. Use exponential back-off ' +
        `with jitter and honour retry-after, ${orSdk()}.`
      : 'A fixed wait ignores retry-after: a 429 says in retry-after when capacity is back, and a wait fixed ' +
        'in advance retries without knowing it, too soon (failing again) or later than needed. Honour ' +
        `retry-after, with growing waits when it is absent, ${orSdk()}.`;
  } else {
    kind = 'ignores-retry-after';
    const schedule =
      wait.kind === 'limiter'
        ? 'after waiting on a rate limiter'
        : wait.kind === 'fixed'
          ? `after ${fixedWait.replace(/^a fixed /, 'a jittered ')}`
          : `with its own back-off${helper}`;
    waited = schedule;
    first = `${how.subject} ${what} ${schedule}, ignoring retry-after; honour it.`;
    detail =
      'A 429 says in retry-after when capacity is back: retrying sooner fails and wastes attempts, waiting much ' +
      `longer wastes time. Wait for retry-after when the error carries it, ${orSdk('honours retry-after')}.`;
  }
  if (how.underLimiter) {
    // Retrying from inside `async with sem:` also risks a deadlock: say that first.
    first = `${how.subject} ${what} ${waited} inside \`${how.underLimiter}\`: a deadlock risk.`;
    detail =
      'Each retry waits for a slot of a limiter its caller still holds: once every slot is held by a ' +
      'retrying call, they all wait on each other. Release the slot before retrying, and wait for ' +
      `retry-after ${orSdk()} instead of ${kind === 'no-wait' ? 'retrying at once' : 'a wait of your own'}.`;
  }
  if (first.length > 100) {
    first = first.replace(/`[^`]+`/, how.short ?? 'This function').replace(/ \(in [^)]*\(\)\)/, '');
  }
  if (first.length > 100) {
    first = first.replace(/ the Claude call\b/, '');
  }
  if (first.length > 100) {
    first = first.replace(/ \([^()]*\), not retry-after\.$/, ', not retry-after.');
  }
  if (first.length > 100) {
    // (a long function name: the advice after the `;` is in the detail too)
    first = first.replace(/; [^;]*\.$/, '.');
  }
  return { kind, message: how.note ? `${first} ${how.note} ${detail}` : `${first} ${detail}` };
}

/**
 * Whether a local function is also called outside every retry library: then the SDK's
 * retries are all those plain calls have, and the advice to turn them off would leave them
 * with none (the `retries-disabled` finding that the stacked-library finding would bounce with).
 */
function calledPlainly(ctx: FileContext, name: string): boolean {
  const sites = ctx.memo('naive-retry-sites-by-name', () => {
    const map = new Map<string, number[]>();
    for (const site of sitesWithin(ctx, 0, ctx.text.length)) {
      const list = map.get(site.name) ?? [];
      list.push(site.at);
      map.set(site.name, list);
    }
    return map;
  });
  return (sites.get(name) ?? []).some((at) => {
    const call = siteCall(ctx, at);
    const target = claudeTarget(ctx, name, at);
    return !!call && !!target && !findRetryLibrary(ctx, call);
  });
}

/**
 * Whether a retry library never sees the call's errors: a `try` between the call and the
 * library catches rate-limit errors and neither re-raises nor re-throws (`except Exception:
 * log; return None`), so the decorator has nothing to retry. Libraries that retry on the
 * result (`retry_if_result`, `on_predicate`) still retry.
 */
function swallowedBefore(ctx: FileContext, node: Node, lib: RetryLibraryUse): boolean {
  if (retriesOtherErrorsOnly(ctx, lib) || singleAttempt(ctx, lib)) {
    return true;
  }
  if (/retry_if_result|retry_if_not_result|on_predicate|retryIf|shouldRetry/.test(libraryConfig(ctx, lib))) {
    return false;
  }
  return (
    catchesOwnErrors(ctx, node, (n) => n.startIndex >= lib.node.startIndex) ||
    convertsRateLimits(ctx, node, lib)
  );
}

/**
 * Python: a library retrying named error classes (`retry_if_exception_type((APITimeoutError,
 * APIError))`) around a function whose try turns a rate limit into a class it does not name, nor a
 * same-file subclass of one (`except RateLimitError as e: raise ClaudeRateLimitError(str(e))`):
 * the library never sees a 429. The first handler that can catch a rate limit decides.
 */
function convertsRateLimits(ctx: FileContext, node: Node, lib: RetryLibraryUse): boolean {
  const config = libraryConfig(ctx, lib);
  // (only a filter that names what it retries: not `retry_if_exception(lambda e: not isinstance(…))`)
  if (
    !ctx.python ||
    !/\bretry_if_exception_type\s*\(|\bon_exception\s*\(/.test(config) ||
    /\bnot\s+isinstance\b|\bretry_if_not_exception_type\b|\bretry_if_exception\s*\(/.test(config)
  ) {
    return false;
  }
  const named = new Set(namedErrorClasses(config).map(lastSegment));
  if (named.size === 0 || named.has('Exception') || named.has('BaseException')) {
    return false;
  }
  for (let n = up(node); n && n.startIndex >= lib.node.startIndex; n = up(n)) {
    const body = kind(n) === 'try_statement' ? n.childForFieldName('body') : null;
    if (!body || !(body.startIndex <= node.startIndex && endOf(node) <= endOf(body))) {
      continue;
    }
    for (const h of handlersOf(n)) {
      if (catchesRateLimit(ctx, h)) {
        const raised = /^\s*raise\s+([A-Za-z_][\w.]*)\s*\(/m.exec(ctx.textOf(handlerBody(h)));
        return !!raised && !namedOrSubclass(ctx, lastSegment(raised[1]), named, 0);
      }
    }
  }
  return false;
}

/** Whether a class is one of `named` or (three levels at most) a same-file subclass of one. */
function namedOrSubclass(ctx: FileContext, cls: string, named: ReadonlySet<string>, depth: number): boolean {
  if (named.has(cls)) {
    return true;
  }
  const def = depth < 3 ? new RegExp(`^[ \\t]*class\\s+${cls}\\s*\\(([^)]*)\\)`, 'm').exec(ctx.text) : null;
  return (
    !!def && def[1].split(',').some((b) => namedOrSubclass(ctx, lastSegment(b.trim()), named, depth + 1))
  );
}

/**
 * Whether a loop around a local function never sees its Claude errors: the function catches
 * them around the call and neither re-raises nor re-throws (`except Exception: log; return None`),
 * and the loop does not test what the function returned (a `None` that would be retried).
 */
function swallowedUnread(ctx: FileContext, call: Node, site: Node, loop: Node): boolean {
  if (!catchesOwnErrors(ctx, call)) {
    return false;
  }
  const result = resultName(ctx, site);
  if (!result) {
    return true;
  }
  const uses = ctx
    .textOf(loop)
    .match(new RegExp(`(?<![\\w$.])${result.replace(/\$/g, '\\$')}(?![\\w$])`, 'g'));
  return (uses?.length ?? 0) <= 1 || !resultDrivesRetry(ctx, loop, result, site);
}

/**
 * A loop with no try that re-runs a local function catching its own Claude errors (a 429
 * included) until its result says it worked: `for attempt in range(n): r = await self._once(…);
 * if not r.get("error"): return r`. The loop must go over a range or be a `while`, and an `if`
 * testing the result must leave it. `tryNode` and the handler are that `if`.
 */
function resultRetryLoop(ctx: FileContext, site: Node, claude: Node): RetryLoop | null {
  if (!catchesOwnErrors(ctx, claude)) {
    return null;
  }
  let loop: Node | null = null;
  for (let n = up(site), d = 0; n && d < 12 && !FUNCTION_TYPES.has(kind(n)); n = up(n), d++) {
    if (kind(n) === 'try_statement') {
      return null;
    }
    if (LOOP_TYPES.has(kind(n))) {
      loop = n;
      break;
    }
  }
  const right = loop?.childForFieldName('right');
  if (
    !loop ||
    (kind(loop) === 'for_in_statement' || (ctx.python && kind(loop) === 'for_statement')
      ? !right || !/^\s*range\s*\(/.test(ctx.textOf(right))
      : kind(loop) !== 'while_statement')
  ) {
    return null;
  }
  const result = resultName(ctx, site);
  const branch = result ? exitTesting(ctx, loop, result, site) : null;
  return branch ? { loop, tryNode: branch, handlers: [branch], walksItems: false } : null;
}

/** The name a call's result is assigned to (`text = ask(q)`, `const r = await once(p)`), or ''. */
function resultName(ctx: FileContext, site: Node): string {
  let statement: Node | null = site;
  for (let i = 0; statement && i < 6 && !/assignment|declarator/.test(kind(statement)); i++) {
    statement = up(statement);
  }
  const left = statement?.childForFieldName('left') ?? statement?.childForFieldName('name');
  return left && kind(left) === 'identifier' ? ctx.textOf(left) : '';
}

/** The first `if` after `site` in the loop (its 4,000 characters after the call) whose condition names `result`, if its branch leaves (`return`/`break`). */
function exitTesting(ctx: FileContext, loop: Node, result: string, site: Node): Node | null {
  const re = new RegExp(`(?<![\\w$.])${result.replace(/\$/g, '\\$')}(?![\\w$])`, 'g');
  let read = 0;
  for (const m of ctx.scan(re, endOf(site), Math.min(endOf(loop), endOf(site) + 4000))) {
    if (read++ >= 8) {
      break;
    }
    let n = ctx.nodeAt(m.index);
    for (let i = 0; n && i < 8 && kind(n) !== 'if_statement'; i++) {
      n = up(n);
    }
    const cond = n?.childForFieldName('condition');
    if (n && cond && m.index >= cond.startIndex && m.index < endOf(cond)) {
      return /\b(?:return|break)\b/.test(ctx.textOf(n.childForFieldName('consequence'))) ? n : null;
    }
  }
  return null;
}

/**
 * Whether a loop decides from a result whether to go round again: the loop's condition names it
 * (`while not text:`), or an `if` testing it leaves or goes on (`if text is not None: return text`,
 * `if (!r) continue`, `if not r: raise …`). A result only used (`if (slug) byAI++`) decides nothing.
 * Reads at most 16 uses in the 4,000 characters after the call.
 */
function resultDrivesRetry(ctx: FileContext, loop: Node, result: string, site: Node): boolean {
  const id = new RegExp(`(?<![\\w$.])${result.replace(/\$/g, '\\$')}(?![\\w$])`);
  if (id.test(ctx.textOf(loop.childForFieldName('condition')))) {
    return true;
  }
  const re = new RegExp(id.source, 'g');
  let read = 0;
  for (const m of ctx.scan(re, endOf(site), Math.min(endOf(loop), endOf(site) + 4000))) {
    if (read++ >= 16) {
      return true;
    }
    let n = ctx.nodeAt(m.index);
    for (let i = 0; n && i < 8 && !/^(?:if_statement|elif_clause)$/.test(kind(n)); i++) {
      n = up(n);
    }
    const cond = n?.childForFieldName('condition');
    if (!n || !cond || m.index < cond.startIndex || m.index >= endOf(cond)) {
      continue;
    }
    if (/\b(?:return|break|continue|throw|raise)\b/.test(ctx.textOf(n.childForFieldName('consequence')))) {
      return true;
    }
  }
  return false;
}

/**
 * Whether a retry library stops after one attempt (`stop=stop_after_attempt(1)`, `max_tries=1`,
 * `retries: 0`), written out or as a module constant (`API_MAX_RETRY = 1`): nothing is retried.
 */
function singleAttempt(ctx: FileContext, lib: RetryLibraryUse): boolean {
  const m = /\b(?:stop_after_attempt\s*\(|max_tries\s*=|retries\s*:)\s*([A-Za-z_$][\w$]*|\d+)\s*[),}]/.exec(
    libraryConfig(ctx, lib),
  );
  if (!m) {
    return false;
  }
  // Module constants read (each a scan of the text): at most 16 a file, so it stays linear.
  const read = ctx.memo('naive-retry-attempt-constants', () => new Map<string, string | undefined>());
  if (!/^\d+$/.test(m[1]) && !read.has(m[1]) && read.size < 16) {
    const def = new RegExp(`^${m[1].replace(/\$/g, '\\$')}\\s*(?::[^=\\n]*)?=\\s*(\\d+)\\s*$`, 'm');
    read.set(m[1], def.exec(ctx.text)?.[1]);
  }
  const value = /^\d+$/.test(m[1]) ? m[1] : read.get(m[1]);
  const limit = /retries/.test(m[0]) ? 0 : 1;
  return value !== undefined && Number(value) <= limit;
}

/** A retry library that retries every error without end (`retriesEverythingForever` says why). */
function endlessMessage(library: string, why: string): string {
  const bound =
    library === 'backoff'
      ? 'Name the errors to retry (anthropic.RateLimitError, anthropic.InternalServerError) and set max_tries'
      : 'Add stop=stop_after_attempt(5) and retry=retry_if_exception_type((anthropic.RateLimitError, anthropic.InternalServerError))';
  return (
    `\`${library}\` retries every error forever: ${why}. ` +
    "A request the API rejects (400, 401) is sent again without end, and a 429 is retried on the library's own " +
    `wait, never retry-after. ${bound}, or drop ${library} and let the SDK retry (it honours retry-after; raise max_retries).`
  );
}

/** A retry library on top of the SDK's own retries, and where it is made when not at the call. */
function stackedMessage(ctx: FileContext, lib: RetryLibraryUse): string {
  return (
    `\`${lib.library}\` retries on top of the SDK's own retries; set ${ctx.python ? 'max_retries=0' : 'maxRetries: 0'} or drop ${lib.library}. ` +
    `The client keeps the SDK's retries (2 by default): each failure is retried up to 3 times inside every ` +
    `${lib.library} attempt, multiplying requests during a 429 storm.` +
    (lib.imported
      ? ` (The decorator is \`${lib.madeBy}\`, made in ${lib.imported.path} (line ${lib.imported.line}).)`
      : lib.madeBy && lib.config
        ? ctx.python && kind(lib.node) === 'for_statement'
          ? ` (The loop reads the \`${ctx.textOf(callee(lib.config))}\` object \`${lib.madeBy}\`, line ${ctx.lines.lineAt(lib.config.startIndex) + 1}.)`
          : ctx.python
            ? ` (The decorator is made by \`${lib.madeBy}\`, line ${ctx.lines.lineAt(lib.config.startIndex) + 1}.)`
            : ` (\`${lib.madeBy}\` hands the call to ${lib.library}, line ${ctx.lines.lineAt(lib.config.startIndex) + 1}.)`
        : '')
  );
}

/**
 * What makes a Python retry library retry every error without end, or undefined: a tenacity
 * decorator with neither `stop=` nor `retry=` (its defaults: never stop, retry any exception;
 * `@retry` bare too), a `backoff.on_exception` on `Exception` with neither `max_tries` nor
 * `max_time`. Read from the decorator (or the call that makes it) as written.
 */
function retriesEverythingForever(ctx: FileContext, lib: RetryLibraryUse): string | undefined {
  if (!ctx.python || kind(lib.node) !== 'decorator') {
    return undefined;
  }
  const text = libraryConfig(ctx, lib);
  if (lib.library === 'tenacity' && !/\b(?:stop|retry)\s*=/.test(text) && !/\*\*/.test(text)) {
    return 'no stop= and no retry= filter';
  }
  if (
    lib.library === 'backoff' &&
    /\bon_exception\b/.test(text) &&
    /[(,]\s*(?:builtins\.)?(?:Exception|BaseException)\s*[,)]/.test(text) &&
    !/\bmax_(?:tries|time)\s*=|\*\*/.test(text)
  ) {
    return 'on Exception, with no max_tries and no max_time';
  }
  return undefined;
}

/** Python HTTP libraries' error classes a status raised on a 429 is one of (and the catch-alls). */
const HTTP_STATUS_ERRORS =
  /\b(?:HTTPStatusError|HTTPError|RequestException|ClientResponseError|Exception|BaseException)\b/;

/**
 * Whether a retry library around a raw-HTTP request retries its 429: the request raises on an error
 * status (a client that throws, or `raise_for_status()` in the wrapped function after it), and the
 * library retries that error (a tenacity decorator with no `retry=` filter retries every exception;
 * a filter or `backoff.on_exception` naming an HTTP status error or a catch-all).
 */
function httpStatusRetried(ctx: FileContext, call: ClaudeCall, lib: RetryLibraryUse): boolean {
  const config = libraryConfig(ctx, lib);
  if (!ctx.python || kind(lib.node) !== 'decorator') {
    return false; // (JS libraries on raw HTTP: left to the loops, as before)
  }
  const decorated = up(lib.node);
  const fn = decorated ? decorated.childForFieldName('definition') : null;
  const raises =
    throwsOnErrorStatus(ctx, call) ||
    (!!fn && /\braise_for_status\s*\(/.test(ctx.text.slice(endOf(call.node), endOf(fn))));
  const filtered = lib.library === 'tenacity' ? /\bretry\s*=/.test(config) : /\bon_exception\b/.test(config);
  return raises && (!filtered || HTTP_STATUS_ERRORS.test(config)) && !/retry.?after/i.test(config);
}

/**
 * The wait a Python retry library's decorator sets, as written: tenacity's `wait=` (`wait_fixed(5)`:
 * fixed; `wait_exponential`, `wait_random_exponential`, `wait_incrementing`: growing; none: no wait)
 * and backoff's generator (`backoff.constant`: fixed; `expo`, `fibo`: growing, jittered by default).
 */
function libraryWait(ctx: FileContext, lib: RetryLibraryUse): WaitInfo {
  const config = libraryConfig(ctx, lib);
  if (lib.library === 'backoff') {
    return /\bconstant\b/.test(config)
      ? { kind: 'fixed', jitter: false }
      : { kind: 'growing', jitter: !/\bjitter\s*=\s*None\b/.test(config) };
  }
  const wait = /\bwait\s*=\s*([^\n]*)/.exec(config)?.[1] ?? '';
  if (!wait) {
    return { kind: 'none', jitter: false };
  }
  const fixed = /^\s*(?:tenacity\.)?wait_fixed\s*\(\s*([\d.]+)\s*\)/.exec(wait);
  return fixed
    ? { kind: 'fixed', jitter: false, amount: `${fixed[1]} s` }
    : { kind: 'growing', jitter: /random/.test(wait) };
}

/**
 * Whether a retry library names only another SDK's error classes (`@backoff.on_exception(expo,
 * (openai.RateLimitError, openai.APITimeoutError))`) or Python's built-in ones (`ConnectionError`):
 * Claude's errors are never retried. Other bare names (`RateLimitError`) may be Anthropic's and count.
 */
function retriesOtherErrorsOnly(ctx: FileContext, lib: RetryLibraryUse): boolean {
  const named = namedErrorClasses(libraryConfig(ctx, lib));
  return (
    named.length > 0 &&
    named.every(
      (n) => (/^\w+\./.test(n) && !/^anthropic\./i.test(n)) || (ctx.python && PY_BUILTIN_ERRORS.has(n)),
    )
  );
}

/**
 * Python's built-in network exceptions a retry filter may name (`retry_if_exception_type(ConnectionError)`):
 * the SDK raises none of them (its `APIConnectionError` and `APITimeoutError` derive from `Exception`
 * alone). (Not `ValueError` or `RuntimeError`: code may turn a rate limit into one.)
 */
const PY_BUILTIN_ERRORS = new Set([
  'ConnectionError',
  'ConnectionResetError',
  'ConnectionRefusedError',
  'ConnectionAbortedError',
  'BrokenPipeError',
  'TimeoutError',
  'OSError',
  'IOError',
]);

/** The error classes a retry library's configuration names (`anthropic.RateLimitError`, `APITimeoutError`). */
function namedErrorClasses(config: string): string[] {
  // (bare `Exception` too: a catch-all named beside a built-in class retries every Claude error)
  return config.match(/(?<![\w.])[\w.]*(?:Error|Exception)\b/g) ?? [];
}

/** Whether a call goes through a client that keeps the SDK retries (a client not seen here does, unless the file turns them off somewhere). */
function keepsSdkRetries(ctx: FileContext, call: ClaudeCall): boolean {
  const option = ctx.python ? 'max_retries' : 'maxRetries';
  const perRequest = call.options.entries.get(option);
  if (perRequest) {
    return (entryNumber(perRequest, ctx.text) ?? 0) > 0;
  }
  if (!call.client) {
    // A parameter or an attribute set elsewhere: the SDK's default (2 retries) unless this
    // file turns retries off or sets them from a variable anywhere.
    return !ctx.memo('naive-retry-sets-retries', () => /\bmax_?retries\b\s*[:=]\s*(?![1-9])/i.test(ctx.text));
  }
  return clientRetries(ctx, call.client, option, 0);
}

function clientRetries(ctx: FileContext, client: ClientBinding, option: string, depth: number): boolean {
  const entry = client.options.entries.get(option);
  if (entry) {
    return (entryNumber(entry, ctx.text) ?? 0) > 0;
  }
  if (client.options.open) {
    return false;
  }
  if (client.derivedFrom && depth < 3) {
    const base = resolveClient(ctx, client.derivedFrom, client.node.startIndex);
    return base ? clientRetries(ctx, base, option, depth + 1) : false;
  }
  return true;
}

/** Whether a client sends another request in the file that no retry library wraps. */
function sentPlainly(ctx: FileContext, client: ClientBinding, except: ClaudeCall): boolean {
  return ctx.calls.some((c) => c.client === client && c !== except && !findRetryLibrary(ctx, c.node));
}

/** `line 12`, `lines 12 and 40`, `lines 12, 40 and 52`. */
function lineList(lines: readonly number[]): string {
  return lines.length === 1
    ? `line ${lines[0]}`
    : `lines ${lines.slice(0, -1).join(', ')} and ${lines[lines.length - 1]}`;
}

/** Trims trailing whitespace from a range. */
function trimEnd(ctx: FileContext, start: number, end: number): number {
  let e = end;
  while (e > start + 1 && /\s/.test(ctx.text[e - 1])) {
    e--;
  }
  return e;
}

/** Ends a range at the end of its first line (for decorators and multi-line heads). */
function lineEnd(ctx: FileContext, start: number, end: number): number {
  const nl = ctx.text.indexOf('\n', start);
  return trimEnd(ctx, start, nl === -1 || nl > end ? end : nl);
}

/**
 * Whether a handler hands the caught error to an imported function not named for reporting
 * (`wait_for_reset(exc)`, `handle_error(err)`, from `from x import …` / `import { … }` / `require`;
 * not `report_failure(exc)`, `logError(err)`): the wait between attempts may happen in another
 * module and cannot be read here. Reads at most 4 candidate calls a handler (`importsName`).
 */
function waitsInImport(ctx: FileContext, handlers: readonly Node[]): boolean {
  for (const h of handlers) {
    const head = ctx.text.slice(h.startIndex, Math.min(endOf(h), h.startIndex + 200));
    const err = /(?:\bas\s+|catch\s*\(\s*)([A-Za-z_$][\w$]*)/.exec(head)?.[1];
    if (!err) {
      continue;
    }
    const body = ctx.text.slice(h.startIndex, Math.min(endOf(h), h.startIndex + 4000));
    const re = new RegExp(
      `(?<![\\w$.])([A-Za-z_$][\\w$]*)\\s*\\(\\s*${err.replace(/\$/g, '\\$')}\\s*[,)]`,
      'g',
    );
    let read = 0;
    for (const m of body.matchAll(re)) {
      const name = m[1];
      if (read++ >= 4) {
        break;
      }
      // (a helper named for reporting does not wait: `report_failure(exc)`, `logError(err)`; any
      // other imported helper given the error, `handle_error(exc)`, may sleep where it is written)
      if (
        !/wait|sleep|backoff|reset|rate|limit|throttl|pause|cool/i.test(name) &&
        /log|report|print|notif|record|track|capture|warn|alert|emit|display|show|format|describe|sentry|metric|count/i.test(
          name,
        )
      ) {
        continue;
      }
      if (importsName(ctx, name)) {
        return true;
      }
    }
  }
  return false;
}

/**
 * What was seen of a raw-HTTP Messages request, for the message: a URL path given by the caller,
 * a URL returned by a same-file function, a urllib request sent apart from where it is built.
 */
function httpNote(ctx: FileContext, call: Node, send: Node | null): string | undefined {
  const via = messagesUrlVia(ctx, positionalArgs(call)[0] ?? null);
  const line = (n: Node): number => ctx.lines.lineAt(n.startIndex) + 1;
  return (
    [
      callerPathNote(ctx, call),
      via ? `The URL comes from ${via}, which returns the Messages endpoint.` : undefined,
      send
        ? `The Request built on line ${line(call)} is sent by urlopen() on line ${line(send)}.`
        : undefined,
    ]
      .filter(Boolean)
      .join(' ') || undefined
  );
}

/** What a finding says of a structured-output call (`messages.parse`), which the rule reads as `create`. */
function parseNote(ctx: FileContext, call: ClaudeCall): string | undefined {
  return /\bparse$/.test(ctx.textOf(call.callee))
    ? 'The call is messages.parse() (structured output), a Messages request like create().'
    : undefined;
}
