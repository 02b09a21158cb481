// realworld repro (positive + negative): naive-retry -- a dependency-free CI helper posts to /v1/messages with fetch
// in a four-attempt loop; on status 429 or 5xx it keeps the error and `continue`s to the next attempt, which first
// waits a doubling 2-30 s, never reading retry-after, and the catch-all re-sends after any thrown error too;
// look-alikes: the 429 decision is a status test (no text), max_tokens is an option, and the key comes from the
// environment
// source: Easeaiworks/asiscan-growth scripts/lib/anthropic.mjs:24
// source: Easeaiworks/asiscan-growth scripts/lib/anthropic.mjs:46
// source: Easeaiworks/asiscan-growth scripts/lib/anthropic.mjs:30
// source: Easeaiworks/asiscan-growth scripts/lib/anthropic.mjs:21
import { envOrThrow } from './env.mjs';

const URL_MESSAGES = 'https://api.anthropic.com/v1/messages';

export async function draftCopy({ system, prompt, maxTokens = 4096, model = process.env.COPY_MODEL || 'claude-sonnet-4-5', attempts = 3 }) {
  const key = envOrThrow('ANTHROPIC_API_KEY'); // expect-not: hardcoded-api-key

  let lastErr;
  for (let i = 0; i <= attempts; i++) { // expect: naive-retry
    if (i > 0) {
      const backoff = Math.min(30_000, 1000 * 2 ** i);
      await new Promise((r) => setTimeout(r, backoff));
    }
    try {
      const res = await fetch(URL_MESSAGES, { // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, batchable-fanout, uncached-prompt
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': key, 'anthropic-version': '2023-06-01' },
        body: JSON.stringify({
          model,
          max_tokens: maxTokens,
          ...(system ? { system } : {}),
          messages: [{ role: 'user', content: prompt }],
        }),
      });
      if (res.status === 429 || res.status >= 500) { // expect-not: string-matched-error
        lastErr = new Error(`messages ${res.status}`);
        continue;
      }
      if (!res.ok) throw new Error(`messages ${res.status}: ${await res.text()}`);
      const json = await res.json();
      const text = (json.content || []).filter((b) => b.type === 'text').map((b) => b.text).join('').trim();
      if (!text) throw new Error('no text in reply');
      return { text, usage: json.usage };
    } catch (err) {
      lastErr = err;
      if (i === attempts) break;
    }
  }
  throw lastErr;
}
