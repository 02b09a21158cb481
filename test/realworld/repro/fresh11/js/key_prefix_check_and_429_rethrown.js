// realworld repro (negative): hardcoded-api-key, string-matched-error and naive-retry look-alikes -- a raw axios
// helper checks that the configured key starts with the bare key prefix, and turns a 429 (tested by status
// number) into a readable error that it re-throws; nothing is sent again
// source: Shyam02/intelligence-tool services/claude.js:178
// source: Shyam02/intelligence-tool services/claude.js:163
// source: Shyam02/intelligence-tool services/claude.js:151
// source: Shyam02/intelligence-tool services/claude.js:49
const axios = require('axios');

const settings = {
  url: 'https://api.anthropic.com/v1/messages',
  key: process.env.CLAUDE_KEY,
  model: process.env.CLAUDE_MODEL,
  maxTokens: Number(process.env.CLAUDE_MAX_TOKENS || 1024),
};

async function ask(prompt) {
  try {
    const res = await axios.post(settings.url, { // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing
      model: settings.model,
      max_tokens: settings.maxTokens,
      messages: [{ role: 'user', content: prompt }],
    }, {
      headers: { 'x-api-key': settings.key, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
    });
    return res.data.content.filter((b) => b.type === 'text').map((b) => b.text).join('\n');
  } catch (error) { // expect-not: naive-retry
    if (error.response?.status === 429) { // expect-not: string-matched-error
      throw new Error('Rate limited by Claude, try again later.');
    }
    throw new Error(`Claude request failed: ${error.message}`);
  }
}

function keyLooksRight() {
  return Boolean(settings.key) && settings.key.startsWith('sk-ant-'); // expect-not: hardcoded-api-key
}

module.exports = { ask, keyLooksRight };
