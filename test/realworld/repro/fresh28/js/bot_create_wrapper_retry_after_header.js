// realworld repro (negative): a bot's shared CommonJS module builds one default client and exports a wrapper
// that runs messages.create in a loop of up to four attempts; on a 429 it waits the error's retry-after header
// plus a few seconds (a minute when the header is missing, capped at three minutes) and sends again, any other
// error is thrown; the status is tested, not the text; the key comes from the environment
// source: sasakisea119-cmd/kaizokuokabu-bot lib/anthropic-client.js:14
// source: sasakisea119-cmd/kaizokuokabu-bot lib/anthropic-client.js:16
// source: sasakisea119-cmd/kaizokuokabu-bot lib/anthropic-client.js:7
const Anthropic = require('@anthropic-ai/sdk');

const claude = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY }); // expect-not: retries-disabled, hardcoded-api-key

async function sendPatiently(params, retries = 3) {
  for (let n = 0; n <= retries; n++) { // expect-not: naive-retry
    try {
      return await claude.messages.create(params); // expect-not: string-matched-error, missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout
    } catch (err) {
      if (err.status === 429 && n < retries) {
        const hinted = parseInt(err.headers?.['retry-after'] || '60', 10);
        const seconds = Math.min(hinted + 3, 180);
        console.log(`[claude] 429, waiting ${seconds}s (${n + 1}/${retries})`);
        await new Promise((r) => setTimeout(r, seconds * 1000));
      } else {
        throw err;
      }
    }
  }
}

module.exports = { claude, sendPatiently };
