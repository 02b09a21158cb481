// realworld repro (positive + negative): naive-retry and string-matched-error -- an enrichment route
// retries its Claude job when the error text mentions 429 or rate_limit, waiting a linear minute x
// attempt and never reading retry-after; the job itself continues web-search turns while
// stop_reason is pause_turn (not an error retry)
// source: CaraWest/university-advisor app/api/enrich/[schoolId]/route.ts:256
// source: CaraWest/university-advisor app/api/enrich/[schoolId]/route.ts:261
// source: CaraWest/university-advisor app/api/enrich/[schoolId]/route.ts:299
import Anthropic from '@anthropic-ai/sdk';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function researchVenue(key: string, venue: string): Promise<{ ok: boolean; note?: string }> {
  const client = new Anthropic({ apiKey: key });
  const tools = [{ type: 'web_search_20250305', name: 'web_search', max_uses: 4 }] as any;
  const ask = `Find the opening hours and accessibility details of ${venue}. Answer as JSON.`;
  let reply = await client.messages.create({
    model: 'claude-sonnet-4-5',
    max_tokens: 3000,
    tools,
    messages: [{ role: 'user', content: ask }],
  });
  while (reply.stop_reason === 'pause_turn') { // expect-not: naive-retry
    reply = await client.messages.create({
      model: 'claude-sonnet-4-5',
      max_tokens: 3000,
      tools,
      messages: [
        { role: 'user', content: ask },
        { role: 'assistant', content: reply.content },
      ],
    });
  }
  const text = reply.content.filter((b) => b.type === 'text').length;
  return text > 0 ? { ok: true } : { ok: false, note: 'no text' };
}

export async function enrichVenue(venue: string): Promise<{ ok: boolean; note?: string }> {
  const key = process.env.ANTHROPIC_API_KEY?.trim();
  if (!key) return { ok: false, note: 'no key' };
  const tries = 4;
  for (let round = 1; round <= tries; round++) { // expect: naive-retry
    try {
      return await researchVenue(key, venue);
    } catch (err) {
      const text = err instanceof Error ? err.message : String(err);
      const throttled = text.includes('429') || text.includes('rate_limit'); // expect: string-matched-error
      if (throttled && round < tries) {
        await pause(60_000 * round);
        continue;
      }
      return { ok: false, note: text };
    }
  }
  return { ok: false, note: 'out of tries' };
}
