import type { Node } from '../../parse/treeSitter';
import type { ClaudeCall, ClientBinding, FileContext } from '../../lint/context';
import { lang, type Report } from '../rule';
import { resolveClient } from '../../lint/facts/clients';
import { claudeTarget, siteCall, sitesWithin } from '../../lint/facts/callGraph';
import { findRetryLibrary } from '../../lint/facts/retryLibraries';
import { classifyWait, findRetryLoop, loopHead, type WaitInfo } from '../../lint/facts/retryLoops';
import { retriesOverloadedOnly, retryShapes } from '../../lint/facts/retryShapes';
import { endOf, rangeOf } from '../../lint/syntax';
import { entryNumber } from '../../lint/facts/arguments';
import type { NaiveRetryData } from './data';

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
  const attempts: Array<{ node: Node; call: ClaudeCall; via?: string }> = ctx.calls.map((c) => ({
    node: c.node,
    call: c,
  }));
  if (ctx.calls.length) {
    for (const site of sitesWithin(ctx, 0, ctx.text.length)) {
      const target = claudeTarget(ctx, site.name, site.at);
      const node = target ? siteCall(ctx, site.at) : null;
      if (target && node) {
        attempts.push({ node, call: target.reach.calls[0], via: target.fn.name });
      }
    }
  }
  for (const attempt of attempts) {
    const loop = findRetryLoop(ctx, attempt.node);
    if (loop) {
      if (seen.has(loop.loop.startIndex) || loop.handlers.length === 0) {
        continue;
      }
      seen.add(loop.loop.startIndex);
      const wait = classifyWait(ctx, loop);
      const found = describe(ctx, wait, {
        subject: 'This loop',
        what: attempt.via ? `retries ${attempt.via}()` : 'retries the Claude call',
        overloadedOnly: retriesOverloadedOnly(ctx, loop.tryNode),
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
        },
      });
      continue;
    }
    if (attempt.via) {
      continue; // retry libraries are matched on the Claude call itself
    }
    const call = attempt.call;
    const lib = findRetryLibrary(ctx, call.node);
    if (!lib || seen.has(lib.node.startIndex) || !keepsSdkRetries(ctx, call)) {
      continue;
    }
    seen.add(lib.node.startIndex);
    report({
      start: lib.head.startIndex,
      end: lineEnd(ctx, lib.head.startIndex, endOf(lib.head)),
      severity: 'info',
      message:
        `\`${lib.library}\` retries on top of the SDK's own retries; set ${ctx.python ? 'max_retries=0' : 'maxRetries: 0'} or drop ${lib.library}. ` +
        `The client keeps the SDK's retries (2 by default): each failure is retried up to 3 times inside every ` +
        `${lib.library} attempt, multiplying requests during a 429 storm.`,
      data: {
        rule: 'naive-retry',
        language: lang(ctx),
        kind: 'stacked-retry-library',
        loop: rangeOf(lib.node),
        head: rangeOf(lib.head),
        call: rangeOf(call.node),
        library: lib.library,
        client: call.client ? rangeOf(call.client.node) : undefined,
      },
    });
  }
  for (const shape of retryShapes(ctx)) {
    if (seen.has(shape.at.startIndex) || shape.calls.length === 0) {
      continue;
    }
    seen.add(shape.at.startIndex);
    const name = `\`${shape.fn.name}\``;
    const found = describe(ctx, shape.wait, {
      subject: shape.shape === 'recursion' ? name : name,
      what:
        shape.shape === 'recursion'
          ? 'retries by calling itself'
          : `retries ${shape.target === 'a function' ? 'a Claude call' : `${shape.target}()`}`,
      overloadedOnly: retriesOverloadedOnly(ctx, shape.tryNode),
    });
    if (!found) {
      continue;
    }
    const start = shape.loop ? loopHead(shape.loop.loop).start : shape.at.startIndex;
    const headEnd = shape.loop ? loopHead(shape.loop.loop).end : endOf(shape.at);
    const end = lineEnd(ctx, start, headEnd);
    report({
      start,
      end,
      message: found.message,
      data: {
        rule: 'naive-retry',
        language: lang(ctx),
        kind: found.kind,
        shape: shape.shape,
        loop: rangeOf(shape.loop ? shape.loop.loop : shape.at),
        head: { start, end },
        call: rangeOf(shape.calls[0].node),
        wait: shape.wait.call ? rangeOf(shape.wait.call) : undefined,
        handler: rangeOf(shape.handler),
      },
    });
  }
}

