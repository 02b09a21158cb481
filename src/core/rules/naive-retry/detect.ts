import type { ClaudeCall, ClientBinding, FileContext } from '../../lint/context';
import { lang, type Report } from '../rule';
import { resolveClient } from '../../lint/facts/clients';
import { findRetryLibrary } from '../../lint/facts/retryLibraries';
import { classifyWait, findRetryLoop, loopHead } from '../../lint/facts/retryLoops';
import { endOf, rangeOf } from '../../lint/syntax';
import { entryNumber } from '../../lint/facts/arguments';
import type { NaiveRetryData } from './data';

/**
 * `naive-retry`: a hand-written retry loop around a Claude call that retries rate-limit
 * errors with no wait or a fixed wait (no growth, no jitter) and ignores `retry-after`; and
 * (as information) a retry library stacked on a client that keeps the SDK's own retries.
 */
export function detect(ctx: FileContext, report: Report<NaiveRetryData>): void {
  const seen = new Set<number>();
  for (const call of ctx.calls) {
    const loop = findRetryLoop(ctx, call.node);
    if (loop) {
      if (seen.has(loop.loop.startIndex) || loop.handlers.length === 0) {
        continue;
      }
      seen.add(loop.loop.startIndex);
      const wait = classifyWait(ctx, loop);
      let kind: NaiveRetryData['kind'];
      let message: string;
      if (wait.kind === 'none') {
        kind = 'no-wait';
        message =
          'This loop retries the Claude call immediately after an error: on a 429 every retry lands in the same ' +
          'rate-limit window and fails too. Wait before retrying, honouring the retry-after header, or let the ' +
          'SDK retry (it backs off and reads retry-after; raise maxRetries instead).';
      } else if (wait.kind === 'fixed' && !wait.jitter) {
        kind = 'fixed-wait';
        message =
          'This loop retries the Claude call after a fixed wait with no growth or jitter and ignores retry-after: ' +
          'parallel workers retry in lock-step and keep hitting the limit. Use exponential back-off with jitter ' +
          'and honour retry-after, or let the SDK retry (raise maxRetries).';
      } else if (wait.kind !== 'retry-after') {
        kind = 'ignores-retry-after';
        message =
          'This loop backs off on its own schedule and never reads the retry-after header of a 429: it retries ' +
          'before the limit has refilled (wasting attempts) or waits longer than needed. Wait for retry-after ' +
          'when the error carries it, or let the SDK retry (it honours retry-after; raise maxRetries).';
      } else {
        continue;
      }
      const head = loopHead(loop.loop);
      report({
        start: head.start,
        end: trimEnd(ctx, head.start, head.end),
        message: ctx.python ? message.replace('raise maxRetries', 'raise max_retries') : message,
        data: {
          rule: 'naive-retry',
          language: lang(ctx),
          kind,
          loop: rangeOf(loop.loop),
          head: { start: head.start, end: trimEnd(ctx, head.start, head.end) },
          call: rangeOf(call.node),
          wait: wait.call ? rangeOf(wait.call) : undefined,
          handler: loop.handlers[0] ? rangeOf(loop.handlers[0]) : undefined,
        },
      });
      continue;
    }
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
        `${lib.library} retries a Claude call on a client that keeps the SDK's own retries (2 by default): ` +
        `each failure is retried up to 3 times inside every ${lib.library} attempt, multiplying requests during a 429 ` +
        `storm. Set ${ctx.python ? 'max_retries=0' : 'maxRetries: 0'} on this client or drop the extra retry layer.`,
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
