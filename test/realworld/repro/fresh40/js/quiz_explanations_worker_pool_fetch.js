// realworld repro (positive + negative): batchable-fanout -- a backfill script takes the stored quiz items that have
// no long explanation yet (up to --limit) and sends one raw-fetch Haiku request per item through a same-file worker
// pool sized by --workers; failures are recorded per item; the answers become UPDATE statements written to one SQL
// file after the pool
// source: chipchappy/chapai scripts/author-deep-rationales.mjs:219
// source: chipchappy/chapai scripts/author-deep-rationales.mjs:248
// source: chipchappy/chapai scripts/author-deep-rationales.mjs:255
// source: chipchappy/chapai scripts/author-deep-rationales.mjs:229
// source: chipchappy/chapai scripts/author-deep-rationales.mjs:78
import { readFileSync, writeFileSync } from 'node:fs';

const flags = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')));
const LIMIT = Number(flags.limit ?? 30);
const WORKERS = Math.max(1, Number(flags.workers ?? 3));
const MODEL = flags.model ?? 'claude-haiku-4-5';

const API_KEY = process.env.ANTHROPIC_API_KEY; // expect-not: hardcoded-api-key
if (!API_KEY) throw new Error('ANTHROPIC_API_KEY is required');

const pending = JSON.parse(readFileSync('quiz-items.json', 'utf8'))
  .filter((item) => !item.longExplanation)
  .slice(0, LIMIT);

async function explain(item) {
  const res = await fetch('https://api.anthropic.com/v1/messages', { // expect: batchable-fanout; expect-not: model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt, retries-disabled
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-api-key': API_KEY,
      'anthropic-version': '2023-06-01',
    },
    body: JSON.stringify({
      model: MODEL,
      max_tokens: 1200,
      messages: [{ role: 'user', content: `Explain why "${item.answer}" is right for: ${item.question}\nReturn JSON {"explanation": "..."}.` }],
    }),
  });
  if (!res.ok) { // expect-not: string-matched-error
    throw new Error(`Messages API ${res.status}: ${(await res.text()).slice(0, 200)}`);
  }
  const data = await res.json();
  return JSON.parse(data.content?.[0]?.text ?? '{}');
}

async function pool(items, work, size) {
  const out = new Array(items.length);
  let next = 0;
  await Promise.all( // expect-not: unbounded-fanout
    Array.from({ length: size }, async () => {
      while (next < items.length) {
        const i = next++;
        try {
          out[i] = { ok: true, value: await work(items[i]) };
        } catch (e) { // expect-not: naive-retry
          out[i] = { ok: false, error: String(e) };
        }
      }
    }),
  );
  return out;
}

const results = await pool(pending, explain, WORKERS);
const statements = [];
results.forEach((r, i) => {
  if (!r.ok || !r.value.explanation) return;
  const text = r.value.explanation.replace(/'/g, "''");
  statements.push(`UPDATE quiz SET long_explanation='${text}' WHERE id='${pending[i].id}';`);
});
writeFileSync('explanations.sql', statements.join('\n'));
console.log(`${statements.length} of ${pending.length} explained`);
