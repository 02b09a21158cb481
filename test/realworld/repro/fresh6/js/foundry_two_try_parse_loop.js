// realworld repro (positive + negative): naive-retry -- a Claude Haiku deployment on Azure Foundry
// (AnthropicFoundry client) is called in a two-attempt loop with its JSON checks; the catch takes
// every error, a 429 included, and waits a fixed 1.5 s before sending again; already on Haiku
// source: Amaan9838/pinova-outreach lib/aiService.js:256
// source: Amaan9838/pinova-outreach lib/aiService.js:258
import AnthropicFoundry from '@anthropic-ai/foundry-sdk';

const foundry = new AnthropicFoundry({
  apiKey: process.env.ANTHROPIC_API_KEY,
  baseURL: 'https://example-resource.services.ai.azure.com/anthropic/',
});

export async function draftFollowUp(system, prompt) {
  let lastError;
  for (let attempt = 1; attempt <= 2; attempt++) { // expect: naive-retry
    try {
      const reply = await foundry.messages.create({ // expect-not: model-routing
        model: 'claude-haiku-4-5',
        system,
        messages: [{ role: 'user', content: prompt }],
        max_tokens: 500,
      });
      const text = (reply.content || []).map((b) => b.text || '').join('').trim();
      const parsed = JSON.parse(text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1));
      if (!parsed.subject || !parsed.body) throw new Error('incomplete draft');
      return parsed;
    } catch (err) {
      lastError = err;
      if (attempt < 2) await new Promise((r) => setTimeout(r, 1500));
    }
  }
  throw lastError;
}
