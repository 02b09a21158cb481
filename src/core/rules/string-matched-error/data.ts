import type { Span } from '../../parse/span';

/** What a `string-matched-error` finding carries for its fixes (offsets into the linted text). */
export interface StringMatchedErrorData {
  rule: 'string-matched-error';
  language: 'js' | 'python';
  /** The whole test (`"rate limit" in str(e)`, `err.message.includes('429')`). */
  test: Span;
  /** The error variable's name, when it is a plain identifier. */
  errorName?: string;
  /** What the text is matched against. */
  needle: string;
  /** Whether the test is negated (`not in`, `!x.includes(...)`): then the fix negates too. */
  negated: boolean;
  /** What to test instead, e.g. `isinstance(e, anthropic.RateLimitError)`. */
  replacement?: string;
  /** The Claude call is raw HTTP (`requests.post(".../v1/messages")`): no SDK error class to test, so no fix. */
  rawHttp?: boolean;
  /**
   * The file reaches Claude only through the app's own Claude module (this path): the error may be
   * the module's own, so no fix rewrites the test into an SDK class check.
   */
  throughModule?: string;
}
