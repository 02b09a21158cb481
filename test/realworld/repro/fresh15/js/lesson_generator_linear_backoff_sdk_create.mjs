// realworld repro (positive + negative): naive-retry -- an offline content generator's shared helper calls
// messages.create inside an attempt loop (two extra tries); the catch-all handler keeps the error and waits a
// linear 1 s, then 2 s, before sending the same request again, never reading retry-after, on a client that keeps
// the SDK's own retries; look-alikes: the model comes from an imported table whose name says no tier, max_tokens
// is an option, and the lazily built client keeps default retries with the key from the environment
// source: Ax775/paced scripts/lib/anthropic.mjs:42
// source: Ax775/paced scripts/lib/anthropic.mjs:44
// source: Ax775/paced scripts/lib/anthropic.mjs:26
import Anthropic from '@anthropic-ai/sdk';
import { MODEL_TABLE } from '../../src/settings/models.js';

let cached = null;

function sdk() {
  if (cached) return cached;
  const apiKey = process.env.ANTHROPIC_API_KEY;
  if (!apiKey) throw new Error('export ANTHROPIC_API_KEY before running the generators');
  cached = new Anthropic({ apiKey }); // expect-not: retries-disabled, hardcoded-api-key
  return cached;
}

const pause = (ms) => new Promise((r) => setTimeout(r, ms));

export async function writeLesson({ voice, brief, maxTokens = 4096, tries = 2 }) {
  let lastFailure;
  for (let n = 0; n <= tries; n++) { // expect: naive-retry
    try {
      const reply = await sdk().messages.create({ // expect-not: model-routing, missing-max-tokens, nonstreaming-max-tokens, batchable-fanout, uncached-prompt
        model: MODEL_TABLE.writer,
        max_tokens: maxTokens,
        system: voice,
        messages: [{ role: 'user', content: brief }],
      });
      return reply.content.filter((b) => b.type === 'text').map((b) => b.text).join('').trim();
    } catch (err) {
      lastFailure = err;
      if (n < tries) await pause(1000 * (n + 1));
    }
  }
  throw lastFailure;
}
