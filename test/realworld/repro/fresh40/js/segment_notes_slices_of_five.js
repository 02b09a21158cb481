// realworld repro (positive + negative): batchable-fanout -- a one-off script asks Haiku once per row of a bundled
// data module (300 tokens, no system prompt), five rows at a time with Promise.all and a pause between slices; a
// failed row is logged and left empty; every note is merged into the rows and the data module rewritten after the loop
// source: YJSanma/moneyball-app scripts/generateSummaries.mjs:79
// source: YJSanma/moneyball-app scripts/generateSummaries.mjs:105
// source: YJSanma/moneyball-app scripts/generateSummaries.mjs:92
// source: YJSanma/moneyball-app scripts/generateSummaries.mjs:22
// source: YJSanma/moneyball-app scripts/generateSummaries.mjs:19
import Anthropic from '@anthropic-ai/sdk';
import { writeFileSync } from 'fs';

if (!process.env.ANTHROPIC_API_KEY) {
  console.error('Set ANTHROPIC_API_KEY=sk-ant-... before running this script.'); // expect-not: hardcoded-api-key
  process.exit(1);
}
const claude = new Anthropic(); // expect-not: retries-disabled

const { SEGMENTS } = await import('../data/segments.js');

function noteRequest(segment) {
  return `Segment: ${segment.name}\nShare: ${segment.share}%\nGrowth: ${segment.growth}%\n` +
    'Reply with JSON holding "headline" (one sentence) and "risks" (two short items). JSON only.';
}

async function noteFor(segment) {
  try {
    const reply = await claude.messages.create({ // expect: batchable-fanout; expect-not: model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt
      model: 'claude-haiku-4-5',
      max_tokens: 300,
      messages: [{ role: 'user', content: noteRequest(segment) }],
    });
    return JSON.parse(reply.content[0].text.replace(/```(json)?/g, '').trim());
  } catch (err) { // expect-not: naive-retry, string-matched-error
    console.error(`no note for ${segment.name}: ${err.message}`);
    return null;
  }
}

const SLICE = 5;
const notes = [];
for (let i = 0; i < SEGMENTS.length; i += SLICE) {
  const slice = SEGMENTS.slice(i, i + SLICE);
  notes.push(...(await Promise.all(slice.map(noteFor)))); // expect-not: unbounded-fanout
  if (i + SLICE < SEGMENTS.length) await new Promise((done) => setTimeout(done, 2000));
}

const rows = SEGMENTS.map((segment, i) => ({ ...segment, note: notes[i] }));
writeFileSync(new URL('../data/segments.js', import.meta.url), `export const SEGMENTS = ${JSON.stringify(rows, null, 2)};\n`);
console.log(`wrote ${rows.length} segments`);
