// realworld repro (positive + negative): batchable-fanout -- an offline script (--write) fetches every CMS document
// whose teaser is the wrong length and, in a for loop in main(), awaits a same-file function that posts one raw
// fetch to /v1/messages (Haiku 4.5, 120 tokens) per document; each answer is patched back to the CMS and all
// results are saved to a JSON file after the loop (the pause between documents changes nothing); look-alikes: the
// model is already Haiku, no system prompt, the loop is sequential, a failed document is logged and skipped, and
// the failure branch tests no text
// source: jefflortz/agile-operator scripts/generate-excerpts.mjs:115
// source: jefflortz/agile-operator scripts/generate-excerpts.mjs:201
// source: jefflortz/agile-operator scripts/generate-excerpts.mjs:183
// source: jefflortz/agile-operator scripts/generate-excerpts.mjs:129
import { writeFileSync } from 'node:fs';
import { cms } from './cms-client.mjs';

const WRITE = process.argv.includes('--write');
const KEY = process.env.ANTHROPIC_API_KEY;
if (!KEY) {
  console.error('ANTHROPIC_API_KEY missing');
  process.exit(1);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function teaserFor(doc) {
  const prompt = `Write a 150-200 character teaser for this article. Active voice, no quotes, one or two full sentences.

Title: ${doc.title}
Body: ${String(doc.plainBody ?? '').slice(0, 1200)}

Reply with the teaser only.`;

  const response = await fetch('https://api.anthropic.com/v1/messages', { // expect: batchable-fanout; expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens, hardcoded-api-key
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'x-api-key': KEY, 'anthropic-version': '2023-06-01' },
    body: JSON.stringify({
      model: 'claude-haiku-4-5-20251001',
      max_tokens: 120,
      messages: [{ role: 'user', content: prompt }],
    }),
  });
  if (!response.ok) { // expect-not: string-matched-error
    throw new Error(`messages ${response.status}: ${await response.text()}`);
  }
  const data = await response.json();
  return (data.content?.[0]?.text ?? '').trim();
}

async function main() {
  const docs = await cms.fetch('*[_type == "article"]{_id, title, teaser, plainBody}');
  const todo = docs.filter((d) => (d.teaser ?? '').length < 150 || (d.teaser ?? '').length > 200);
  const results = [];

  for (let i = 0; i < todo.length; i++) { // expect-not: unbounded-fanout
    const doc = todo[i];
    try {
      const teaser = await teaserFor(doc);
      results.push({ id: doc._id, teaser });
      if (WRITE) await cms.patch(doc._id).set({ teaser }).commit();
    } catch (err) { // expect-not: naive-retry
      console.log(`failed: ${err.message}`);
    }
    if (i < todo.length - 1) await sleep(800);
  }
  writeFileSync('scripts/teaser-review.json', JSON.stringify(results, null, 2));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
