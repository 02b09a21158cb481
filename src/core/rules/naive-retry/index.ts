import { defineRule } from '../rule';
import type { NaiveRetryData } from './data';
import { detect } from './detect';
import { naiveRetryFixes } from './fix';

export type { NaiveRetryData } from './data';

/** `naive-retry`: see docs/rules/naive-retry.md. */
export const naiveRetry = defineRule<'naive-retry', NaiveRetryData>({
  id: 'naive-retry',
  defaultSeverity: 'warning',
  description:
    'A hand-written retry loop that retries rate-limit errors with no wait or a fixed wait, or a retry library stacked on the SDK retries.',
  detect,
  fix: naiveRetryFixes,
});