/** The finding's kind and message for a wait, or undefined when the retry is fine (honours retry-after). */
function describe(
  ctx: FileContext,
  wait: WaitInfo,
  how: { subject: string; what: string; overloadedOnly: boolean },
): { kind: NaiveRetryData['kind']; message: string } | undefined {
  const sdk = ctx.python ? 'raise max_retries' : 'raise maxRetries';
  const what = how.overloadedOnly ? 'retries errors other than 429 (re-thrown)' : how.what;
  const helper = wait.helper ? ` (in ${wait.helper}())` : '';
  const fixedWait = `a fixed ${wait.amount ?? ''}${wait.amount ? ' ' : ''}wait${helper}`;
  let kind: NaiveRetryData['kind'];
  let first: string;
  let detail: string;
  if (wait.kind === 'none') {
    kind = 'no-wait';
    first = `${how.subject} ${what} immediately; wait for retry-after or let the SDK retry.`;
    detail = how.overloadedOnly
      ? 'An overloaded API needs time to recover: retrying at once only adds load. The SDK retries 529s with back-off.'
      : 'On a 429 every retry lands in the same rate-limit window and fails too. Honour the retry-after header, ' +
        `or let the SDK retry (it backs off and reads retry-after; ${sdk}).`;
  } else if (wait.kind === 'fixed' && !wait.jitter) {
    kind = 'fixed-wait';
    first = `${how.subject} ${what} after ${fixedWait}; use jittered back-off${how.overloadedOnly ? '' : ' and retry-after'}.`;
    detail = how.overloadedOnly
      ? 'A fixed wait makes parallel workers retry in lock-step against an overloaded API. Use exponential ' +
        `back-off with jitter, or let the SDK retry (${sdk}).`
      : 'A fixed wait with no growth or jitter ignores retry-after: parallel workers retry in lock-step and keep ' +
        `hitting the limit. Use exponential back-off with jitter and honour retry-after, or let the SDK retry (${sdk}).`;
  } else if (wait.kind !== 'retry-after') {
    if (how.overloadedOnly) {
      return undefined; // a back-off that re-throws 429s leaves rate limits to the caller
    }
    kind = 'ignores-retry-after';
    const schedule =
      wait.kind === 'limiter'
        ? 'after waiting on a rate limiter'
        : wait.kind === 'fixed'
          ? `after ${fixedWait.replace(/^a fixed /, 'a jittered ')}`
          : `with its own back-off${helper}`;
    first = `${how.subject} ${what} ${schedule}, ignoring retry-after; honour it.`;
    detail =
      'A 429 says in retry-after when capacity is back: retrying sooner fails and wastes attempts, waiting much ' +
      `longer wastes time. Wait for retry-after when the error carries it, or let the SDK retry (it honours retry-after; ${sdk}).`;
  } else {
    return undefined;
  }
  if (first.length > 100) {
    first = first.replace(/`[^`]+`/, 'This function').replace(/ \(in [^)]*\(\)\)/, '');
  }
  if (first.length > 100) {
    first = first.replace(/ the Claude call\b/, '');
  }
  return { kind, message: `${first} ${detail}` };
}

/** Whether a call goes through a client (seen in this file) that keeps the SDK retries. */
function keepsSdkRetries(ctx: FileContext, call: ClaudeCall): boolean {
  const option = ctx.python ? 'max_retries' : 'maxRetries';
  const perRequest = call.options.entries.get(option);
  if (perRequest) {
    return (entryNumber(perRequest, ctx.text) ?? 0) > 0;
  }
  if (!call.client) {
    return false;
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
