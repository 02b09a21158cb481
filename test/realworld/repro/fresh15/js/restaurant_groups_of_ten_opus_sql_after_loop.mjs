// realworld repro (positive + negative): batchable-fanout -- an offline tagging script walks every venue in groups
// of ten and, at the top level, sends one create per group on an imported Opus-named model at 16,000 tokens; the
// verdicts are collected and written to a SQL file after the loop (one request per chunk, the chunk precedent);
// look-alikes: 16,000 is far above a classification-sized max_tokens, under the non-streaming ceiling, the
// constant system prompt is a few hundred tokens, the loop is sequential with no try, and the client comes from an
// imported factory
// source: lucaseatsbig/automatic-waddle scripts/classify-vego.mjs:127
// source: lucaseatsbig/automatic-waddle scripts/classify-vego.mjs:125
// source: lucaseatsbig/automatic-waddle scripts/classify-vego.mjs:38
import { writeFileSync } from 'node:fs';
import { loadVenues } from './lib/db.mjs';
import { buildClient, MODEL_OPUS_5 } from './lib/claude-client.mjs';

const GROUP = 10;
const client = buildClient(); // expect-not: retries-disabled, hardcoded-api-key
if (!client) {
  console.error('no key configured');
  process.exit(1);
}

const GUIDE = `You decide whether a cafe is a good pick for people who work remotely.
Rate each venue "yes", "maybe" or "no" from the evidence given: seating, power sockets, noise, wifi notes.
Judge only from the evidence. Keep each reason under 12 words.`;

const venues = loadVenues();
const verdicts = [];
for (let i = 0; i < venues.length; i += GROUP) { // expect-not: unbounded-fanout, naive-retry
  const group = venues.slice(i, i + GROUP);
  const res = await client.messages.create({ // expect: batchable-fanout; expect-not: model-routing, nonstreaming-max-tokens, missing-max-tokens, uncached-prompt
    model: MODEL_OPUS_5,
    max_tokens: 16000,
    system: GUIDE,
    messages: [{ role: 'user', content: group.map((v) => `id: ${v.id}\nnotes: ${v.notes}`).join('\n\n---\n\n') }],
  });
  if (res.stop_reason === 'refusal') {
    console.error(`group ${i / GROUP + 1} refused`);
    continue;
  }
  const text = res.content.find((b) => b.type === 'text')?.text ?? '{"results":[]}';
  verdicts.push(...JSON.parse(text).results);
}

const chosen = verdicts.filter((v) => v.verdict === 'yes').map((v) => `'${v.id}'`);
writeFileSync('scripts/remote-work.sql', `UPDATE venues SET remote_ok = 1 WHERE id IN (${chosen.join(', ')});\n`);
console.log(`${chosen.length} of ${verdicts.length} venues tagged`);
