// realworld repro (positive + negative): naive-retry -- a helper builds a client per call and loops
// around messages.create, retrying 429/5xx/529 (and errors without a status) after 2^attempt seconds,
// retry-after never read; the params object comes typed from the caller
// source: Orlando360/briefing360 lib/claude.ts:16
// source: Orlando360/briefing360 lib/claude.ts:18
import Anthropic from '@anthropic-ai/sdk';

const AGAIN = [429, 500, 502, 503, 529];

function makeClient() {
  const apiKey = process.env.ANTHROPIC_API_KEY;
  if (!apiKey) throw new Error('ANTHROPIC_API_KEY missing');
  return new Anthropic({ apiKey });
}

export async function askClaude(params: Anthropic.MessageCreateParamsNonStreaming, tries = 3): Promise<string> {
  const client = makeClient();
  for (let attempt = 0; attempt < tries; attempt++) { // expect: naive-retry
    try {
      const res = await client.messages.create(params); // expect-not: missing-max-tokens
      const first = res.content[0];
      return first.type === 'text' ? first.text : '';
    } catch (error: unknown) {
      const status = (error as { status?: number })?.status;
      const retryable = status ? AGAIN.includes(status) : true;
      if (attempt === tries - 1 || !retryable) throw error;
      await new Promise((resolve) => setTimeout(resolve, 2 ** attempt * 1000));
    }
  }
  throw new Error('unreachable');
}
