// realworld repro (positive): naive-retry -- a CommonJS research module defines a generic withRetry(fn) that re-runs
// the function after any error with a doubling pause (no retry-after) and applies it to each of its web-search
// creates
// source: MattPsudoCoder/prospect-research-tool services/claude.js:13
const Anthropic = require('@anthropic-ai/sdk');

let shared = null;
function api() {
  if (!shared) shared = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });
  return shared;
}

async function withRetry(fn, extra = 2) {
  for (let n = 0; n <= extra; n++) { // expect: naive-retry
    try {
      return await fn();
    } catch (err) {
      if (n === extra) throw err;
      await new Promise((r) => setTimeout(r, 1000 * 2 ** n));
    }
  }
}

async function findShops(region) {
  const res = await withRetry(() =>
    api().messages.create({
      model: 'claude-sonnet-4-6',
      max_tokens: 2048,
      tools: [{ type: 'web_search_20250305', name: 'web_search', max_uses: 5 }],
      messages: [{ role: 'user', content: `List ten independent bookshops in ${region} as a JSON array of names.` }],
    }),
  );
  const last = res.content.filter((b) => b.type === 'text').pop();
  return last ? last.text : '[]';
}

async function profileShop(name) {
  const res = await withRetry(() =>
    api().messages.create({
      model: 'claude-sonnet-4-6',
      max_tokens: 1024,
      tools: [{ type: 'web_search_20250305', name: 'web_search', max_uses: 4 }],
      messages: [{ role: 'user', content: `Summarise what is known about the bookshop "${name}" in JSON.` }],
    }),
  );
  const last = res.content.filter((b) => b.type === 'text').pop();
  return last ? last.text : '{}';
}

module.exports = { findShops, profileShop };
