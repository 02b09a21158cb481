// Demo: a hand-written retry loop that hammers the API.
const Anthropic = require('@anthropic-ai/sdk');

const client = new Anthropic();

async function ask(question) {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return await client.messages.create({
        model: 'claude-haiku-4-5',
        max_tokens: 256,
        messages: [{ role: 'user', content: question }],
      });
    } catch (err) {
      if (err.message.includes('429')) {
        await new Promise((r) => setTimeout(r, 1000));
        continue;
      }
      throw err;
    }
  }
  throw new Error('gave up');
}

module.exports = { ask };
