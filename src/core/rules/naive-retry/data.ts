import type { Span } from '../../parse/span';

/** What a `naive-retry` finding carries for its fixes (offsets into the linted text). */
export interface NaiveRetryData {
  rule: 'naive-retry';
  language: 'js' | 'python';
  kind:
    | 'no-wait'
    | 'fixed-wait'
    | 'ignores-retry-after'
    | 'stacked-retry-library'
    /** A retry library configured to retry every error without end (no fix: its settings are the user's). */
    | 'endless-retry-library';
  /** The retry loop statement (hand-written retries) or the wrapping call/decorator (libraries). */
  loop: Span;
  /** The loop head (`while (true)`, `for attempt in range(5):`), or the library call's callee. */
  head: Span;
  /** The Claude call being retried. */
  call: Span;
  /** The sleep/delay call, when there is one. */
  wait?: Span;
  /** The catch/except clause that swallows the error. */
  handler?: Span;
  /**
   * How the retry is written: a loop around the call (absent for older findings: a loop), a
   * function calling itself from its handler, a same-file wrapper re-running a callable, or a
   * handler that sends the same call again (unrolled by hand; no fix rewrites it), or a failed
   * request put back on a queue that a loop drains and sends again (no fix either).
   */
  shape?: 'loop' | 'recursion' | 'wrapper' | 'unrolled' | 'requeue';
  /**
   * The retry loop also walks a list (`while i < len(prompts)` stepping `i` on success, a
   * handler's `i--`): removing it would drop the other items, so no fix unrolls it.
   */
  walksItems?: true;
  /** Library retries: the library name and the client construction that keeps the SDK retries. */
  library?: string;
  client?: Span;
  /**
   * Library retries: the client also sends requests here that no retry library wraps; turning its
   * SDK retries off would leave those with none, so that fix is not offered.
   */
  clientSentPlainly?: true;
  /**
   * The retried call is the Messages API over raw HTTP (`requests.post`, `fetch`): no SDK
   * client, no SDK errors, so there is no SDK-based fix to offer.
   */
  http?: true;
  /**
   * Recursion through a same-file helper called from the handler (`handleRequestError`): the
   * handler is not where the retry is written, so no fix rewrites it.
   */
  through?: string;
  /**
   * A retry wrapper imported from another module of the project (`withRetry` from `lib/retry.ts`):
   * its loop is in that file, where the fix belongs, so none is offered here.
   */
  imported?: { name: string; path: string; line: number };
}
