// realworld repro: string-matched-error and naive-retry (positive) -- a wrapper whose catch decides "rate limited"
// from message.includes('429') / 'rate_limit' and then waits a flat minute plus jitter (server errors, recognised
// by text too, get a doubling delay), never reading the retry-after header; nonstreaming-max-tokens look-alike --
// the non-streaming create is only reached below a 16,000-token budget
// source: ptanner66-prog/Motion-Granted-Production lib/claude-client.ts:33
// source: ptanner66-prog/Motion-Granted-Production lib/claude-client.ts:100
// source: ptanner66-prog/Motion-Granted-Production lib/claude-client.ts:116
// source: ptanner66-prog/Motion-Granted-Production lib/claude-client.ts:193
import Anthropic from '@anthropic-ai/sdk';

const snooze = (ms: number) => new Promise((r) => setTimeout(r, ms));

function looksRateLimited(err: unknown): boolean {
  const text = err instanceof Error ? err.message : String(err);
  return text.includes('429') || text.includes('rate_limit');
}

function looksLikeServerTrouble(err: unknown): boolean {
  const text = (err instanceof Error ? err.message : String(err)).toLowerCase();
  return text.includes('502') || text.includes('503') || text.includes('internal server error'); // expect-not: string-matched-error
}

export async function draftWithRetry(params: Anthropic.MessageCreateParamsNonStreaming, tries = 5): Promise<Anthropic.Message> {
  const api = new Anthropic();
  let last: unknown = null;
  for (let attempt = 0; attempt <= tries; attempt++) { // expect: naive-retry
    try {
      if (params.max_tokens >= 16000) {
        return await api.messages.stream(params).finalMessage();
      }
      return await api.messages.create(params); // expect-not: nonstreaming-max-tokens
    } catch (err) {
      last = err;
      if (looksRateLimited(err) && attempt < tries) { // expect: string-matched-error
        await snooze(60000 * (1.1 + Math.random() * 0.2));
        continue;
      }
      if (looksLikeServerTrouble(err) && attempt < tries) {
        await snooze(2000 * 2 ** attempt);
        continue;
      }
      throw err;
    }
  }
  throw last;
}
