// realworld repro (positive + negative): naive-retry and hardcoded-api-key -- a CommonJS helper posts one
// product to /v1/messages through an axios instance whose base URL is the Messages endpoint; any failure,
// a 429 included, waits a doubling delay and posts again, never reading retry-after; the only key text in
// the file is a placeholder in a help message
// source: adamEfraty/product-insertion-bot utils/claude.js:106
// source: adamEfraty/product-insertion-bot utils/claude.js:108
// source: adamEfraty/product-insertion-bot utils/claude.js:10
const axios = require('axios');

if (!process.env.ANTHROPIC_API_KEY) {
  console.error('Set ANTHROPIC_API_KEY first, for example:\n  export ANTHROPIC_API_KEY=sk-ant-...\n'); // expect-not: hardcoded-api-key
  process.exit(1);
}

const messagesApi = axios.create({
  baseURL: 'https://api.anthropic.com/v1/messages',
  headers: {
    'x-api-key': process.env.ANTHROPIC_API_KEY,
    'anthropic-version': '2023-06-01',
    'content-type': 'application/json',
  },
  timeout: 30000,
});

const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function pickShelf(item, shelves, tries = 3) {
  const prompt = `Shelves:\n${shelves.join('\n')}\n\nItem:\n${item.name}\n\nReply with JSON {"shelf": "<name>"}.`;
  let lastError;
  for (let n = 0; n <= tries; n++) { // expect: naive-retry
    try {
      const res = await messagesApi.post('', { // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing
        model: 'claude-sonnet-4-5',
        max_tokens: 300,
        messages: [{ role: 'user', content: prompt }],
      });
      return JSON.parse(res.data.content[0].text).shelf;
    } catch (err) {
      lastError = err;
      const code = err.response ? err.response.status : err.message;
      console.warn(`attempt ${n + 1} failed (${code})`);
      await wait(1200 * Math.pow(2, n));
    }
  }
  throw lastError;
}

module.exports = { pickShelf };
