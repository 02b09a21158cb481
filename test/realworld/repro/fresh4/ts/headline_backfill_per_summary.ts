// realworld repro (positive + negative): batchable-fanout -- an offline backfill writes one short headline per stored
// summary: one create per row through a helper, each headline saved with an update by one of two workers
// source: cm2489/be-the-change scripts/backfill-headlines.ts:134
// source: cm2489/be-the-change scripts/backfill-headlines.ts:169
import Anthropic from '@anthropic-ai/sdk';
import { createClient } from '@supabase/supabase-js';

const db = createClient(process.env.DB_URL!, process.env.DB_SERVICE_KEY!);
const claude = new Anthropic();

async function headline(summary: string): Promise<string> {
  const msg = await claude.messages.create({ // expect: batchable-fanout
    model: 'claude-haiku-4-5',
    max_tokens: 300,
    system: 'Write one neutral headline of at most twelve words for the summary you are given.',
    messages: [{ role: 'user', content: summary }],
  });
  const part = msg.content.find((b) => b.type === 'text');
  return part && part.type === 'text' ? part.text.trim() : '';
}

async function main() {
  const { data } = await db.from('measures').select('id, plain_summary').is('headline', null);
  const rows = data ?? [];
  let next = 0;
  const lane = async () => {
    while (next < rows.length) {
      const row = rows[next++];
      const title = await headline(row.plain_summary);
      if (title) await db.from('measures').update({ headline: title }).eq('id', row.id);
    }
  };
  await Promise.all([lane(), lane()]); // expect-not: unbounded-fanout
}

main().catch(console.error);
