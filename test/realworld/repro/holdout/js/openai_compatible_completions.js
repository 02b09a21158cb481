// realworld repro (negative): missing-max-tokens -- chat.completions.create on an OpenAI-compatible client, not Anthropic
// source: Mintplex-Labs/anything-llm server/utils/AiProviders/bedrock/index.js:193
const OpenAI = require('openai');
const Anthropic = require('@anthropic-ai/sdk');

class GatewayProvider {
  constructor(baseURL, model) {
    this.openai = new OpenAI({ baseURL, apiKey: process.env.GATEWAY_KEY });
    this.claude = new Anthropic();
    this.model = model;
  }

  async chat(messages) {
    const result = await this.openai.chat.completions // expect-not: missing-max-tokens
      .create({ model: this.model, messages })
      .catch((e) => {
        throw new Error(`gateway error: ${e.message}`);
      });
    return result.choices[0].message.content;
  }
}

module.exports = { GatewayProvider };
