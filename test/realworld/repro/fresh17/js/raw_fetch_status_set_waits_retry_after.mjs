// realworld repro (negative): naive-retry -- a shared helper posts to /v1/messages with fetch inside a
// three-attempt loop; on 429/500/503/529 it waits the retry-after header when the response carries one (a doubling
// jittered wait only when it does not); look-alikes: the retry decision tests a set of status codes, the error
// type and message only build the thrown error, and the key, model and max_tokens come from the caller
// source: Orlando360/crm360-agencia lib/anthropic-retry.js:38
// source: Orlando360/crm360-agencia lib/anthropic-retry.js:78
// source: Orlando360/crm360-agencia lib/anthropic-retry.js:42
const RETRYABLE = new Set([429, 500, 503, 529]);
const TRIES = 3;

const nap = (ms) => new Promise((r) => setTimeout(r, ms));
const fallbackDelay = (n) => {
  const base = 800 * 2 ** (n - 1);
  return base + Math.random() * base * 0.5;
};

export async function sendToClaude(body, key) {
  let lastErr = null;
  for (let n = 1; n <= TRIES; n++) { // expect-not: naive-retry
    const res = await fetch('https://api.anthropic.com/v1/messages', { // expect-not: batchable-fanout, model-routing, uncached-prompt, nonstreaming-max-tokens
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key, 'anthropic-version': '2023-06-01' }, // expect-not: hardcoded-api-key
      body: JSON.stringify(body),
    });
    if (res.ok) return res.json();
    const detail = await res.json().catch(() => ({}));
    const kind = detail?.error?.type ?? 'unknown';
    if (RETRYABLE.has(res.status)) { // expect-not: string-matched-error
      lastErr = new Error(`[${kind}] ${detail?.error?.message ?? res.status}`);
      if (n < TRIES) {
        let wait = fallbackDelay(n);
        const header = res.headers.get('retry-after');
        if (header) {
          const secs = parseInt(header, 10);
          if (!Number.isNaN(secs)) wait = secs * 1000;
        }
        await nap(wait);
        continue;
      }
      break;
    }
    throw new Error(`Claude ${res.status}: ${kind}`);
  }
  throw lastErr ?? new Error('Claude call failed');
}
