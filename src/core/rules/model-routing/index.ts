import { defineRule } from '../rule';
import type { ModelRoutingData } from './data';
import { detect } from './detect';
import { modelRoutingFixes } from './fix';

export type { ModelRoutingData } from './data';

/** `model-routing`: see docs/rules/model-routing.md. */
export const modelRouting = defineRule<'model-routing', ModelRoutingData>({
  id: 'model-routing',
  defaultSeverity: 'info',
  description:
    'A loop or fan-out over data calls Opus or Sonnet for classification-sized output (small max_tokens) that Haiku 4.5 answers for a fraction of the price.',
  detect,
  fix: modelRoutingFixes,
  fixKinds: [
    {
      id: 'model-routing.haiku',
      safe: false,
      summary: 'switch the call to claude-haiku-4-5 (another model can answer differently)',
    },
  ],
});
