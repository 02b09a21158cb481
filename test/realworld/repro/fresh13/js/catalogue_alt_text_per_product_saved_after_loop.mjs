// realworld repro (positive + negative): batchable-fanout -- an offline script awaits one Haiku alt-text request
// (100 tokens) per product of a JSON catalogue, one local call below the loop, writes each answer into the
// product and saves the whole catalogue after the loop; look-alikes: the model is already Haiku, a failed
// product is logged and skipped, and the short pause is pacing
// source: BodyStrandEU/bodystrands-website scripts/generate-alt-text.mjs:49
// source: BodyStrandEU/bodystrands-website scripts/generate-alt-text.mjs:71
// source: BodyStrandEU/bodystrands-website scripts/generate-alt-text.mjs:63
// source: BodyStrandEU/bodystrands-website scripts/generate-alt-text.mjs:9
import Anthropic from '@anthropic-ai/sdk';
import { readFileSync, writeFileSync } from 'fs';

const CATALOGUE = './data/catalogue.json';
const client = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY }); // expect-not: hardcoded-api-key, retries-disabled

async function altFor(item) {
  const ask = `Write one alt text (10-16 words) for a photo of this ceramic mug.
Name: ${item.name}
Glaze: ${item.glaze || 'plain'}
Return only the alt text.`;

  const message = await client.messages.create({ // expect: batchable-fanout; expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
    model: 'claude-haiku-4-5-20251001',
    max_tokens: 100,
    messages: [{ role: 'user', content: ask }],
  });
  return message.content[0].text.trim();
}

async function main() {
  const items = JSON.parse(readFileSync(CATALOGUE, 'utf8'));
  for (const item of items) { // expect-not: unbounded-fanout
    try {
      item.alt = await altFor(item);
      await new Promise((r) => setTimeout(r, 300));
    } catch (err) { // expect-not: naive-retry
      console.error(`no alt for ${item.name}: ${err.message}`);
    }
  }
  writeFileSync(CATALOGUE, JSON.stringify(items, null, 2));
}

main();
