// realworld repro (module): the wrapper required by trading_llm_helper.js -- retryWithBackoff(fn, options) retries
// while the caller's predicate allows, waiting the larger of the error's retry-after header and a full-jitter
// backoff capped at 15 s; no Claude call here
// source: clearedgeintel/alpaca-trader src/agents/llm.js:168

function retryAfterMs(err) {
  const raw = err?.headers?.['retry-after'] ?? err?.headers?.['Retry-After'];
  if (raw == null) return null;
  const seconds = Number(raw);
  if (!Number.isNaN(seconds)) return seconds * 1000;
  const at = Date.parse(raw);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

async function retryWithBackoff(fn, { retries = 3, baseMs = 500, maxMs = 15000, shouldRetry = () => true } = {}) {
  let lastErr;
  for (let attempt = 0; attempt <= retries; attempt++) { // expect-not: naive-retry
    try {
      return await fn(attempt);
    } catch (err) {
      lastErr = err;
      if (attempt >= retries || !shouldRetry(err)) throw err;
      const jittered = Math.random() * Math.min(maxMs, baseMs * 2 ** attempt);
      const hinted = retryAfterMs(err);
      await new Promise((r) => setTimeout(r, hinted != null ? Math.max(hinted, jittered) : jittered));
    }
  }
  throw lastErr;
}

module.exports = { retryWithBackoff };
