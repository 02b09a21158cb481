// realworld repro (negative): a shared CommonJS helper builds one default client and sends one create per call,
// with max_tokens 8,192 for an Opus model and 4,096 otherwise (unless the caller overrides it) and a system
// prompt carrying cache_control; the only catch guards the cost logging after the request; Haiku/Sonnet/Opus
// shortcuts pick the model for callers elsewhere
// source: gavinhosilvafilipe-byte/brain-daily-brief src/services/anthropic.js:53
// source: gavinhosilvafilipe-byte/brain-daily-brief src/services/anthropic.js:14
'use strict';
const Anthropic = require('@anthropic-ai/sdk');
const settings = require('../settings');

const PRICES = {
  'claude-haiku-4-5': { input: 0.000001, output: 0.000005 },
  'claude-sonnet-4-6': { input: 0.000003, output: 0.000015 },
  'claude-opus-4-7': { input: 0.000015, output: 0.000075 },
};

const client = settings.claudeKey
  ? new Anthropic({ apiKey: settings.claudeKey }) // expect-not: retries-disabled, hardcoded-api-key
  : new Anthropic();

async function ask(model, messages, systemText, job = 'misc', opts = {}) {
  const params = {
    model,
    max_tokens: opts.maxTokens ?? (model.includes('opus') ? 8192 : 4096),
    messages,
  };
  if (systemText) {
    params.system = [{ type: 'text', text: systemText, cache_control: { type: 'ephemeral' } }];
  }

  const reply = await client.messages.create(params); // expect-not: missing-max-tokens, nonstreaming-max-tokens, naive-retry, string-matched-error, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout
  const price = PRICES[model] || PRICES['claude-sonnet-4-6'];
  const cost = reply.usage.input_tokens * price.input + reply.usage.output_tokens * price.output;

  try {
    const { recordCost } = require('./ledger');
    await recordCost(model, reply.usage.input_tokens, reply.usage.output_tokens, cost, job);
  } catch (e) {
    console.error('[claude] cost record failed:', e.message);
  }

  return { text: reply.content?.[0]?.text ?? '', cost };
}

const askHaiku = (m, s, j, o) => ask('claude-haiku-4-5', m, s, j, o);
const askSonnet = (m, s, j, o) => ask('claude-sonnet-4-6', m, s, j, o);
const askOpus = (m, s, j, o) => ask('claude-opus-4-7', m, s, j, o);

module.exports = { ask, askHaiku, askSonnet, askOpus };
