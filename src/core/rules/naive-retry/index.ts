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
  fixKinds: [
    { id: 'naive-retry.sdk-retries', safe: false, summary: 'remove the retry loop and let the SDK retry' },
    { id: 'naive-retry.loop-with-backoff', safe: false, summary: 'replace the loop with a backoff helper' },
    { id: 'naive-retry.raise-retries', safe: false, summary: "raise the SDK's retries" },
    { id: 'naive-retry.with-backoff', safe: false, summary: 'wrap the call in a backoff helper' },
    {
      id: 'naive-retry.drop-recursion',
      safe: false,
      summary: 'remove the retry by recursion and let the SDK retry',
    },
    {
      id: 'naive-retry.drop-wrapper',
      safe: false,
      summary: 'remove the same-file retry wrapper and let the SDK retry',
    },
    { id: 'naive-retry.drop-library', safe: false, summary: 'drop the stacked retry library' },
    {
      id: 'naive-retry.sdk-retries-off',
      safe: false,
      summary: "keep the library, turn the SDK's retries off",
    },
  ],
});
