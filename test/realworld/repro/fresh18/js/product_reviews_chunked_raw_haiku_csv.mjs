// realworld repro (positive + negative): batchable-fanout -- a command-line script walks the new products in
// slices of five at the top level, sends one raw-fetch Haiku 4.5 request per slice through a same-file helper,
// parses the JSON array it returns and appends the rows to a CSV file at the end (the chunk precedent);
// look-alikes: the loop's catch only logs and saves progress, a fixed pause between slices, Haiku at 1,500 tokens,
// the instruction in the user turn around the per-slice list, the key from process.env
// source: esnwhy/chartedly-web scripts/ai-enrich.mjs:112
// source: esnwhy/chartedly-web scripts/ai-enrich.mjs:290
// source: esnwhy/chartedly-web scripts/ai-enrich.mjs:374
// source: esnwhy/chartedly-web scripts/ai-enrich.mjs:38
import fs from 'node:fs';

const KEY = process.env.ANTHROPIC_API_KEY || ''; // expect-not: hardcoded-api-key
const SLICE = 5;

async function askModel(text) {
  const res = await fetch('https://api.anthropic.com/v1/messages', { // expect: batchable-fanout; expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'x-api-key': KEY, 'anthropic-version': '2023-06-01' },
    body: JSON.stringify({ model: 'claude-haiku-4-5-20251001', max_tokens: 1500, messages: [{ role: 'user', content: text }] }),
  });
  if (!res.ok) throw new Error(`model error ${res.status}`);
  const data = await res.json();
  return data.content?.[0]?.text || '';
}

function promptFor(items) {
  const list = items.map((p, i) => `${i + 1}. ${p.name} (${p.brand}, ${p.price})`).join('\n');
  return `You review kitchen gadgets for newcomers to the city.\n\nItems:\n${list}\n\nFor each item give a JSON object {"index", "score", "pros", "cons", "summary"}. Reply with a JSON array only.`;
}

const pending = JSON.parse(fs.readFileSync('data/new-products.json', 'utf8'));
const rows = [];
const done = [];

for (let i = 0; i < pending.length; i += SLICE) { // expect-not: naive-retry, unbounded-fanout
  const part = pending.slice(i, i + SLICE);
  try {
    const reply = await askModel(promptFor(part));
    const parsed = JSON.parse(reply.match(/\[[\s\S]*\]/)?.[0] ?? '[]');
    for (const r of parsed) {
      const item = part[r.index - 1];
      if (item) { rows.push([item.sku, r.score, r.summary].join(',')); done.push(item.sku); }
    }
    fs.writeFileSync('data/progress.json', JSON.stringify(done));
    await new Promise((r) => setTimeout(r, 2000));
  } catch (err) {
    console.log(`slice failed: ${err.message}`); // expect-not: string-matched-error
    fs.writeFileSync('data/progress.json', JSON.stringify(done));
  }
}

fs.appendFileSync('data/products.csv', rows.join('\n') + '\n');
