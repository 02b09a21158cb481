import { defineRule } from '../rule';
import type { NonstreamingMaxTokensData } from './data';
import { detect } from './detect';
import { nonstreamingMaxTokensFixes } from './fix';

export type { NonstreamingMaxTokensData } from './data';

/** `nonstreaming-max-tokens`: see docs/rules/nonstreaming-max-tokens.md. */
export const nonstreamingMaxTokens = defineRule<'nonstreaming-max-tokens', NonstreamingMaxTokensData>({
  id: 'nonstreaming-max-tokens',
  defaultSeverity: 'warning',
  description:
    "A non-streaming create whose max_tokens makes the SDK refuse it (over 21,333 with no timeout) or exceeds the model's maximum output.",
  detect,
  fix: nonstreamingMaxTokensFixes,
  fixKinds: [
    {
      id: 'nonstreaming-max-tokens.stream',
      safe: true,
      summary: 'stream the call and return the same final message',
    },
    {
      id: 'nonstreaming-max-tokens.lower',
      safe: false,
      summary: 'lower max_tokens (longer outputs get cut off)',
    },
  ],
});
