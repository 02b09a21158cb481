import { defineRule } from '../rule';
import type { HardcodedApiKeyData } from './data';
import { detect } from './detect';
import { hardcodedApiKeyFixes } from './fix';

export type { HardcodedApiKeyData } from './data';

/** `hardcoded-api-key`: see docs/rules/hardcoded-api-key.md. */
export const hardcodedApiKey = defineRule<'hardcoded-api-key', HardcodedApiKeyData>({
  id: 'hardcoded-api-key',
  defaultSeverity: 'error',
  description: 'An Anthropic API key (sk-ant-...) written in the source.',
  detect,
  fix: hardcodedApiKeyFixes,
  fixKinds: [
    {
      id: 'hardcoded-api-key.env',
      safe: false,
      summary: 'read the key from the environment (the program then needs ANTHROPIC_API_KEY set)',
    },
  ],
});
