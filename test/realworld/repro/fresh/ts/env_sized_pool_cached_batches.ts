// realworld repro (positive + negative): batchable-fanout, unbounded-fanout and retries-disabled -- an
// offline script classifies transactions in chunks of forty, one create per chunk whose system block
// already carries cache_control, through a worker pool sized by an environment variable (default 1),
// writing the results to a JSON file after each chunk; the client raises the SDK's retries to eight
// source: gunnartorfis/personal-finance legacy/scripts/classify.ts:77
// source: gunnartorfis/personal-finance legacy/scripts/classify.ts:117
// source: gunnartorfis/personal-finance legacy/scripts/classify.ts:24
import Anthropic from '@anthropic-ai/sdk';
import fs from 'node:fs';

const CHUNK = Number(process.env.CHUNK ?? 40);
const WORKERS = Number(process.env.WORKERS ?? 1);
const RULES = 'Classify each bank transaction as groceries, transport, housing, leisure or other.';

function client(): Anthropic {
  return new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY, maxRetries: 8 }); // expect-not: retries-disabled
}

async function classifyChunk(api: Anthropic, rows: Array<{ id: number; text: string }>) {
  const reply = await api.messages.create({ // expect: batchable-fanout
    model: 'claude-sonnet-4-5',
    max_tokens: 6000,
    system: [{ type: 'text', text: RULES, cache_control: { type: 'ephemeral' } }],
    messages: [{ role: 'user', content: rows.map((r) => `${r.id}\t${r.text}`).join('\n') }],
  });
  const text = reply.content[0].type === 'text' ? reply.content[0].text : '[]';
  return JSON.parse(text) as Array<{ id: number; label: string }>;
}

async function pool<T, R>(items: T[], n: number, work: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  async function worker() {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i], i);
    }
  }
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker)); // expect-not: unbounded-fanout
  return out;
}

async function main() {
  const rows = JSON.parse(fs.readFileSync('transactions.json', 'utf8')) as Array<{ id: number; text: string }>;
  const labels = new Map<number, string>();
  const chunks: Array<typeof rows> = [];
  for (let i = 0; i < rows.length; i += CHUNK) chunks.push(rows.slice(i, i + CHUNK));
  const api = client();
  await pool(chunks, WORKERS, async (chunk) => {
    try {
      for (const r of await classifyChunk(api, chunk)) labels.set(r.id, r.label);
      fs.writeFileSync('labels.json', JSON.stringify([...labels.entries()], null, 2));
    } catch (err) {
      console.error(`chunk failed: ${err}`);
    }
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
