// realworld repro (positive + negative): naive-retry -- an open-ended for loop retries a streamed request
// when a status helper says 408/409/429/529/5xx, after 500 ms * attempt, on a client that keeps the SDK's
// own retries; retry-after is never read. The stream asks for 32768 tokens (streamed, so not the
// non-streaming guard)
// source: 2anki/2anki.net src/lib/claude/ClaudeService.ts:923
// source: 2anki/2anki.net src/lib/claude/ClaudeService.ts:898
import Anthropic from '@anthropic-ai/sdk';

const MAX_ATTEMPTS = 2;
const client = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });

function worthAnotherTry(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const status = (error as { status?: unknown }).status;
  if (typeof status !== 'number') return false;
  return status === 408 || status === 409 || status === 429 || status === 529 || status >= 500;
}

export async function convert(text: string) {
  const once = async () => {
    const stream = client.messages.stream({ // expect-not: nonstreaming-max-tokens
      model: 'claude-sonnet-5',
      max_tokens: 32768,
      messages: [{ role: 'user', content: text }],
    });
    return stream.finalMessage();
  };
  for (let attempt = 1; ; attempt++) { // expect: naive-retry
    try {
      return await once();
    } catch (err) {
      if (!(attempt < MAX_ATTEMPTS && worthAnotherTry(err))) throw err;
      await new Promise((r) => setTimeout(r, 500 * attempt));
    }
  }
}
