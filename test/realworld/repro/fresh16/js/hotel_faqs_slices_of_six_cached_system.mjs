// realworld repro (positive + negative): batchable-fanout -- an offline --execute script runs Promise.all over slices
// of six records at a time, each calling a same-file function that sends one messages.create (Haiku by default,
// structured JSON) per record; results are written to a JSON file after each slice; look-alikes: the fan-out is
// bounded to six, the constant system prompt carries cache_control, and the model comes from a flag
// source: perwinroth/cosyhotels scripts/generate-faqs.mjs:56
// source: perwinroth/cosyhotels scripts/generate-faqs.mjs:111
// source: perwinroth/cosyhotels scripts/generate-faqs.mjs:28
import Anthropic from '@anthropic-ai/sdk';
import { readFileSync, writeFileSync } from 'node:fs';

const args = process.argv.slice(2);
const MODEL = args.includes('--model') ? args[args.indexOf('--model') + 1] : 'claude-haiku-4-5';
const AT_ONCE = 6;
const OUT = 'data/guides.json';
const anthropic = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY }); // expect-not: retries-disabled, hardcoded-api-key

const SYSTEM = 'You write four short questions and answers about one campsite, using only the facts given. Reply with JSON.';

async function guide(site) {
  const resp = await anthropic.messages.create({ // expect: batchable-fanout; expect-not: uncached-prompt, model-routing, missing-max-tokens, nonstreaming-max-tokens
    model: MODEL,
    max_tokens: 900,
    system: [{ type: 'text', text: SYSTEM, cache_control: { type: 'ephemeral' } }],
    messages: [{ role: 'user', content: JSON.stringify(site) }],
  });
  const block = resp.content.find((b) => b.type === 'text');
  return block ? JSON.parse(block.text).items : [];
}

const sites = JSON.parse(readFileSync('data/sites.json', 'utf8'));
const out = {};
for (let i = 0; i < sites.length; i += AT_ONCE) {
  await Promise.all(sites.slice(i, i + AT_ONCE).map(async (s) => { // expect-not: unbounded-fanout
    try { out[s.id] = await guide(s); } catch { /* counted elsewhere */ }
  }));
  writeFileSync(OUT, JSON.stringify(out));
}
