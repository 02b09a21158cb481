// realworld repro (positive + negative): naive-retry and string-matched-error -- a for-attempt loop
// around create retries every error after a fixed schedule of delays (1 s, 2 s, 4 s), never reading
// retry-after; the only text test stops retrying for a bad key or a permission error
// source: Agentic-Person/whop-chronos lib/ai/claude.ts:81
// source: Agentic-Person/whop-chronos lib/ai/claude.ts:126
import Anthropic from '@anthropic-ai/sdk';

const anthropic = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });

export async function answer(history: Array<{ role: 'user' | 'assistant'; content: string }>, system: string, tries = 3) {
  const delays = [1000, 2000, 4000];
  let lastError: Error | null = null;
  for (let attempt = 0; attempt < tries; attempt++) { // expect: naive-retry
    try {
      const reply = await anthropic.messages.create({
        model: 'claude-haiku-4-5',
        max_tokens: 1024,
        system,
        messages: history,
      });
      return reply.content
        .filter((b) => b.type === 'text')
        .map((b) => (b as { type: 'text'; text: string }).text)
        .join('\n');
    } catch (error) {
      lastError = error instanceof Error ? error : new Error(String(error));
      if (
        lastError.message.includes('invalid_api_key') || // expect-not: string-matched-error
        lastError.message.includes('permission_denied')
      ) {
        throw lastError;
      }
      if (attempt < tries - 1) {
        await new Promise((resolve) => setTimeout(resolve, delays[attempt]));
      }
    }
  }
  throw new Error(`failed after ${tries} attempts: ${lastError?.message}`);
}
