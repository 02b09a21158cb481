// realworld repro (positive + negative): batchable-fanout -- an offline backfill groups every unsummarised
// review into chunks of 20 and sends one Haiku create per chunk through a pool of five workers, writing
// UPDATE statements for each chunk's results
// source: acee90/easy-parking-zone scripts/archive/backfill-summaries.ts:65
// source: acee90/easy-parking-zone scripts/archive/backfill-summaries.ts:105
import Anthropic from '@anthropic-ai/sdk';
import { query, execute } from './local-db';

const api = new Anthropic();
const PER_CALL = 20;
const WORKERS = 5;

interface Review {
  id: number;
  body: string;
}

async function summarizeChunk(chunk: Review[]): Promise<Array<{ id: number; note: string }>> {
  const res = await api.messages.create({ // expect: batchable-fanout
    model: 'claude-haiku-4-5',
    max_tokens: 2048,
    system: 'For each review, give one sentence about the parking experience. Reply as a JSON array.',
    messages: [{ role: 'user', content: chunk.map((r) => `[${r.id}] ${r.body.slice(0, 400)}`).join('\n---\n') }],
  });
  const text = res.content[0].type === 'text' ? res.content[0].text : '[]';
  return JSON.parse(text.match(/\[[\s\S]*\]/)?.[0] ?? '[]');
}

async function main() {
  const rows: Review[] = await query('SELECT id, body FROM reviews WHERE note IS NULL');
  const chunks: Review[][] = [];
  for (let i = 0; i < rows.length; i += PER_CALL) chunks.push(rows.slice(i, i + PER_CALL));
  let next = 0;
  const worker = async () => {
    while (next < chunks.length) {
      const notes = await summarizeChunk(chunks[next++]);
      for (const n of notes) await execute('UPDATE reviews SET note = ? WHERE id = ?', [n.note, n.id]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(WORKERS, chunks.length) }, () => worker())); // expect-not: unbounded-fanout
}

main().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
