// realworld repro (negative): string-matched-error -- the catch around a beta create tests the error
// text for "model" and for "authentication" / "401" to re-throw it with a hint; neither is a rate limit
// source: iharshulhan/open-researcher lib/anthropic-client.ts:47
// source: iharshulhan/open-researcher lib/anthropic-client.ts:53
import Anthropic from '@anthropic-ai/sdk';

export class ResearchClient {
  private client: Anthropic | null = null;

  constructor(private key: string) {}

  private get api(): Anthropic {
    if (!this.client) this.client = new Anthropic({ apiKey: this.key });
    return this.client;
  }

  async think(prompt: string, model = 'claude-opus-4-5') {
    try {
      return await this.api.beta.messages.create({
        model,
        max_tokens: 8000,
        thinking: { type: 'enabled', budget_tokens: 4000 },
        messages: [{ role: 'user', content: prompt }],
        betas: ['interleaved-thinking-2025-05-14'],
      });
    } catch (error) {
      if (error instanceof Error) {
        if (error.message.includes('model')) { // expect-not: string-matched-error
          throw new Error(`The model ${model} may not be available to this key: ${error.message}`);
        }
        if (error.message.includes('authentication') || error.message.includes('401')) { // expect-not: string-matched-error
          throw new Error(`Check ANTHROPIC_API_KEY: ${error.message}`);
        }
      }
      throw error;
    }
  }
}
