// realworld repro (positive + negative): batchable-fanout -- an offline tagging script starts four workers
// (Promise.all over Array.from({ length: 4 })) that each take the next untagged row in a while loop and call a
// same-file function posting one raw-fetch Haiku vision request per image, writing the tags to SQLite; look-alikes:
// the worker pool is capped at four, Haiku already, a short instruction after the image and no system prompt,
// max_tokens 300, a catch that only counts the failure, and the key from the environment
// source: machachen/pikmin scripts/tag-images.mjs:93
// source: machachen/pikmin scripts/tag-images.mjs:187
// source: machachen/pikmin scripts/tag-images.mjs:174
// source: machachen/pikmin scripts/tag-images.mjs:35
import { readFile } from 'node:fs/promises';
import Database from 'better-sqlite3';

const KEY = process.env.ANTHROPIC_API_KEY; // expect-not: hardcoded-api-key
const MODEL = process.env.LABEL_MODEL ?? 'claude-haiku-4-5-20251001';
const WORKERS = 4;
const ASK = 'List three to eight short search labels for this picture as a JSON array of strings.';

async function labelPicture(data, mediaType) {
  const res = await fetch('https://api.anthropic.com/v1/messages', { // expect: batchable-fanout; expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
    method: 'POST',
    headers: { 'x-api-key': KEY, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
    body: JSON.stringify({
      model: MODEL,
      max_tokens: 300,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image', source: { type: 'base64', media_type: mediaType, data } },
            { type: 'text', text: ASK },
          ],
        },
      ],
    }),
  });
  if (!res.ok) throw new Error(`labels request failed with ${res.status}`);
  const body = await res.json();
  const match = (body?.content?.[0]?.text ?? '').match(/\[[\s\S]*\]/);
  return match ? JSON.parse(match[0]) : null;
}

async function main() {
  const db = new Database('data/pictures.sqlite');
  const rows = db.prepare('SELECT id, file FROM pictures WHERE labels IS NULL ORDER BY id').all();
  const save = db.prepare('UPDATE pictures SET labels = ? WHERE id = ?');
  let next = 0;
  let failures = 0;

  async function worker() {
    while (next < rows.length) {
      const row = rows[next++];
      try {
        const bytes = await readFile(`data/uploads/${row.file}`);
        const labels = await labelPicture(bytes.toString('base64'), 'image/jpeg');
        if (labels) save.run(JSON.stringify(labels), row.id);
      } catch { // expect-not: naive-retry, string-matched-error
        failures += 1;
      }
    }
  }

  await Promise.all(Array.from({ length: WORKERS }, worker)); // expect-not: unbounded-fanout
  db.close();
  console.log(`done, ${failures} failed`);
}

main().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
