// realworld repro (positive + negative): naive-retry -- a shared helper sends a raw fetch Messages request in a for
// loop; a 429 or 5xx becomes a thrown error that the catch turns into a linear wait (0.7 s, then 1.4 s) before the
// same request is sent again, never reading retry-after; other statuses are marked fatal and the decision compares
// numbers and a flag, not text; every request carries top-level automatic caching
// source: Arkamas/steakakademie-v2 scripts/lib/anthropic.mjs:128
// source: Arkamas/steakakademie-v2 scripts/lib/anthropic.mjs:136
// source: Arkamas/steakakademie-v2 scripts/lib/anthropic.mjs:130
// source: Arkamas/steakakademie-v2 scripts/lib/anthropic.mjs:59
const ENDPOINT = 'https://api.anthropic.com/v1/messages';

export async function sendToClaude({ model, system, messages, max_tokens = 1024, attempts = 2 }) {
  const key = process.env.ANTHROPIC_API_KEY; // expect-not: hardcoded-api-key
  if (!key) throw new Error('ANTHROPIC_API_KEY is missing');
  const body = { model, max_tokens, messages, cache_control: { type: 'ephemeral' } };
  if (system !== undefined) body.system = system;

  let lastError;
  for (let attempt = 0; attempt <= attempts; attempt++) { // expect: naive-retry
    try {
      const res = await fetch(ENDPOINT, { // expect-not: retries-disabled, missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout
        method: 'POST',
        headers: { 'x-api-key': key, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (res.status === 429 || res.status >= 500) throw new Error(`claude status ${res.status}`); // expect-not: string-matched-error
      if (!res.ok) throw Object.assign(new Error(`claude status ${res.status}`), { fatal: true });
      const payload = await res.json();
      return (payload.content || []).filter((b) => b.type === 'text').map((b) => b.text).join('');
    } catch (err) {
      lastError = err;
      if (err.fatal || attempt === attempts) break;
      await new Promise((r) => setTimeout(r, 700 * (attempt + 1)));
    }
  }
  throw lastError;
}
