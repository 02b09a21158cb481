// realworld repro (positive + negative): a fixed one-second pause between attempts around Claude
// (naive-retry), and the same loop around OpenAI (not a Claude call)
// source: Pythagora-io/gpt-pilot core/templates/tree/node_express_mongoose/services/llm.js:41
// source: Pythagora-io/gpt-pilot core/templates/tree/node_express_mongoose/services/llm.js:24
const OpenAI = require('openai');
const Anthropic = require('@anthropic-ai/sdk');

const openai = new OpenAI();
const claude = new Anthropic();
const TRIES = 3;
const PAUSE_MS = 1000;

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function viaOpenAI(model, text) {
  for (let i = 0; i < TRIES; i++) { // expect-not: naive-retry
    try {
      const r = await openai.chat.completions.create({ model, messages: [{ role: 'user', content: text }] });
      return r.choices[0].message.content;
    } catch (err) {
      if (i === TRIES - 1) throw err;
      await pause(PAUSE_MS);
    }
  }
}

async function viaClaude(model, text) {
  for (let i = 0; i < TRIES; i++) { // expect: naive-retry
    try {
      const r = await claude.messages.create({ model, max_tokens: 1024, messages: [{ role: 'user', content: text }] });
      return r.content[0].text;
    } catch (err) {
      console.error(`Claude attempt ${i + 1} failed`, err.message);
      if (i === TRIES - 1) throw err;
      await pause(PAUSE_MS);
    }
  }
}

module.exports = { viaOpenAI, viaClaude };
