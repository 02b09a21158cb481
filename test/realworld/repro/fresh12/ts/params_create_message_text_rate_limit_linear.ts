// realworld repro (positive + negative): naive-retry and string-matched-error -- a helper resends the caller's
// params to messages.create on a lazily built client, deciding from the error message whether it was an overload
// or a rate limit ('rate_limit' / '429' in the text) and waiting 2 s, then 4 s, never reading retry-after;
// look-alikes: the overload text test beside it, and a pass-through create whose params come from the caller
// source: antonbillionaire/staffix src/lib/claude-retry.ts:21
// source: antonbillionaire/staffix src/lib/claude-retry.ts:27
// source: antonbillionaire/staffix src/lib/claude-retry.ts:26
// source: antonbillionaire/staffix src/lib/claude-retry.ts:23
import Anthropic from '@anthropic-ai/sdk';

type SendParams = Anthropic.MessageCreateParamsNonStreaming;

let shared: Anthropic | null = null;
function client(): Anthropic {
  if (!shared) shared = new Anthropic({ apiKey: process.env.SHOP_CLAUDE_KEY });
  return shared;
}

export async function askWithRetry(params: SendParams, extra = 2): Promise<Anthropic.Message> {
  for (let round = 0; round <= extra; round++) { // expect: naive-retry
    try {
      return await client().messages.create(params); // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt
    } catch (err) {
      const text = err instanceof Error ? err.message : String(err);
      const busy = text.includes('overloaded'); // expect-not: string-matched-error
      const limited = text.includes('rate_limit') || text.includes('429'); // expect: string-matched-error
      if ((busy || limited) && round < extra) {
        await new Promise((r) => setTimeout(r, (round + 1) * 2000));
        continue;
      }
      throw err;
    }
  }
  throw new Error('no answer');
}
