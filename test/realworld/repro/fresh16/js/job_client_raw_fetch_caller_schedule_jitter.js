// realworld repro (positive + negative): naive-retry -- a fleet's raw-fetch client runs one attempt loop per model:
// a 429, 5xx or 529 response falls through to a wait taken from the caller's delay schedule (the module exports
// 1, 3, 10, 30 s) with equal jitter and is sent again, never reading retry-after; look-alikes: retryability is a
// set of statuses, max_tokens comes from the request, the outer loop is a model fallback chain, and the key comes
// from the options or the environment
// (tuneL: made faithful to the original's shape: the fallback chain walks the models by index (`chain[i]`), as the
// original's does (it was read as a retry there), and a network error is retried from the catch when asked to)
// source: konakevin/dreambot scripts/lib/anthropic.js:291
// source: konakevin/dreambot scripts/lib/anthropic.js:352
// source: konakevin/dreambot scripts/lib/anthropic.js:296
// source: konakevin/dreambot scripts/lib/anthropic.js:379
const PAUSES_MS = [1000, 3000, 10000, 30000];
const TRANSIENT = new Set([429, 500, 502, 503, 504, 529]);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const spread = (ms) => (ms <= 0 ? 0 : Math.round(ms / 2 + Math.random() * (ms / 2)));

async function tryOneModel(model, req, key) {
  const payload = JSON.stringify({ model, max_tokens: req.maxTokens, messages: [{ role: 'user', content: req.content }] });
  const pauses = req.pausesMs || [];
  let lastErr = '';
  for (let go = 0; go <= pauses.length; go++) { // expect: naive-retry
    let res;
    try {
      res = await fetch('https://api.anthropic.com/v1/messages', { // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, batchable-fanout, uncached-prompt
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'x-api-key': key, 'anthropic-version': '2023-06-01' },
        body: payload,
      });
    } catch (e) {
      if (req.retryNetworkErrors && go < pauses.length) {
        await sleep(spread(pauses[go]));
        continue;
      }
      throw new Error(`${model} network: ${e.message}`);
    }
    if (res.ok) {
      const data = await res.json();
      const text = (data.content || []).filter((b) => b.type === 'text').map((b) => b.text).join('').trim();
      if (!text) throw new Error(`${model} empty`);
      return { text, tries: go };
    }
    lastErr = `${res.status}: ${(await res.text()).slice(0, 200)}`;
    if (!TRANSIENT.has(res.status)) throw new Error(`${model} ${lastErr}`); // expect-not: string-matched-error
    if (go < pauses.length) {
      console.warn(`  ${model} ${res.status}, waiting ${pauses[go] / 1000}s`);
      await sleep(spread(pauses[go]));
    }
  }
  throw new Error(`${model} out of tries: ${lastErr}`);
}

async function askClaude(req) {
  const key = req.key !== undefined ? req.key : process.env.ANTHROPIC_API_KEY; // expect-not: hardcoded-api-key
  if (!key) throw new Error('ANTHROPIC_API_KEY missing');
  const failures = [];
  const chain = req.models;
  for (let i = 0; i < chain.length; i++) { // expect-not: naive-retry
    const model = chain[i];
    try {
      return { ...(await tryOneModel(model, req, key)), model };
    } catch (e) {
      failures.push(e.message);
    }
  }
  throw new Error(failures.join('; '));
}

module.exports = { PAUSES_MS, askClaude };
