// realworld repro (positive + negative): batchable-fanout -- a one-off script with top-level await loops over
// every untagged record of a photo table, sends one Haiku vision messages.create per photo through a same-file
// helper and PATCHes the tags back to the table's API; look-alikes: Haiku already, a long constant instruction as
// a user text block after the image (below Haiku's cacheable minimum), max_tokens 500, a catch that logs and
// moves on, a sequential loop with a pause, and a default client reading the key from the environment
// source: lizap5/Haue-Valley-Vision-Builder scripts/tag-images.mjs:88
// source: lizap5/Haue-Valley-Vision-Builder scripts/tag-images.mjs:179
// source: lizap5/Haue-Valley-Vision-Builder scripts/tag-images.mjs:163
// source: lizap5/Haue-Valley-Vision-Builder scripts/tag-images.mjs:43
import Anthropic from '@anthropic-ai/sdk';

const TABLE_URL = process.env.PHOTO_TABLE_URL;
const TABLE_TOKEN = process.env.PHOTO_TABLE_TOKEN;
const anthropic = new Anthropic(); // expect-not: retries-disabled, hardcoded-api-key

const INSTRUCTION = `Describe this event photo for a style matcher. Return JSON with keys "mood" (one of "bright",
"dark"), "setting" (one of "indoor", "outdoor"), "palette" (up to four colour names) and "scene" (one of "ceremony",
"dinner", "detail", "other"). Use only the listed words and return JSON only.`;

async function describePhoto(url) {
  const reply = await anthropic.messages.create({ // expect: batchable-fanout; expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
    model: 'claude-haiku-4-5-20251001',
    max_tokens: 500,
    messages: [
      {
        role: 'user',
        content: [
          { type: 'image', source: { type: 'url', url } },
          { type: 'text', text: INSTRUCTION },
        ],
      },
    ],
  });
  return JSON.parse(reply.content[0].text.trim());
}

async function saveTags(id, tags) {
  const res = await fetch(`${TABLE_URL}/${id}`, {
    method: 'PATCH',
    headers: { Authorization: `Bearer ${TABLE_TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ fields: tags }),
  });
  if (!res.ok) throw new Error(`table update failed for ${id}: ${res.status}`);
}

const listing = await fetch(TABLE_URL, { headers: { Authorization: `Bearer ${TABLE_TOKEN}` } });
const { records } = await listing.json();
const pending = records.filter((r) => r.fields.photo && !r.fields.mood);

let ok = 0;
for (const record of pending) { // expect-not: unbounded-fanout
  try {
    const tags = await describePhoto(record.fields.photo);
    await saveTags(record.id, tags);
    ok++;
  } catch (err) { // expect-not: naive-retry, string-matched-error
    console.error(`skipped ${record.id}: ${err.message}`);
  }
  await new Promise((r) => setTimeout(r, 300));
}
console.log(`${ok} photos tagged`);
