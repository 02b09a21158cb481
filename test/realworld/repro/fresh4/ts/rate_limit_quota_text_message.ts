// realworld repro (positive + negative): string-matched-error -- a chat assistant class maps the Claude
// create's error to a user message by its text: 'rate limit' / 'quota' (positive), 'API key' and 'timeout'
// (not rate limits); a Promise.all of three literal cache reads (no Claude call) sits beside it
// source: Lipkin10/bill-splitter-ai-app lib/claude-client.ts:799
// source: Lipkin10/bill-splitter-ai-app lib/claude-client.ts:796
// source: Lipkin10/bill-splitter-ai-app lib/claude-client.ts:802
// source: Lipkin10/bill-splitter-ai-app lib/claude-client.ts:833
import Anthropic from '@anthropic-ai/sdk';

interface Store {
  get(key: string): Promise<string | null>;
}

export class SplitHelper {
  constructor(
    private claude: Anthropic,
    private store: Store,
  ) {}

  async reply(question: string, model: string): Promise<Anthropic.Message> {
    try {
      return await this.claude.messages.create({
        model,
        max_tokens: 2048,
        system: 'You help friends split a restaurant bill fairly.',
        messages: [{ role: 'user', content: question }],
      });
    } catch (error) {
      if (error instanceof Error) {
        if (error.message.includes('API key') || error.message.includes('authentication')) { // expect-not: string-matched-error
          throw new Error('The assistant key is invalid.');
        }
        if (error.message.includes('rate limit') || error.message.includes('quota')) { // expect: string-matched-error
          throw new Error('The assistant is busy, please retry shortly.');
        }
        if (error.message.includes('timeout')) { // expect-not: string-matched-error
          throw new Error('The assistant took too long.');
        }
      }
      throw error;
    }
  }

  async usageToday(day: string) {
    const counts = await Promise.all([ // expect-not: unbounded-fanout
      this.store.get(`uses:small:${day}`),
      this.store.get(`uses:medium:${day}`),
      this.store.get(`uses:large:${day}`),
    ]);
    return counts.map((c) => Number(c ?? 0));
  }
}
