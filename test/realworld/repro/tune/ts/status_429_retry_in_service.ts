// realworld repro (positive): naive-retry -- a service method retries create in a for loop when
// shouldRetry says 429 or 5xx, waiting a doubling delay from its settings, never the retry-after header
// source: Sergiu1807/AISetter src/services/agent.service.ts:205
import Anthropic from '@anthropic-ai/sdk';

const SETTINGS = { model: 'claude-sonnet-4-5', max_tokens: 1024, tries: 3, firstDelayMs: 1000 };
const anthropic = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class ReplyService {
  async draft(stable: string, context: string, turns: Anthropic.MessageParam[]): Promise<string> {
    let lastError: unknown;
    for (let attempt = 0; attempt < SETTINGS.tries; attempt++) { // expect: naive-retry
      try {
        const res = await anthropic.messages.create({
          model: SETTINGS.model,
          max_tokens: SETTINGS.max_tokens,
          system: [
            { type: 'text', text: stable, cache_control: { type: 'ephemeral' } },
            { type: 'text', text: context },
          ],
          messages: turns,
        });
        const block = res.content.find((b) => b.type === 'text');
        if (block && block.type === 'text') return block.text;
        throw new Error('empty reply');
      } catch (error) {
        lastError = error;
        if (this.shouldRetry(error)) {
          await pause(SETTINGS.firstDelayMs * 2 ** attempt);
          continue;
        }
        break;
      }
    }
    console.error('giving up', lastError);
    return 'Sorry, please try again later.';
  }

  private shouldRetry(error: unknown): boolean {
    if (typeof error === 'object' && error !== null && 'status' in error) {
      const status = (error as { status: number }).status;
      return status === 429 || (status >= 500 && status < 600);
    }
    return false;
  }
}
