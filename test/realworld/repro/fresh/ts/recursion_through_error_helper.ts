// realworld repro (positive + negative): naive-retry and string-matched-error -- the catch of a request
// method hands the error to a helper method that sleeps a capped doubling delay and calls the request
// method again while the error's type is retryable (rate_limit_error among them), never reading
// retry-after; the type is read from error.error.type, not from message text
// source: FHIR-IQ/Plumly packages/summarizer/src/claude-client.ts:169
// source: FHIR-IQ/Plumly packages/summarizer/src/claude-client.ts:174
import Anthropic from '@anthropic-ai/sdk';

interface Backoff {
  tries: number;
  firstMs: number;
  capMs: number;
}

export class NoteSummariser {
  private anthropic: Anthropic;
  private backoff: Backoff = { tries: 3, firstMs: 1000, capMs: 8000 };

  constructor(apiKey: string) {
    this.anthropic = new Anthropic({ apiKey, timeout: 30000 });
  }

  async summarise(notes: string): Promise<string> {
    return this.request(notes, 1);
  }

  private async request(notes: string, attempt: number): Promise<string> {
    try {
      const reply = await this.anthropic.messages.create({
        model: 'claude-sonnet-4-5',
        max_tokens: 2000,
        system: 'Summarise clinical notes for the patient, in plain words.',
        messages: [{ role: 'user', content: notes }],
      });
      const block = reply.content[0];
      if (block.type !== 'text') throw new Error('expected text');
      return block.text;
    } catch (error) {
      return this.onFailure(error, notes, attempt);
    }
  }

  private async onFailure(error: any, notes: string, attempt: number): Promise<string> {
    if (!this.kind(error).retryable || attempt >= this.backoff.tries) throw error;
    const wait = Math.min(this.backoff.firstMs * 2 ** (attempt - 1), this.backoff.capMs);
    await new Promise((resolve) => setTimeout(resolve, wait));
    return this.request(notes, attempt + 1); // expect: naive-retry
  }

  private kind(error: any): { retryable: boolean; label: string } {
    if (error?.error?.type) {
      switch (error.error.type) { // expect-not: string-matched-error
        case 'rate_limit_error':
          return { retryable: true, label: 'rate limit' };
        case 'overloaded_error':
          return { retryable: true, label: 'busy' };
        case 'authentication_error':
          return { retryable: false, label: 'bad key' };
        default:
          return { retryable: true, label: 'unknown' };
      }
    }
    return { retryable: false, label: error?.message ?? 'unknown' };
  }
}
