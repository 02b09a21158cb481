// realworld repro (negative): string-matched-error -- an error handler switches on the status of an
// Anthropic.APIError (401, 429, 500) and throws friendlier errors; "rate limit" appears only in the text
// of the error it throws
// source: NicoLafakis/HubAuditor9001 src/lib/claude-client.ts:148
// source: NicoLafakis/HubAuditor9001 src/lib/claude-client.ts:152
import Anthropic from '@anthropic-ai/sdk';

export class AuditWriter {
  private client: Anthropic;

  constructor(apiKey: string) {
    this.client = new Anthropic({ apiKey });
  }

  async review(metrics: Record<string, number>): Promise<string> {
    try {
      const reply = await this.client.messages.create({
        model: 'claude-sonnet-4-5',
        max_tokens: 3000,
        messages: [{ role: 'user', content: `Review these CRM health metrics:\n${JSON.stringify(metrics)}` }],
      });
      const block = reply.content.find((b) => b.type === 'text');
      if (!block || block.type !== 'text') throw new Error('no text');
      return block.text;
    } catch (error) {
      this.explain(error);
      throw error;
    }
  }

  private explain(error: unknown): void {
    if (error instanceof Anthropic.APIError) {
      switch (error.status) { // expect-not: string-matched-error
        case 401:
          throw new Error('The Claude key was refused.');
        case 429:
          throw new Error('Claude rate limit exceeded, please retry later.'); // expect-not: string-matched-error
        case 500:
          throw new Error('Claude had a server error.');
        default:
          throw new Error(error.message || 'Claude error');
      }
    }
    throw new Error('Unexpected error while writing the review.');
  }
}
