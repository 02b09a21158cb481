// realworld repro (positive + negative): naive-retry -- an analysis helper makes two attempts whose
// try holds both messages.create and the JSON parse; any error (429s included) waits a fixed 2 s and
// the call is sent again, never reading retry-after; the same module also submits the work as a
// Message Batch
// source: humzaraza/cinemagraphs src/lib/claude.ts:350
// source: humzaraza/cinemagraphs src/lib/claude.ts:424
// source: humzaraza/cinemagraphs src/lib/claude.ts:425
import Anthropic from '@anthropic-ai/sdk';

const claude = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY || '' });
const MODEL = 'claude-sonnet-4-5';
const LIMIT = 3500;

export async function rateTrack(system: string, user: string): Promise<{ mood: number }> {
  let last: Error | null = null;
  for (let attempt = 0; attempt < 2; attempt++) { // expect: naive-retry
    try {
      const content = attempt === 0 ? user : `Reply with valid JSON only.\n\n${user}`;
      const msg = await claude.messages.create({
        model: MODEL,
        max_tokens: LIMIT,
        system: [{ type: 'text', text: system, cache_control: { type: 'ephemeral' } }],
        messages: [{ role: 'user', content }],
      });
      const text = msg.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
      return JSON.parse(text);
    } catch (err) {
      last = err instanceof Error ? err : new Error(String(err));
      if (attempt === 0) await new Promise((r) => setTimeout(r, 2000));
    }
  }
  throw new Error(`analysis failed: ${last?.message}`);
}

export async function rateTracksInBatch(jobs: Array<{ id: string; system: string; user: string }>) {
  const batch = await claude.messages.batches.create({ // expect-not: batchable-fanout
    requests: jobs.map((job) => ({ // expect-not: unbounded-fanout
      custom_id: job.id,
      params: {
        model: MODEL,
        max_tokens: LIMIT,
        system: [{ type: 'text', text: job.system, cache_control: { type: 'ephemeral' } }],
        messages: [{ role: 'user', content: job.user }],
      },
    })),
  });
  return batch.id;
}
