// realworld repro (positive + negative): batchable-fanout -- an offline script builds four async workers with
// Array.from({ length: 4 }, ...) that drain a queue of untagged photos; each photo goes to a same-file function
// sending one Opus vision messages.create, and the tags are written back to a JSON file; look-alikes: the pool is
// capped at four workers, Opus at max_tokens 1000 (above the classification bar), a system prompt built at run
// time from the existing vocabulary, a catch that only counts the failure, and a default client
// source: bme3412/travel-photos scripts/generate-tags.mjs:95
// source: bme3412/travel-photos scripts/generate-tags.mjs:173
// source: bme3412/travel-photos scripts/generate-tags.mjs:166
// source: bme3412/travel-photos scripts/generate-tags.mjs:147
import fs from 'node:fs/promises';
import Anthropic from '@anthropic-ai/sdk';

const DATA = 'data/gallery.json';
const POOL = 4;

function instructionsFor(words) {
  return `Label the picture with three to six lowercase words for what is visible. Reuse these words when they fit: ${words.join(', ')}.`;
}

async function labelOne(anthropic, item, words) {
  const bytes = await fs.readFile(`images/${item.file}`);
  const reply = await anthropic.messages.create({ // expect: batchable-fanout; expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
    model: 'claude-opus-4-8',
    max_tokens: 1000,
    system: instructionsFor(words),
    messages: [
      {
        role: 'user',
        content: [
          { type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: bytes.toString('base64') } },
          { type: 'text', text: `Album: ${item.album}. Label this picture as a JSON array.` },
        ],
      },
    ],
  });
  const text = reply.content.find((b) => b.type === 'text')?.text ?? '[]';
  return JSON.parse(text);
}

async function main() {
  const gallery = JSON.parse(await fs.readFile(DATA, 'utf8'));
  const words = [...new Set(gallery.items.flatMap((i) => i.labels ?? []))];
  const queue = gallery.items.filter((i) => !i.labels?.length);
  const anthropic = new Anthropic(); // expect-not: retries-disabled, hardcoded-api-key
  let misses = 0;

  const workers = Array.from({ length: POOL }, async () => {
    while (queue.length) {
      const item = queue.shift();
      try {
        item.labels = await labelOne(anthropic, item, words);
      } catch (err) { // expect-not: naive-retry, string-matched-error
        misses += 1;
        console.error(`no labels for ${item.file}: ${err.message}`);
      }
    }
  });

  await Promise.all(workers); // expect-not: unbounded-fanout
  await fs.writeFile(DATA, JSON.stringify(gallery, null, 2));
  console.log(`finished with ${misses} misses`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
