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
});
