// realworld repro (positive + negative): naive-retry -- a shared helper for a monthly data refresh posts to
// /v1/messages with fetch inside a three-attempt loop; a non-2xx response (a 429 included) is thrown, the
// catch-all handler only records it, and every later attempt first waits a fixed 30 seconds, never reading the
// response's retry-after header; look-alikes: the failure branch throws without testing any text, max_tokens is
// the caller's option (4,000 by default), and the key comes from the environment
// source: dpm5045/ev-suv-comparison scripts/lib/anthropic.mjs:30
// source: dpm5045/ev-suv-comparison scripts/lib/anthropic.mjs:53
// source: dpm5045/ev-suv-comparison scripts/lib/anthropic.mjs:37
// source: dpm5045/ev-suv-comparison scripts/lib/anthropic.mjs:25
const MESSAGES_URL = 'https://api.anthropic.com/v1/messages';
const SPEC_MODEL = 'claude-sonnet-4-6';
const EXTRA_TRIES = 2;
const PAUSE_MS = 30_000;

const wait = (ms) => new Promise((done) => setTimeout(done, ms));

export async function researchSpecs({ instructions, question, maxTokens = 4000 }) {
  const key = process.env.ANTHROPIC_API_KEY; // expect-not: hardcoded-api-key
  if (!key) throw new Error('ANTHROPIC_API_KEY missing');

  let failure = null;
  for (let round = 0; round <= EXTRA_TRIES; round++) { // expect: naive-retry
    if (round > 0) {
      console.log(`  trying again in ${PAUSE_MS / 1000}s (round ${round})`);
      await wait(PAUSE_MS);
    }
    try {
      const reply = await fetch(MESSAGES_URL, { // expect-not: missing-max-tokens, nonstreaming-max-tokens, batchable-fanout, model-routing, uncached-prompt
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': key, 'anthropic-version': '2023-06-01' },
        body: JSON.stringify({
          model: SPEC_MODEL,
          max_tokens: maxTokens,
          tools: [{ type: 'web_search_20250305', name: 'web_search' }],
          system: instructions,
          messages: [{ role: 'user', content: question }],
        }),
      });
      if (!reply.ok) { // expect-not: string-matched-error
        throw new Error(`status ${reply.status}: ${await reply.text()}`);
      }
      const payload = await reply.json();
      const texts = (payload.content ?? []).filter((b) => b.type === 'text');
      return JSON.parse(texts[texts.length - 1].text);
    } catch (err) {
      failure = err;
      console.error(`  request failed: ${err.message}`);
    }
  }
  throw failure;
}
