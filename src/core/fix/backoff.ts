/**
 * Backoff fixes shared by unbounded-fanout, retries-disabled and naive-retry: raise the
 * SDK's own retries where the client is built in the file, or route calls through a
 * `withBackoff` / `with_backoff` helper.
 */
import type { RuleId } from '../lint/types';
import {
  type CallInfo,
  addRaiseRetries,
  awaitedAt,
  callInfo,
  findClient,
  jsChainEnd,
  pyEnclosingDef,
  usesAwait,
  wrappedBy,
} from './calls';
import { EditBuilder, wrapCall } from './builder';
import { type FixFile } from './file';
import { ensurePyBackoff } from './pythonTemplates';
import { ensureJsBackoff } from './templates';
import type { Span } from '../parse/span';
import type { FixAction } from './types';

/** The retries the fixes raise the SDK's `maxRetries` / `max_retries` to. */
export const SDK_RETRIES = 6;

/** Title of the raise-retries fix. */
export function raiseRetriesTitle(file: FixFile): string {
  return file.python ? `Raise max_retries to ${SDK_RETRIES}` : `Raise maxRetries to ${SDK_RETRIES}`;
}

/** "Raise maxRetries" for the clients (built in this file) of the given calls. */
export function raiseRetriesAction(file: FixFile, rule: RuleId, calls: Span[]): FixAction | undefined {
  const b = new EditBuilder(file);
  const seen = new Set<number>();
  let any = false;
  for (const span of calls) {
    const info = callInfo(file, span);
    const ctor = info && findClient(file, info.receiver);
    if (ctor && !seen.has(ctor.open)) {
      seen.add(ctor.open);
      any = addRaiseRetries(b, ctor, SDK_RETRIES) || any;
    }
  }
  if (!any) {
    return undefined;
  }
  return action(rule, `${rule}.raise-retries`, raiseRetriesTitle(file), b);
}

/**
 * Adds to `b` the wrapping of one call in the backoff helper; returns false when the call
 * cannot be wrapped (a stream without its final message, a coroutine that is not awaited).
 */
export function wrapInBackoff(b: EditBuilder, info: CallInfo): boolean {
  const { file } = b;
  if (file.python) {
    if (
      wrappedBy(file, info.span.start, []) ||
      /with_backoff(?:_async)?\(\s*lambda\s*:\s*$/.test(
        file.text.slice(Math.max(0, info.span.start - 60), info.span.start),
      )
    ) {
      return true;
    }
    if (info.method === 'stream' || usesAwait(file, info.span)) {
      return false;
    }
    const awaited = awaitedAt(file, info.span.start);
    const inAsync = pyEnclosingDef(file, info.span.start)?.async ?? false;
    if (!awaited && inAsync) {
      return false; // a coroutine handed to gather/create_task: a lambda would bind loop variables late
    }
    const fn = ensurePyBackoff(b, awaited);
    b.insert(info.span.start, `${fn}(lambda: `).insert(info.span.end, ')');
    return true;
  }
  if (wrappedBy(file, info.span.start, ['withBackoff'])) {
    return true;
  }
  const chain = jsChainEnd(file, info.span.end);
  if (info.method === 'stream' && !chain.methods.some((m) => FINAL_METHODS.has(m))) {
    return false;
  }
  const end = wrapEnd(info, chain);
  const fn = ensureJsBackoff(b);
  const async = usesAwait(file, { start: info.span.start, end });
  wrapCall(b, info.span.start, end, `${fn}(${async ? 'async ' : ''}() => `, ')');
  return true;
}

/** Methods of a MessageStream that resolve when the stream ends. */
export const FINAL_METHODS = new Set(['finalMessage', 'finalText', 'done']);

/** Methods only an APIPromise has: a wrapper returning a plain Promise must include them. */
const API_PROMISE_METHODS = new Set(['withResponse', 'asResponse']);

/**
 * Where a wrapper around a call must close: after the chain for streams (through the final
 * message) and for APIPromise-only methods (`.withResponse()`), else right after the call.
 */
export function wrapEnd(info: CallInfo, chain: { end: number; methods: string[] }): number {
  return info.method === 'stream' || chain.methods.some((m) => API_PROMISE_METHODS.has(m))
    ? chain.end
    : info.span.end;
}

/** "Retry on rate limit with backoff" around each of the calls. */
export function withBackoffAction(file: FixFile, rule: RuleId, calls: Span[]): FixAction | undefined {
  const b = new EditBuilder(file);
  let wrapped = 0;
  const seen = new Set<number>();
  for (const span of calls) {
    if (seen.has(span.start)) {
      continue; // one call reached from several sites is wrapped once
    }
    seen.add(span.start);
    const info = callInfo(file, span);
    if (!info || !wrapInBackoff(b, info)) {
      return undefined;
    }
    wrapped++;
  }
  const edits = b.build();
  if (!wrapped || !edits.length) {
    return undefined;
  }
  return {
    id: `${rule}.with-backoff`,
    title: 'Retry on rate limit with backoff',
    rule,
    isPreferred: false,
    safeForFixAll: false,
    edits,
  };
}

/** An action from a builder (not preferred, not safe until the caller says so). */
export function action(
  rule: RuleId,
  id: string,
  title: string,
  b: EditBuilder,
  safe = false,
): FixAction | undefined {
  const edits = b.build();
  return edits.length ? { id, title, rule, isPreferred: false, safeForFixAll: safe, edits } : undefined;
}
