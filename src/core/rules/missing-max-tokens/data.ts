import type { CallFacts } from '../callFacts';

/** What a `missing-max-tokens` finding carries for its fixes (offsets into the linted text). */
export interface MissingMaxTokensData {
  rule: 'missing-max-tokens';
  language: 'js' | 'python';
  call: CallFacts;
  /** Where a `max_tokens` entry can be inserted: right after the opening `{` or `(`. */
  insertAt: number;
  /** The model literal, if the params name one. */
  model?: string;
  /** A raw-HTTP request's JSON body (a Python dict takes `"max_tokens": n`). */
  body?: true;
}
