import { defineRule } from '../rule';
import type { StringMatchedErrorData } from './data';
import { detect } from './detect';
import { stringMatchedErrorFixes } from './fix';

export type { StringMatchedErrorData } from './data';

/** `string-matched-error`: see docs/rules/string-matched-error.md. */
export const stringMatchedError = defineRule<'string-matched-error', StringMatchedErrorData>({
  id: 'string-matched-error',
  defaultSeverity: 'warning',
  description:
    'Deciding that an error is a rate limit from its message text instead of RateLimitError or the status code.',
  detect,
  fix: stringMatchedErrorFixes,
  fixKinds: [
    {
      id: 'string-matched-error.class-check',
      safe: true,
      summary: "test the error's class instead of its message",
    },
  ],
});
