import { defineRule } from '../rule';
import type { UnboundedFanoutData } from './data';
import { detect } from './detect';
import { unboundedFanoutFixes } from './fix';

export type { UnboundedFanoutData } from './data';

/** `unbounded-fanout`: see docs/rules/unbounded-fanout.md. */
export const unboundedFanout = defineRule<'unbounded-fanout', UnboundedFanoutData>({
  id: 'unbounded-fanout',
  defaultSeverity: 'warning',
  description:
    'Many Claude API calls started at once with no concurrency cap (Promise.all over map, asyncio.gather, TaskGroup, thread pools).',
  detect,
  fix: unboundedFanoutFixes,
  fixKinds: [
    { id: 'unbounded-fanout.p-limit', safe: true, summary: 'cap concurrency with p-limit' },
    { id: 'unbounded-fanout.semaphore', safe: true, summary: 'cap concurrency with a semaphore' },
    { id: 'unbounded-fanout.max-workers', safe: true, summary: "cap the pool's max_workers" },
    {
      id: 'unbounded-fanout.p-limit.measured',
      safe: true,
      summary: 'cap concurrency with p-limit',
    },
    {
      id: 'unbounded-fanout.semaphore.measured',
      safe: true,
      summary: 'cap concurrency with a semaphore',
    },
    {
      id: 'unbounded-fanout.max-workers.measured',
      safe: true,
      summary: "cap the pool's max_workers",
    },
    { id: 'unbounded-fanout.raise-retries', safe: false, summary: "raise the SDK's retries" },
    { id: 'unbounded-fanout.with-backoff', safe: false, summary: 'wrap the calls in a backoff helper' },
  ],
});
