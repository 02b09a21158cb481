// realworld repro (positive + negative): batchable-fanout -- a one-off script walks a top-level table of relay
// editions and their stages in nested loops, sends one raw fetch Haiku request per stage, collects the recaps by
// edition and stage and writes them to a JSON file after the loops; the short pause after each stage paces, and
// the catch stores null without re-sending
// source: tbullot/8x30km scripts/generate-summaries.mjs:91
// source: tbullot/8x30km scripts/generate-summaries.mjs:116
// source: tbullot/8x30km scripts/generate-summaries.mjs:118
// source: tbullot/8x30km scripts/generate-summaries.mjs:107
// source: tbullot/8x30km scripts/generate-summaries.mjs:26
import { writeFileSync } from 'fs';

const TOKEN = process.env.ANTHROPIC_API_KEY; // expect-not: hardcoded-api-key

const EDITIONS = [
  { name: 'Coast 2022', stages: [
    { n: 1, km: 41.2 }, { n: 2, km: 38.7 }, { n: 3, km: 44.0 },
    { n: 4, km: 36.9 }, { n: 5, km: 40.3 }, { n: 6, km: 39.8 },
  ] },
  { name: 'Ridge 2024', stages: [
    { n: 1, km: 35.5 }, { n: 2, km: 39.1 }, { n: 3, km: 42.8 },
    { n: 4, km: 37.4 }, { n: 5, km: 43.6 }, { n: 6, km: 38.2 },
  ] },
  { name: 'Delta 2026', stages: [
    { n: 1, km: 40.1 }, { n: 2, km: 36.0 }, { n: 3, km: 41.7 },
    { n: 4, km: 39.9 }, { n: 5, km: 37.3 }, { n: 6, km: 42.5 },
  ] },
];

async function recapStage(edition, stage) {
  const res = await fetch('https://api.anthropic.com/v1/messages', { // expect: batchable-fanout; expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens, retries-disabled
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': TOKEN, 'anthropic-version': '2023-06-01' },
    body: JSON.stringify({
      model: 'claude-haiku-4-5',
      max_tokens: 250,
      messages: [{ role: 'user', content: `In two lively sentences, recap stage ${stage.n} (${stage.km} km) of the ${edition.name} relay.` }],
    }),
  });
  const data = await res.json();
  if (!data.content?.[0]?.text) {
    throw new Error(`no recap: ${JSON.stringify(data).slice(0, 120)}`); // expect-not: string-matched-error
  }
  return data.content[0].text;
}

async function main() {
  const recaps = {};
  for (const edition of EDITIONS) { // expect-not: unbounded-fanout
    recaps[edition.name] = {};
    for (const stage of edition.stages) { // expect-not: naive-retry
      try {
        recaps[edition.name][stage.n] = await recapStage(edition, stage);
        await new Promise((r) => setTimeout(r, 250));
      } catch (err) {
        console.error(err.message);
        recaps[edition.name][stage.n] = null;
      }
    }
  }
  writeFileSync('data/recaps.json', JSON.stringify(recaps, null, 2));
}

main();
