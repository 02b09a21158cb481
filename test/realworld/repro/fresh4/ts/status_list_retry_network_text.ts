// realworld repro (positive + negative): naive-retry -- a worksheet helper loops around messages.create and
// re-sends on status 429/500/503/529 or on network text after a doubling pause, retry-after never read;
// the network check is a text test for 'fetch failed' / 'ECONNRESET' (not a rate limit)
// source: Lanadya/arbeitsblatt-generator lib/claude-client.ts:19
// source: Lanadya/arbeitsblatt-generator lib/claude-client.ts:30
// source: Lanadya/arbeitsblatt-generator lib/claude-client.ts:21
import Anthropic from '@anthropic-ai/sdk';

const TRANSIENT = [429, 500, 503, 529];

async function createWithBackoff(
  api: Anthropic,
  body: Anthropic.MessageCreateParamsNonStreaming,
  limit = 3,
): Promise<Anthropic.Message> {
  for (let n = 0; n <= limit; n++) { // expect: naive-retry
    try {
      return await api.messages.create(body); // expect-not: missing-max-tokens
    } catch (error: unknown) {
      const code = error instanceof Error && 'status' in error ? (error as Error & { status: number }).status : 0;
      const flaky =
        error instanceof Error && (error.message.includes('fetch failed') || error.message.includes('ECONNRESET')); // expect-not: string-matched-error
      if ((TRANSIENT.includes(code) || flaky) && n < limit) {
        await new Promise((r) => setTimeout(r, Math.min(1000 * 2 ** n, 10000)));
        continue;
      }
      throw error;
    }
  }
  throw new Error('out of attempts');
}

export async function makeExercise(topic: string): Promise<string> {
  const api = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });
  const reply = await createWithBackoff(api, {
    model: 'claude-sonnet-4-5',
    max_tokens: 4096,
    messages: [{ role: 'user', content: `Write a short exercise sheet about ${topic}.` }],
  });
  const block = reply.content.find((b) => b.type === 'text');
  return block && block.type === 'text' ? block.text : '';
}
