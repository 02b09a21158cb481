// realworld repro (positive + negative): naive-retry -- a shared helper posts to /v1/messages with node's
// https.request inside a four-attempt loop; on status 429 or 529 it waits a linear 10 s, 20 s, 30 s and re-sends,
// never reading retry-after (only the status and the parsed body are kept); look-alikes: the retry decision tests
// the status code, not error text, and Sonnet at 2,048 tokens in a helper with no loop over data
// (tuneL: made faithful to the original's shape: the status test is assigned to a flag that the `if` then tests)
// source: jobtern/jobtern-ops scripts/lib/claude.js:18
// source: jobtern/jobtern-ops scripts/lib/claude.js:51
// source: jobtern/jobtern-ops scripts/lib/claude.js:20
import https from 'node:https';

const TRIES = 4;
const STEP_MS = 10_000;

export async function askClaude({ system, text, apiKey }) {
  const payload = JSON.stringify({
    model: 'claude-sonnet-4-6',
    max_tokens: 2048,
    system,
    messages: [{ role: 'user', content: text }],
  });
  for (let attempt = 1; attempt <= TRIES; attempt++) { // expect: naive-retry
    const result = await new Promise((resolve, reject) => {
      const req = https.request( // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, hardcoded-api-key
        {
          hostname: 'api.anthropic.com',
          path: '/v1/messages',
          method: 'POST',
          headers: { 'x-api-key': apiKey, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
        },
        (res) => {
          let body = '';
          res.on('data', (c) => { body += c; });
          res.on('end', () => resolve({ status: res.statusCode, body: JSON.parse(body) }));
        },
      );
      req.on('error', reject);
      req.write(payload);
      req.end();
    });
    const again = (result.status === 429 || result.status === 529) && attempt < TRIES; // expect-not: string-matched-error
    if (again) {
      await new Promise((r) => setTimeout(r, STEP_MS * attempt));
      continue;
    }
    return result;
  }
}
