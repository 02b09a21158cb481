// realworld repro (positive + negative): naive-retry and batchable-fanout -- an offline migration
// classifies every exported purchase row with one Haiku call (cached system prompt), a few rows at a
// time (slice size from the environment, default 3); each call goes through a same-file retry helper
// that retries RateLimitError, 5xx and connection errors after a doubling delay, never retry-after;
// main writes the classified rows to the sheet
// source: tkeefe66/purchase-inventory scripts/migrate-to-master.ts:615
// source: tkeefe66/purchase-inventory scripts/migrate-to-master.ts:518
// source: tkeefe66/purchase-inventory scripts/migrate-to-master.ts:555
import Anthropic from '@anthropic-ai/sdk';
import { readFileSync, writeFileSync } from 'fs';

const WIDTH = parseInt(process.env.CLASSIFY_WIDTH ?? '3', 10);
const TRIES = 5;

async function withRetries<T>(fn: () => Promise<T>): Promise<T> {
  let last: unknown;
  for (let attempt = 0; attempt < TRIES; attempt++) { // expect: naive-retry
    try {
      return await fn();
    } catch (err) {
      last = err;
      const again =
        err instanceof Anthropic.RateLimitError ||
        err instanceof Anthropic.InternalServerError ||
        err instanceof Anthropic.APIConnectionError;
      if (!again || attempt === TRIES - 1) throw err;
      await new Promise((r) => setTimeout(r, Math.min(1000 * 2 ** attempt, 30000)));
    }
  }
  throw last;
}

async function classifyRow(claude: Anthropic, row: string[], system: string) {
  const resp = await withRetries(() =>
    claude.messages.create({ // expect: batchable-fanout
      model: 'claude-haiku-4-5',
      max_tokens: 400,
      system: [{ type: 'text', text: system, cache_control: { type: 'ephemeral' } }],
      messages: [{ role: 'user', content: `Classify this purchase: "${row[2]}"` }],
    }),
  );
  const block = resp.content.find((b) => b.type === 'text');
  return block && block.type === 'text' ? { item: row[2], ...JSON.parse(block.text) } : null;
}

async function classifyAll(claude: Anthropic, rows: string[][], system: string) {
  const out: unknown[] = new Array(rows.length);
  for (let start = 0; start < rows.length; start += WIDTH) {
    const group = rows.slice(start, start + WIDTH);
    await Promise.all( // expect-not: unbounded-fanout
      group.map(async (row, i) => {
        out[start + i] = await classifyRow(claude, row, system);
      }),
    );
  }
  return out.filter(Boolean);
}

async function main() {
  const claude = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });
  const rows = readFileSync('export.csv', 'utf8').split('\n').map((l) => l.split(','));
  const system = readFileSync('prompts/categories.md', 'utf8');
  const classified = await classifyAll(claude, rows, system);
  writeFileSync('classified.json', JSON.stringify(classified, null, 2));
}

main().catch((err: unknown) => { console.error(err); process.exit(1); });
