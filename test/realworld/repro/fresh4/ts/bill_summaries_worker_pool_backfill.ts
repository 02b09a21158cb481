// realworld repro (positive + negative): batchable-fanout -- an offline backfill selects every row without a
// summary and sends one create per row through a small worker pool (sized by a flag, default 3), writing each
// summary back in the worker; the client keeps eight SDK retries, the only hand-written retry loop wraps a
// public-records fetch (not Claude) and honours retry-after
// source: cm2489/be-the-change scripts/backfill-summaries.ts:216
// source: cm2489/be-the-change scripts/backfill-summaries.ts:246
// source: cm2489/be-the-change scripts/backfill-summaries.ts:95
// source: cm2489/be-the-change scripts/backfill-summaries.ts:169
import Anthropic from '@anthropic-ai/sdk';
import { createClient } from '@supabase/supabase-js';

const db = createClient(process.env.DB_URL!, process.env.DB_SERVICE_KEY!);
const claude = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY, maxRetries: 8 }); // expect-not: retries-disabled
const nap = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function getRecordText(url: string): Promise<string | null> {
  for (let n = 0; n <= 4; n++) { // expect-not: naive-retry
    const res = await fetch(url);
    if (res.status === 429 || res.status >= 500) {
      const hinted = Number(res.headers.get('retry-after'));
      await nap(hinted > 0 ? hinted * 1000 : 1000 * 2 ** n);
      continue;
    }
    return res.ok ? await res.text() : null;
  }
  return null;
}

async function explain(title: string, text: string): Promise<string> {
  const msg = await claude.messages.create({ // expect: batchable-fanout
    model: 'claude-sonnet-4-6',
    max_tokens: 400,
    system: 'Explain a piece of legislation in one plain paragraph.',
    messages: [{ role: 'user', content: `${title}\n\n${text.slice(0, 50_000)}` }],
  });
  const part = msg.content.find((b) => b.type === 'text');
  return part && part.type === 'text' ? part.text.trim() : '';
}

async function pool<T>(items: T[], width: number, job: (item: T) => Promise<void>) {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await job(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane)); // expect-not: unbounded-fanout
}

async function main() {
  const width = Number(process.argv[2] ?? 3);
  const { data } = await db.from('measures').select('id, title, text_url').is('plain_summary', null);
  await pool(data ?? [], width, async (row) => {
    const text = await getRecordText(row.text_url);
    if (!text) return;
    const summary = await explain(row.title, text);
    await db.from('measures').update({ plain_summary: summary }).eq('id', row.id);
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
