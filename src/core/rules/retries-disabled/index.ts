import { defineRule } from '../rule';
import type { RetriesDisabledData } from './data';
import { detect } from './detect';
import { retriesDisabledFixes } from './fix';

export type { RetriesDisabledData } from './data';

/** `retries-disabled`: see docs/rules/retries-disabled.md. */
export const retriesDisabled = defineRule<'retries-disabled', RetriesDisabledData>({
  id: 'retries-disabled',
  defaultSeverity: 'warning',
  description:
    'A client built with maxRetries: 0 / max_retries=0 whose calls have no retry handling of their own.',
  detect,
  fix: retriesDisabledFixes,
  fixKinds: [
    { id: 'retries-disabled.raise-retries', safe: false, summary: 'give the SDK its retries back' },
    { id: 'retries-disabled.with-backoff', safe: false, summary: 'wrap the calls in a backoff helper' },
  ],
});
