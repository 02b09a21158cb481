// realworld repro (positive + negative): naive-retry -- a small shared helper for content scripts posts to the
// Messages endpoint with fetch inside a three-attempt loop; a non-ok response (429 and 529 included) is thrown as an
// Error carrying the status, the catch-all logs it and waits 1.5 s, then 3 s (linear, no jitter) before sending again,
// and the retry-after header is never read; look-alikes: the catch never tests the error text, model from the
// environment, system text and max_tokens from the caller, the key from the environment, no loop over items here
// source: jolopezre/medicability scripts/lib/claude.mjs:13
// source: jolopezre/medicability scripts/lib/claude.mjs:36
// source: jolopezre/medicability scripts/lib/claude.mjs:15
// source: jolopezre/medicability scripts/lib/claude.mjs:11
import { pause, note } from './tools.mjs';

const ENDPOINT = 'https://api.anthropic.com/v1/messages';
const MODEL = process.env.TIPS_MODEL || 'claude-sonnet-4-5';

export async function askForJson({ system, text, limit = 1600 }) {
  const key = process.env.ANTHROPIC_API_KEY; // expect-not: hardcoded-api-key
  if (!key) throw new Error('ANTHROPIC_API_KEY is missing');

  for (let round = 1; round <= 3; round++) { // expect: naive-retry
    try {
      const res = await fetch(ENDPOINT, { // expect-not: batchable-fanout, model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-api-key': key,
          'anthropic-version': '2023-06-01',
        },
        body: JSON.stringify({
          model: MODEL,
          max_tokens: limit,
          system,
          messages: [{ role: 'user', content: text }],
        }),
      });
      if (!res.ok) throw new Error(`status ${res.status}: ${(await res.text()).slice(0, 200)}`);
      const body = await res.json();
      return JSON.parse((body.content ?? []).map((b) => b.text ?? '').join(''));
    } catch (err) { // expect-not: string-matched-error
      note(`Claude round ${round} failed: ${err.message}`);
      if (round === 3) throw err;
      await pause(1500 * round);
    }
  }
}
