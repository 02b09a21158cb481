// realworld repro (positive + negative): naive-retry and string-matched-error -- a provider class
// re-sends by recursion after doubling waits when a predicate accepts the error; the predicate
// checks the SDK's rate-limit class (fine) and then the message text for 'rate limit' (a text
// test); retry-after is never read
// source: Erriccc/meta-policy-scanner src/llm/claude.ts:146
// source: Erriccc/meta-policy-scanner src/llm/claude.ts:93
// source: Erriccc/meta-policy-scanner src/llm/claude.ts:80
import Anthropic from '@anthropic-ai/sdk';

const pause = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

export class RuleChecker {
  private sdk: Anthropic;

  constructor(key: string) {
    this.sdk = new Anthropic({ apiKey: key });
  }

  private transient(err: unknown): boolean {
    if (err instanceof Anthropic.RateLimitError) return true; // expect-not: string-matched-error
    if (err instanceof Error) {
      const text = err.message.toLowerCase();
      return text.includes('rate limit') || text.includes('econnreset');
    }
    return false;
  }

  private async ask(question: string, tries = 0): Promise<string> {
    try {
      const reply = await this.sdk.messages.create({
        model: 'claude-sonnet-4-5',
        max_tokens: 1024,
        messages: [{ role: 'user', content: question }],
      });
      const block = reply.content.find((b) => b.type === 'text');
      return block && block.type === 'text' ? block.text : '';
    } catch (err) {
      if (this.transient(err) && tries < 4) { // expect: string-matched-error
        await pause(Math.min(1500 * 2 ** tries, 45000));
        return this.ask(question, tries + 1); // expect: naive-retry
      }
      throw err;
    }
  }

  async review(policyText: string): Promise<string> {
    return this.ask(`Does this ad copy break the policy?\n\n${policyText}`);
  }
}
