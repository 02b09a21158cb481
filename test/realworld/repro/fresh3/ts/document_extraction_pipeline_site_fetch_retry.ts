// realworld repro (positive + negative): batchable-fanout and naive-retry -- an offline pipeline
// downloads each record's PDF from a public site through an attempt loop (waits on that site's 429 and
// 503), sends the PDF to Sonnet in one create per record (max_tokens 8192, not streamed) and stores
// the extraction; the per-record loop logs a failure and moves on
// source: ABYProductions/louisiana-legislation-tracker scripts/extract-bill-text.ts:137
// source: ABYProductions/louisiana-legislation-tracker scripts/extract-bill-text.ts:62
// source: ABYProductions/louisiana-legislation-tracker scripts/extract-bill-text.ts:556
import Anthropic from '@anthropic-ai/sdk';
import { createClient } from '@supabase/supabase-js';

const store = createClient(process.env.STORE_URL!, process.env.STORE_KEY!);
const claude = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY! });
const PAUSES = [4000, 12000, 36000];
const nap = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function download(url: string): Promise<Response | null> {
  for (let attempt = 0; attempt < PAUSES.length; attempt++) { // expect-not: naive-retry
    try {
      const res = await fetch(url, { headers: { 'User-Agent': 'records-mirror/1.0' } });
      if (res.status === 429) { await nap(90_000); continue; }
      if (res.status === 503) { await nap(45_000); continue; }
      if (res.ok) return res;
      await nap(PAUSES[attempt]);
    } catch {
      await nap(PAUSES[attempt]);
    }
  }
  return null;
}

async function extract(pdf: Buffer): Promise<string> {
  const reply = await claude.messages.create({ // expect: batchable-fanout
    model: 'claude-sonnet-4-5',
    max_tokens: 8192,
    messages: [{
      role: 'user',
      content: [
        { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: pdf.toString('base64') } },
        { type: 'text', text: 'Return the full text of this document as JSON {"text": "..."}.' },
      ],
    }],
  });
  return reply.content[0].type === 'text' ? reply.content[0].text : '';
}

async function handle(record: { id: number; pdfUrl: string }) {
  const res = await download(record.pdfUrl);
  if (!res) return;
  const text = await extract(Buffer.from(await res.arrayBuffer()));
  await store.from('records').update({ text }).eq('id', record.id);
}

async function run(limit: number) {
  const { data: records } = await store.from('records').select('id, pdfUrl').limit(limit);
  for (const record of records ?? []) { // expect-not: naive-retry
    try {
      await handle(record);
    } catch (err) {
      console.error(`record ${record.id}: ${(err as Error).message}`);
      continue;
    }
    await nap(1500);
  }
}

run(500).catch((e) => { console.error(e); process.exit(1); });
