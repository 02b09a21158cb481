// realworld repro (negative): naive-retry -- a retry loop gated by an imported predicate that
// excludes rate limits, waiting with an imported jittered back-off; the client comes from a local
// factory module (this file does not import the SDK)
// source: KartikeShukla/swiggy-mcp-demo src/lib/fetchAddresses.ts:49
import { makeClient } from './claude-client';
import { isTransientNonRateLimit, waitBeforeAttempt } from './retry-policy';

const MAX_RETRIES = 2;

export async function loadPlaces(apiKey: string, question: string): Promise<string[]> {
  const client = makeClient(apiKey);
  const params = { model: 'claude-haiku-4-5', max_tokens: 800, messages: [{ role: 'user', content: question }] };
  let lastError: unknown;
  for (let attempt = 0; attempt <= MAX_RETRIES; attempt++) { // expect-not: naive-retry
    try {
      const reply = await client.beta.messages.create(params);
      return reply.content.flatMap((b: { type: string; text?: string }) => (b.type === 'text' && b.text ? [b.text] : []));
    } catch (err) {
      lastError = err;
      if (attempt >= MAX_RETRIES || !isTransientNonRateLimit(err)) {
        console.warn('gave up', lastError);
        return [];
      }
      await waitBeforeAttempt(attempt + 1);
    }
  }
  return [];
}
