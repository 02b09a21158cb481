// realworld repro (negative): string-matched-error -- a service picks a user-facing hint from the error
// text ("API key", "quota"/"usage", "404"); none of them is rate-limit wording and none decides a retry
// source: tak-bro/aicommit2 src/services/ai/anthropic.service.ts:43
// source: tak-bro/aicommit2 src/services/ai/anthropic.service.ts:46
import Anthropic from '@anthropic-ai/sdk';

export class CommitWriter {
  private anthropic: Anthropic;

  constructor(private key: string, private model: string) {
    this.anthropic = new Anthropic({ apiKey: key });
  }

  hintFor(error: Error): string | null {
    const text = error.message || '';
    if (text.includes('API key') || text.includes('api_key')) { // expect-not: string-matched-error
      return 'Check the Anthropic key in your settings';
    }
    if (text.includes('quota') || text.includes('usage')) { // expect-not: string-matched-error
      return 'Your Anthropic usage limits may be used up';
    }
    if (text.includes('404') || text.includes('Not Found')) {
      return 'Check the model name';
    }
    return null;
  }

  async write(diff: string): Promise<string> {
    try {
      const reply = await this.anthropic.messages.create({
        model: this.model,
        max_tokens: 500,
        system: 'Write a conventional commit message for the diff.',
        messages: [{ role: 'user', content: diff }],
      });
      return reply.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
    } catch (error) {
      const hint = error instanceof Error ? this.hintFor(error) : null;
      if (hint) console.error(hint);
      throw error;
    }
  }
}
