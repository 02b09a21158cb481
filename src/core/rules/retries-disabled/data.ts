import type { Span } from '../../parse/span';

/** What a `retries-disabled` finding carries for its fixes (offsets into the linted text). */
export interface RetriesDisabledData {
  rule: 'retries-disabled';
  language: 'js' | 'python';
  /** The `maxRetries: 0` pair or `max_retries=0` keyword argument. */
  setting: Span;
  /** The literal `0`. */
  value: Span;
  /** The client construction (or `withOptions`/`with_options` call). */
  client: Span;
  /** The Claude calls in the file made through this client. */
  calls: Span[];
}
