// realworld repro (positive + negative): naive-retry -- a shared agent client posts to /v1/messages with fetch in a
// three-attempt loop; a 429 or 5xx response waits a doubling 1 s then 2 s and is sent again, never reading the
// response's retry-after header, and network errors are retried the same way; look-alikes: retryability is a status
// test, a stable system prefix is sent with cache_control, max_tokens is an option (4,096 by default), and the key
// comes from the environment
// source: giancostantini/dc-scale-agents scripts/lib/anthropic.js:63
// source: giancostantini/dc-scale-agents scripts/lib/anthropic.js:85
// source: giancostantini/dc-scale-agents scripts/lib/anthropic.js:65
// source: giancostantini/dc-scale-agents scripts/lib/anthropic.js:17
const API_KEY = process.env.ANTHROPIC_API_KEY; // expect-not: hardcoded-api-key
const TRIES = 3;
const nap = (ms) => new Promise((r) => setTimeout(r, ms));

export async function runAgentPrompt(task, { maxTokens = 4096, model = 'claude-sonnet-4-6', stablePrefix } = {}) {
  if (!API_KEY) throw new Error('ANTHROPIC_API_KEY not configured');
  const payload = { model, max_tokens: maxTokens, messages: [{ role: 'user', content: task }] };
  if (stablePrefix) {
    payload.system = [{ type: 'text', text: stablePrefix, cache_control: { type: 'ephemeral' } }];
  }

  let res;
  for (let n = 1; n <= TRIES; n++) { // expect: naive-retry
    try {
      res = await fetch('https://api.anthropic.com/v1/messages', { // expect-not: uncached-prompt, missing-max-tokens, nonstreaming-max-tokens, model-routing, batchable-fanout
        method: 'POST',
        headers: { 'x-api-key': API_KEY, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
        body: JSON.stringify(payload),
      });
    } catch (err) {
      if (n < TRIES) {
        await nap(1000 * 2 ** (n - 1));
        continue;
      }
      throw new Error(`network failure after ${TRIES} tries: ${err.message}`);
    }
    if (res.ok) break;
    const detail = await res.text();
    const again = res.status === 429 || res.status >= 500; // expect-not: string-matched-error
    if (again && n < TRIES) {
      await nap(1000 * 2 ** (n - 1));
      continue;
    }
    throw new Error(`Claude error ${res.status}: ${detail}`);
  }
  const data = await res.json();
  return (data.content || []).filter((b) => b.type === 'text').map((b) => b.text).join('');
}
