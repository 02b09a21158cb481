// realworld repro (negative): retries-disabled + naive-retry -- maxRetries: 0 on a client whose create
// sits in the function's own loop, which retries 429 after the retry-after header and 5xx after a
// doubling wait
// source: epoberezkin/codewatch src/server/services/claude.ts:53
// source: epoberezkin/codewatch src/server/services/claude.ts:55
import Anthropic from '@anthropic-ai/sdk';

const TRIES = 5;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function retryAfterSeconds(err: unknown): number {
  const headers = (err as { headers?: Headers })?.headers;
  const value = headers?.get?.('retry-after');
  const n = value ? parseInt(value, 10) : NaN;
  return Number.isFinite(n) && n > 0 ? n : 60;
}

export async function review(apiKey: string, system: string, text: string, maxTokens = 8000) {
  const client = new Anthropic({ apiKey, maxRetries: 0 }); // expect-not: retries-disabled
  for (let attempt = 0; attempt <= TRIES; attempt++) { // expect-not: naive-retry
    try {
      return await client.messages.create({
        model: 'claude-opus-4-5',
        max_tokens: maxTokens,
        system,
        messages: [{ role: 'user', content: text }],
      });
    } catch (err) {
      const status = (err as { status?: number })?.status ?? 0;
      const limited = status === 429;
      if ((!limited && status < 500) || attempt === TRIES) throw err;
      const wait = limited ? retryAfterSeconds(err) + 5 : Math.min(10 * 2 ** attempt, 120);
      await sleep(wait * 1000);
    }
  }
  throw new Error('out of attempts');
}
