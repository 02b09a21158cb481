// realworld repro (positive + negative): batchable-fanout and naive-retry -- a script run directly
// loads up to 2,000 pending records, sends one Haiku summary request per record through an exported
// helper and writes each summary back with a supabase update; a failed record is logged, the loop
// sleeps and moves on (nothing is resent); the short constant system prompt is far under the cache
// minimum
// source: ABYProductions/louisiana-legislation-tracker scripts/generate-summaries.ts:154
// source: ABYProductions/louisiana-legislation-tracker scripts/generate-summaries.ts:239
import Anthropic from '@anthropic-ai/sdk';
import { createClient } from '@supabase/supabase-js';

const store = createClient(process.env.STORE_URL!, process.env.STORE_KEY!);
const claude = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY! });

const SYSTEM = `You summarise municipal ordinances for residents in three plain paragraphs.
No markdown, no lists, no headings.`;

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function summarise(record: { code: string; body: string }): Promise<string> {
  const reply = await claude.messages.create({ // expect: batchable-fanout
    model: 'claude-haiku-4-5',
    max_tokens: 1800,
    system: SYSTEM,
    messages: [{ role: 'user', content: `Ordinance ${record.code}:\n${record.body.slice(0, 10000)}` }],
  });
  const first = reply.content[0];
  return first.type === 'text' ? first.text.trim() : '';
}

export async function processPending(): Promise<number> {
  const { data: rows } = await store.from('ordinances').select('*').eq('status', 'pending').limit(2000);
  let done = 0;
  for (const row of rows ?? []) { // expect-not: naive-retry
    let text: string;
    try {
      text = await summarise(row);
    } catch (err) {
      console.warn(`${row.code}: ${(err as Error).message}`);
      await wait(2000);
      continue;
    }
    await store.from('ordinances').update({ summary: text, status: 'done' }).eq('id', row.id);
    done++;
    await wait(2000);
  }
  return done;
}

if (process.argv[1]?.endsWith('pending_records_summaries_supabase.ts')) {
  processPending().then((n) => console.log(`${n} summarised`));
}
