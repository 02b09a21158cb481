import { defineRule } from '../rule';
import type { MissingMaxTokensData } from './data';
import { detect } from './detect';
import { missingMaxTokensFixes } from './fix';

export type { MissingMaxTokensData } from './data';

/** `missing-max-tokens`: see docs/rules/missing-max-tokens.md. */
export const missingMaxTokens = defineRule<'missing-max-tokens', MissingMaxTokensData>({
  id: 'missing-max-tokens',
  defaultSeverity: 'error',
  description: 'A Messages API create/stream call without max_tokens, which the API rejects.',
  detect,
  fix: missingMaxTokensFixes,
  fixKinds: [
    {
      id: 'missing-max-tokens.add',
      safe: true,
      summary: 'add the missing max_tokens (the call fails without it)',
    },
  ],
});
