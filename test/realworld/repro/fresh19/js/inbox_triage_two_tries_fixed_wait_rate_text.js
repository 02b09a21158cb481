// realworld repro (positive + negative): naive-retry, string-matched-error -- a dashboard backend's only Claude helper
// loops over two attempts around a Sonnet create; when the caught error has status 429 or its message mentions
// 'rate_limit', the first attempt sleeps a fixed 30 s and sends the same request again (retry-after never read,
// the client keeps the SDK's own retries); look-alikes: max_tokens from the helper's parameter, an abort signal,
// no system prompt, one triage and one extraction request per run, the key from the environment
// source: alonkatzParticle/Dashboard backend/claude.js:277
// source: alonkatzParticle/Dashboard backend/claude.js:290
// source: alonkatzParticle/Dashboard backend/claude.js:281
// source: alonkatzParticle/Dashboard backend/claude.js:7
const Anthropic = require('@anthropic-ai/sdk');

const sdk = new Anthropic({ apiKey: process.env.CLAUDE_KEY }); // expect-not: retries-disabled, hardcoded-api-key
const MODEL_ID = 'claude-sonnet-4-5';

async function askOnce(text, budget) {
  for (let tries = 0; tries < 2; tries++) { // expect: naive-retry
    const stopper = new AbortController();
    const timer = setTimeout(() => stopper.abort(), 90000);
    try {
      const reply = await sdk.messages.create( // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout
        {
          model: MODEL_ID,
          max_tokens: budget,
          messages: [{ role: 'user', content: text }],
        },
        { signal: stopper.signal },
      );
      clearTimeout(timer);
      return reply.content[0].text.trim();
    } catch (e) {
      clearTimeout(timer);
      const limited = e.status === 429 || e.message?.includes('rate_limit'); // expect: string-matched-error
      if (e.name === 'AbortError') throw new Error('request took too long');
      if (limited && tries === 0) {
        await new Promise((done) => setTimeout(done, 30000));
        continue;
      }
      throw e;
    }
  }
}

async function reviewInbox(notes) {
  const listing = notes.map((n, i) => `[${i}] ${n.author}: ${n.body}`).join('\n');
  const picked = await askOnce(`Return a JSON array of the indices that need action:\n${listing}`, 1500);
  const details = await askOnce(`Describe the open tasks among these notes as JSON:\n${picked}\n${listing}`, 6000);
  return { picked, details };
}

module.exports = { reviewInbox };
