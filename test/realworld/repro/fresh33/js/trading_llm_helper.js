// realworld repro (negative): naive-retry and string-matched-error -- a shared ask() helper for trading agents runs
// its create through retryWithBackoff required from a sibling module, which waits the retry-after header when
// present; the same-file predicate decides by SDK error classes and numeric status, no text
// source: clearedgeintel/alpaca-trader src/agents/llm.js:168
// source: clearedgeintel/alpaca-trader src/agents/llm.js:21
// source: clearedgeintel/alpaca-trader src/agents/llm.js:170
const Anthropic = require('@anthropic-ai/sdk');
const { retryWithBackoff } = require('./trading_llm_helper_retry');

const TIERS = { fast: 'claude-haiku-4-5', deep: 'claude-sonnet-4-5' };

function retryable(err) {
  if (err instanceof Anthropic.RateLimitError) return true; // expect-not: string-matched-error
  const status = err?.status;
  return status === 429 || (status >= 500 && status < 600);
}

let client = null;
function getClient() {
  if (!client) client = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });
  return client;
}

async function ask({ system, userMessage, tier = 'fast', maxTokens = 1024 }) {
  const anthropic = getClient();
  const response = await retryWithBackoff( // expect-not: naive-retry
    () =>
      anthropic.messages.create({ // expect-not: model-routing, uncached-prompt
        model: TIERS[tier] || TIERS.fast,
        max_tokens: maxTokens,
        system,
        messages: [{ role: 'user', content: userMessage }],
      }),
    { retries: 3, baseMs: 1000, maxMs: 15000, shouldRetry: retryable },
  );
  return response.content.filter((b) => b.type === 'text').map((b) => b.text).join('');
}

module.exports = { ask };
