// realworld repro (negative): retries-disabled -- a provider factory builds its client with maxRetries 0 and a
// timeout, with a comment that the caller's runner (another module) owns retries and back-off, and returns an
// object whose method sends one messages.create from the request's fields; look-alikes: model, max_tokens and
// system all come from the request, the key is an argument
// source: Artifation/blog-generator src/llm/anthropic.ts:8
// source: Artifation/blog-generator src/llm/anthropic.ts:13
import Anthropic from '@anthropic-ai/sdk';

const TIMEOUT_MS = 90_000;

export interface Ask {
  model: string;
  maxTokens: number;
  instructions: string;
  text: string;
}

export function makeClaudeBackend(apiKey: string) {
  // SDK retries are off on purpose: the job runner retries with its own back-off, so they would stack.
  const client = new Anthropic({ apiKey, timeout: TIMEOUT_MS, maxRetries: 0 }); // expect-not: retries-disabled, hardcoded-api-key

  return {
    async ask(req: Ask): Promise<string> {
      const out = await client.messages.create({ // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout
        model: req.model,
        max_tokens: req.maxTokens,
        system: req.instructions,
        messages: [{ role: 'user', content: req.text }],
      });
      const block = out.content.find((c) => c.type === 'text');
      return block && block.type === 'text' ? block.text : '';
    },
  };
}
