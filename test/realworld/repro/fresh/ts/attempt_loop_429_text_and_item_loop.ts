// realworld repro (positive + negative): naive-retry, string-matched-error and unbounded-fanout -- a
// helper retries create in a for-attempt loop when the error message contains "429" or "overloaded",
// waiting 2^attempt s and never reading retry-after; the loop that calls it once per link, with a short
// pause, is a loop over items; a Promise.all over ten sliced database lookups makes no Claude call
// source: 0xBunch/dailybunch src/lib/ai/digest.ts:121
// source: 0xBunch/dailybunch src/lib/ai/digest.ts:155
// source: 0xBunch/dailybunch src/lib/ai/digest.ts:38
// source: 0xBunch/dailybunch src/lib/ai/commentary.ts:108
// source: 0xBunch/dailybunch src/lib/ai/commentary.ts:147
// source: 0xBunch/dailybunch src/lib/ai/commentary.ts:210
import Anthropic from '@anthropic-ai/sdk';
import { db } from './db';

const anthropic = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });
const ATTEMPTS = 3;

export async function blurbFor(linkId: string): Promise<string | null> {
  const link = await db.link.find(linkId);
  if (!link) return null;
  const related = await Promise.all( // expect-not: unbounded-fanout
    link.relatedIds.slice(0, 10).map((id: string) => db.link.find(id)),
  );
  const prompt = `Write two sentences on why "${link.title}" matters today. Related: ${related
    .map((r: any) => r?.title)
    .join('; ')}`;

  let lastError: Error | null = null;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) { // expect: naive-retry
    try {
      const reply = await anthropic.messages.create({
        model: 'claude-sonnet-4-5',
        max_tokens: 400,
        messages: [{ role: 'user', content: prompt }],
      });
      const text = reply.content[0].type === 'text' ? reply.content[0].text.trim() : '';
      if (!text) throw new Error('empty reply');
      await db.link.update(linkId, { blurb: text });
      return text;
    } catch (error) {
      lastError = error instanceof Error ? error : new Error(String(error));
      const message = lastError.message;
      if (message.includes('429') || message.includes('overloaded')) { // expect: string-matched-error
        await new Promise((resolve) => setTimeout(resolve, Math.pow(2, attempt) * 1000));
        continue;
      }
      break;
    }
  }
  console.error('blurb failed', lastError?.message);
  return null;
}

export async function fillMissingBlurbs(limit = 20): Promise<{ made: number; failed: number }> {
  const links = (await db.link.withoutBlurb()).slice(0, limit);
  let made = 0;
  let failed = 0;
  for (const link of links) { // expect-not: naive-retry
    const text = await blurbFor(link.id);
    if (text) made++;
    else failed++;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return { made, failed };
}
