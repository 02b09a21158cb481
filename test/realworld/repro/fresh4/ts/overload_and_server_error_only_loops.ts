// realworld repro (negative): naive-retry look-alikes -- one helper re-sends only when the APIError status is
// 529 or 503 (overload), another re-throws every 4xx (429 included) and re-sends only 5xx/network errors
// source: Jieunsse/adflow lib/claude-client.ts:59
// source: mansagills/learning-adventures-platform lib/anthropic/client.ts:44
// source: mansagills/learning-adventures-platform lib/anthropic/client.ts:46
import Anthropic from '@anthropic-ai/sdk';

const shared = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });

function busy(err: unknown): boolean {
  return err instanceof Anthropic.APIError && (err.status === 529 || err.status === 503);
}

export async function draftCopy(brief: string): Promise<string> {
  for (let pass = 0; pass < 2; pass++) { // expect-not: naive-retry
    try {
      const res = await shared.messages.create({
        model: 'claude-sonnet-4-6',
        max_tokens: 2048,
        messages: [{ role: 'user', content: brief }],
      });
      return res.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
    } catch (err) {
      if (busy(err) && pass === 0) {
        await new Promise((r) => setTimeout(r, 1200));
        continue;
      }
      throw err;
    }
  }
  throw new Error('copy draft unavailable');
}

export async function outlineCourse(params: Anthropic.MessageCreateParamsNonStreaming, tries = 3) {
  let last: Error | null = null;
  for (let i = 1; i <= tries; i++) { // expect-not: naive-retry
    try {
      return await shared.messages.create(params); // expect-not: missing-max-tokens
    } catch (error) {
      last = error as Error;
      if (error instanceof Anthropic.APIError && error.status && error.status >= 400 && error.status < 500) {
        throw error;
      }
      if (i < tries) {
        await new Promise((r) => setTimeout(r, 2 ** i * 1000));
      }
    }
  }
  throw new Error(`outline failed: ${last?.message}`);
}
