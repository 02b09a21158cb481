// realworld repro (positive + negative): batchable-fanout, unbounded-fanout and hardcoded-api-key --
// an offline script writes one description per product row with a raw fetch to /v1/messages in a
// helper, in slices of at most ten with a pause between slices, and saves each answer to the database;
// a setup hint prints a placeholder key
// source: plakorp/calcheck scripts/generate-descriptions.mjs:140
// source: plakorp/calcheck scripts/generate-descriptions.mjs:190
// source: plakorp/calcheck scripts/generate-descriptions.mjs:79
import { openStore } from './store.js';

const key = process.env.ANTHROPIC_API_KEY;
if (!key) {
  console.error('Missing key. Put this line in .env:');
  console.error('  ANTHROPIC_API_KEY=sk-ant-...'); // expect-not: hardcoded-api-key
  process.exit(1);
}
const store = openStore(process.env.STORE_URL);
const SLICE = Math.min(parseInt(process.env.SLICE ?? '4', 10), 10);

async function describe(product) {
  const res = await fetch('https://api.anthropic.com/v1/messages', { // expect: batchable-fanout
    method: 'POST',
    headers: {
      'x-api-key': key,
      'anthropic-version': '2023-06-01',
      'content-type': 'application/json',
    },
    body: JSON.stringify({
      model: 'claude-haiku-4-5',
      max_tokens: 400,
      messages: [{ role: 'user', content: `Write two short paragraphs about ${product.name} (${product.kind}).` }],
    }),
  });
  if (!res.ok) throw new Error(`status ${res.status}`);
  const data = await res.json();
  return data.content[0].text.trim();
}

async function main() {
  const rows = await store.products.missing('description');
  for (let i = 0; i < rows.length; i += SLICE) {
    const slice = rows.slice(i, i + SLICE);
    await Promise.all(slice.map(async (row) => { // expect-not: unbounded-fanout
      try {
        const text = await describe(row);
        await store.products.update(row.id, { description: text });
      } catch (err) {
        console.error(`${row.name}: ${err.message}`);
      }
    }));
    if (i + SLICE < rows.length) await new Promise((r) => setTimeout(r, 1000));
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
