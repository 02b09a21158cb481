// realworld repro (positive + negative): string-matched-error -- a service class sends one Sonnet audit per
// request and, in the catch around the create, decides a rate limit by looking for 'rate_limit' in the error
// message before re-throwing a readable error; look-alikes: the key and overload tests use other wording, and a
// connection probe sends a constant 10-token message
// source: SatvikP/website-growth-analyzer server/services/anthropic.js:60
// source: SatvikP/website-growth-analyzer server/services/anthropic.js:64
// source: SatvikP/website-growth-analyzer server/services/anthropic.js:68
// source: SatvikP/website-growth-analyzer server/services/anthropic.js:57
// source: SatvikP/website-growth-analyzer server/services/anthropic.js:253
// source: SatvikP/website-growth-analyzer server/services/anthropic.js:36
// source: SatvikP/website-growth-analyzer server/services/anthropic.js:16
const Anthropic = require('@anthropic-ai/sdk');

class AuditService {
  constructor() {
    this.client = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY }); // expect-not: hardcoded-api-key, retries-disabled
  }

  async audit(page) {
    try {
      const message = await this.client.messages.create({ // expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens, batchable-fanout
        model: 'claude-sonnet-4-20250514',
        max_tokens: 4000,
        messages: [{ role: 'user', content: `Score this landing page for clarity and trust, as JSON.\n\n${page.text}` }],
      });
      return JSON.parse(message.content[0].text);
    } catch (error) { // expect-not: naive-retry
      if (error.message.includes('rate_limit')) { // expect: string-matched-error
        throw new Error('The audit service is busy, try again in a few minutes.');
      }
      if (error.message.includes('invalid_api_key') || error.message.includes('authentication')) { // expect-not: string-matched-error
        throw new Error('The audit service key is not valid.');
      }
      if (error.message.includes('overloaded')) { // expect-not: string-matched-error
        throw new Error('The audit service is overloaded, try again shortly.');
      }
      throw new Error(`Audit failed: ${error.message}`);
    }
  }

  async ping() {
    try {
      await this.client.messages.create({ model: 'claude-sonnet-4-20250514', max_tokens: 10, messages: [{ role: 'user', content: 'Hello' }] }); // expect-not: model-routing, missing-max-tokens
      return true;
    } catch {
      return false;
    }
  }
}

module.exports = new AuditService();
