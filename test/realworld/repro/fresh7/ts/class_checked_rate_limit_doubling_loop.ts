// realworld repro (positive + negative): naive-retry and string-matched-error -- a generation helper
// retries its create on RateLimitError after doubling waits and on any other error (auth excepted)
// after a growing pause; the rate-limit test is class-based, and retry-after is never read
// source: BenTyson/goodgame src/lib/ai/claude.ts:78
// source: BenTyson/goodgame src/lib/ai/claude.ts:119
import Anthropic from '@anthropic-ai/sdk';

const claude = new Anthropic();

const pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function draftBlurb(system: string, ask: string, tries = 3): Promise<string> {
  let last: unknown = null;
  for (let n = 0; n < tries; n++) { // expect: naive-retry
    try {
      const res = await claude.messages.create({
        model: 'claude-haiku-4-5',
        max_tokens: 2048,
        system,
        messages: [{ role: 'user', content: ask }],
      });
      const block = res.content[0];
      if (block.type !== 'text') throw new Error('no text block');
      return block.text;
    } catch (err) {
      last = err;
      if (err instanceof Anthropic.AuthenticationError) throw err;
      if (err instanceof Anthropic.RateLimitError) { // expect-not: string-matched-error
        await pause(2 ** n * 1000);
        continue;
      }
      if (n < tries - 1) await pause(800 * (n + 1));
    }
  }
  throw last ?? new Error('draft failed');
}
