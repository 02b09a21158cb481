// realworld repro (negative): batchable-fanout -- an offline script already sends its per-game descriptions through
// the Message Batches API (one request per game in messages.batches.create, a polling loop until the batch ends,
// results written back); look-alikes: Opus 4.8 at 400 tokens in each request's params, an endless polling loop
// with a fixed 60 s wait (no request is re-sent), a default client, a sk-ant-... placeholder in a comment
// source: KishanKanejiya23/blink-games-v2 scripts/generate-descriptions.mjs:66
// source: KishanKanejiya23/blink-games-v2 scripts/generate-descriptions.mjs:69
// source: KishanKanejiya23/blink-games-v2 scripts/generate-descriptions.mjs:91
// source: KishanKanejiya23/blink-games-v2 scripts/generate-descriptions.mjs:57
// usage: ANTHROPIC_API_KEY=sk-ant-... node game_blurbs_message_batches_poll.mjs
import fs from 'node:fs';
import Anthropic from '@anthropic-ai/sdk';

const MODEL = 'claude-opus-4-8';
const games = JSON.parse(fs.readFileSync('data/games.json', 'utf8')).filter((g) => !g.blurb);

const client = new Anthropic(); // expect-not: retries-disabled

const job = await client.messages.batches.create({ // expect-not: batchable-fanout, model-routing, uncached-prompt, nonstreaming-max-tokens
  requests: games.map((g) => ({
    custom_id: g.id,
    params: { // expect-not: missing-max-tokens
      model: MODEL,
      max_tokens: 400,
      messages: [{ role: 'user', content: `Write a lively 70-word blurb for the browser game "${g.title}". Text only.` }],
    },
  })),
});

let state;
for (;;) { // expect-not: naive-retry
  state = await client.messages.batches.retrieve(job.id);
  if (state.processing_status === 'ended') break;
  await new Promise((r) => setTimeout(r, 60_000));
}

const blurbs = {};
for await (const item of await client.messages.batches.results(job.id)) {
  if (item.result.type === 'succeeded') {
    blurbs[item.custom_id] = item.result.message.content.find((c) => c.type === 'text')?.text ?? '';
  }
}
fs.writeFileSync('data/blurbs.json', JSON.stringify(blurbs, null, 2));
