import { defineRule } from '../rule';
import type { UncachedPromptData } from './data';
import { detect } from './detect';
import { uncachedPromptFixes } from './fix';

export type { UncachedPromptData } from './data';

/** `uncached-prompt`: see docs/rules/uncached-prompt.md. */
export const uncachedPrompt = defineRule<'uncached-prompt', UncachedPromptData>({
  id: 'uncached-prompt',
  defaultSeverity: 'info',
  description:
    'Every call of a loop or fan-out sends the same large system prompt or tool definitions without cache_control, so each call pays for them and counts them toward ITPM.',
  detect,
  fix: uncachedPromptFixes,
  fixKinds: [
    {
      id: 'uncached-prompt.cache-control',
      safe: false,
      summary: 'mark the constant prefix with cache_control (the first call then pays a cache write)',
    },
  ],
});
