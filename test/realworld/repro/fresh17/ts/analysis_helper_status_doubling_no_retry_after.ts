// realworld repro (positive + negative): naive-retry -- a shared analysis helper wraps an Opus messages.create
// in a three-attempt loop; a 429 or 529 status waits a doubling 2 s then 4 s (no jitter, no retry-after) and
// continues, stacked on the SDK's default retries; look-alikes: the retry decision is a status test, max_tokens
// is the caller's value or 16,000 (under the non-streaming ceiling), the system prompt is passed in, and the key
// comes from the environment
// source: bcali/roadmap-dashboard scripts/lib/anthropic.ts:30
// source: bcali/roadmap-dashboard scripts/lib/anthropic.ts:75
// source: bcali/roadmap-dashboard scripts/lib/anthropic.ts:32
// source: bcali/roadmap-dashboard scripts/lib/anthropic.ts:26
import Anthropic from '@anthropic-ai/sdk';

const ATTEMPTS = 3;
const FIRST_WAIT_MS = 2000;

export interface ReviewInput {
  instructions: string;
  material: string;
  outputBudget?: number;
}

export async function reviewPlan(input: ReviewInput): Promise<string> {
  const anthropic = new Anthropic(); // expect-not: retries-disabled, hardcoded-api-key
  let failure: unknown = null;

  for (let round = 1; round <= ATTEMPTS; round++) { // expect: naive-retry
    try {
      const reply = await anthropic.messages.create({ // expect-not: nonstreaming-max-tokens, model-routing, uncached-prompt, missing-max-tokens, batchable-fanout
        model: 'claude-opus-4-6',
        max_tokens: input.outputBudget ?? 16000,
        thinking: { type: 'enabled', budget_tokens: 8000 },
        system: input.instructions,
        messages: [{ role: 'user', content: input.material }],
      });
      const block = reply.content.find((b) => b.type === 'text');
      return block && block.type === 'text' ? block.text : '';
    } catch (err: any) {
      failure = err;
      if (err?.status === 429 || err?.status === 529) { // expect-not: string-matched-error
        const wait = FIRST_WAIT_MS * 2 ** (round - 1);
        console.warn(`review attempt ${round} got ${err.status}; waiting ${wait} ms`);
        await new Promise((r) => setTimeout(r, wait));
        continue;
      }
      throw err;
    }
  }
  throw failure ?? new Error('review failed');
}
