// realworld repro (negative): naive-retry, string-matched-error -- a shared https.request client retries through a
// recursive promise chain with configured delays, but only when the error text names 529, 500, overloaded, a
// connection reset or a timeout; a 429 ("Claude 429: ...") is re-thrown at once, so rate limits are never retried
// and the text test is not about rate limits
// source: GROUP-A26K/Jarvis-SEO scripts/lib/claude.js:29
// source: GROUP-A26K/Jarvis-SEO scripts/lib/claude.js:37
// source: GROUP-A26K/Jarvis-SEO scripts/lib/claude.js:83
import https from 'node:https';
import { MODEL_ID, DEFAULT_TOKENS, RETRY_DELAYS } from './settings.mjs';

export function callWithRetry(apiKey, system, prompt, maxTries = 3) {
  function attempt(n) { // expect-not: naive-retry
    return post(apiKey, system, prompt).catch((err) => {
      const msg = err.message || '';
      const transient = msg.includes('529') || msg.includes('overloaded') || msg.includes('ECONNRESET'); // expect-not: string-matched-error
      if (n < maxTries && transient) {
        const wait = RETRY_DELAYS[Math.min(n, RETRY_DELAYS.length - 1)];
        return new Promise((r) => setTimeout(r, wait)).then(() => attempt(n + 1));
      }
      throw err;
    });
  }
  return attempt(0);
}

function post(apiKey, system, prompt) {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ model: MODEL_ID, max_tokens: DEFAULT_TOKENS, system, messages: [{ role: 'user', content: prompt }] });
    const req = https.request( // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, batchable-fanout
      {
        hostname: 'api.anthropic.com',
        path: '/v1/messages',
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': apiKey, 'anthropic-version': '2023-06-01' },
      },
      (res) => {
        let data = '';
        res.on('data', (c) => (data += c));
        res.on('end', () => {
          if (res.statusCode >= 400) return reject(new Error(`Claude ${res.statusCode}: ${data.slice(0, 200)}`));
          resolve(JSON.parse(data));
        });
      },
    );
    req.on('error', reject);
    req.write(body);
    req.end();
  });
}
