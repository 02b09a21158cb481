import { defineRule } from '../rule';
import type { BatchableFanoutData } from './data';
import { detect } from './detect';
import { batchableFanoutFixes } from './fix';

export type { BatchableFanoutData } from './data';

/** `batchable-fanout`: see docs/rules/batchable-fanout.md. */
export const batchableFanout = defineRule<'batchable-fanout', BatchableFanoutData>({
  id: 'batchable-fanout',
  defaultSeverity: 'info',
  description:
    'A script, notebook or CLI command sends one Claude call per item and stores the results: the Message Batches API does the same at half the price, outside your rate limits.',
  detect,
  fix: batchableFanoutFixes,
  fixKinds: [
    {
      id: 'batchable-fanout.batch-api',
      safe: false,
      summary: 'add a Message Batches version of the fan-out (results arrive within 24 h, not at once)',
    },
  ],
});
