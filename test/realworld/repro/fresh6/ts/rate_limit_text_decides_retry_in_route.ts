// realworld repro (positive + negative): string-matched-error -- a summary helper decides whether to
// retry a Claude create by testing the error text for 'rate limit' next to the status; the wait reads
// the retry-after header (so the loop itself is fine)
// source: Erchegos/ineqre-obx apps/web/src/app/api/research/generate-summaries/route.ts:179
// source: Erchegos/ineqre-obx apps/web/src/app/api/research/generate-summaries/route.ts:153
import Anthropic from '@anthropic-ai/sdk';

const anthropic = new Anthropic();

export async function summarise(subject: string, body: string): Promise<string | null> {
  const prompt = `Summarise the research note "${subject}" in five bullets.\n\n${body.slice(0, 12000)}`;
  for (let attempt = 0; attempt < 3; attempt++) { // expect-not: naive-retry
    try {
      const msg = await anthropic.messages.create({ // expect-not: model-routing
        model: 'claude-haiku-4-5',
        max_tokens: 1024,
        messages: [{ role: 'user', content: prompt }],
      });
      const first = msg.content[0];
      return first && first.type === 'text' ? first.text.trim() : null;
    } catch (error: any) {
      const limited = error?.status === 429 || String(error?.message ?? '').includes('rate limit'); // expect: string-matched-error
      if (!limited || attempt === 2) return null;
      const after = Number(error?.headers?.get?.('retry-after') ?? 0);
      await new Promise((r) => setTimeout(r, after > 0 ? after * 1000 : 15000));
    }
  }
  return null;
}
