// realworld repro (positive + negative): naive-retry -- a moderation provider class calls messages.create (Claude
// 3.5 Haiku, tool use) inside an attempt loop whose count and exponential backoff come from a config object; the
// catch re-throws only validation errors and otherwise waits and re-sends, never reading retry-after, on a client
// that keeps the SDK's retries; look-alikes: the model is already Haiku, a constant ten-token health probe raced
// against a timeout returns false on any error, the client is built with only the key, and a usage comment shows
// an 'sk-ant-...' placeholder
// source: cdmackie/reddit-ai-automod src/ai/claude.ts:159
// source: cdmackie/reddit-ai-automod src/ai/claude.ts:168
// source: cdmackie/reddit-ai-automod src/ai/claude.ts:291
// source: cdmackie/reddit-ai-automod src/ai/claude.ts:301
// source: cdmackie/reddit-ai-automod src/ai/claude.ts:298
// source: cdmackie/reddit-ai-automod src/ai/claude.ts:132
// source: cdmackie/reddit-ai-automod src/ai/claude.ts:21
// Usage:
//   const mod = new ModerationProvider('sk-ant-...'); // expect-not: hardcoded-api-key
import Anthropic from '@anthropic-ai/sdk';
import { RETRY_SETTINGS } from '../config/retry.js';
import { buildReviewPrompt, type ReviewRequest } from './prompts.js';

class SchemaError extends Error {}

const VERDICT_TOOL = {
  name: 'record_verdict',
  description: 'Record the moderation verdict for one comment author',
  input_schema: {
    type: 'object' as const,
    properties: {
      action: { type: 'string', enum: ['KEEP', 'FLAG', 'REMOVE'] },
      confidence: { type: 'number', minimum: 0, maximum: 100 },
    },
    required: ['action', 'confidence'],
  },
};

export class ModerationProvider {
  readonly model = 'claude-3-5-haiku-20241022';
  private client: Anthropic;
  private retry = RETRY_SETTINGS;

  constructor(apiKey: string) {
    this.client = new Anthropic({ apiKey }); // expect-not: retries-disabled, hardcoded-api-key
  }

  async review(request: ReviewRequest): Promise<unknown> {
    const prompt = await buildReviewPrompt(request);
    let lastError: Error | null = null;
    for (let attempt = 1; attempt <= this.retry.maxAttempts; attempt++) { // expect: naive-retry
      try {
        const response = await this.client.messages.create({ // expect-not: model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt, batchable-fanout
          model: this.model,
          max_tokens: 1500,
          temperature: 0.3,
          messages: [{ role: 'user', content: prompt }],
          tools: [VERDICT_TOOL],
        });
        const call = response.content.find((b) => b.type === 'tool_use');
        if (!call || call.type !== 'tool_use') throw new SchemaError('no verdict tool call');
        return call.input;
      } catch (error) {
        lastError = error as Error;
        if (error instanceof SchemaError) throw error;
        if (attempt < this.retry.maxAttempts) {
          const delay = Math.min(this.retry.initialDelayMs * Math.pow(this.retry.multiplier, attempt - 1), this.retry.maxDelayMs);
          await new Promise((resolve) => setTimeout(resolve, delay));
        }
      }
    }
    throw new Error(`review failed after ${this.retry.maxAttempts} attempts: ${lastError?.message}`);
  }

  async ping(): Promise<boolean> {
    try {
      const limit = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('ping timeout')), 5000));
      const probe = this.client.messages.create({ // expect-not: model-routing, missing-max-tokens
        model: this.model,
        max_tokens: 10,
        messages: [{ role: 'user', content: 'Say OK' }],
      });
      await Promise.race([probe, limit]); // expect-not: unbounded-fanout
      return true;
    } catch (error) { // expect-not: naive-retry
      return false;
    }
  }
}
