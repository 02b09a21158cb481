// realworld repro (negative): naive-retry and string-matched-error -- a retry helper that waits 3/6/12 s
// only when a predicate says the error is an overload (status 529, type overloaded_error, or the text
// "overloaded"); rate limits and every other error are re-thrown at once
// source: Aldorj26/sdr-agent lib/claude.ts:150
// source: Aldorj26/sdr-agent lib/claude.ts:126
import Anthropic from '@anthropic-ai/sdk';

const WAITS_MS = [3_000, 6_000, 12_000];
const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

function isBusy(error: unknown): boolean {
  if (error && typeof error === 'object') {
    const e = error as { status?: number; error?: { type?: string } };
    if (e.status === 529) return true;
    if (e.error?.type === 'overloaded_error') return true;
  }
  const text = error instanceof Error ? error.message : String(error);
  return text.toLowerCase().includes('overloaded'); // expect-not: string-matched-error
}

export async function createWhenFree(
  params: Anthropic.MessageCreateParamsNonStreaming,
): Promise<Anthropic.Message> {
  const client = new Anthropic();
  let last: unknown = null;
  for (let attempt = 0; attempt < WAITS_MS.length; attempt++) { // expect-not: naive-retry
    try {
      return await client.messages.create(params);
    } catch (error) {
      last = error;
      if (!isBusy(error)) throw error;
      if (attempt === WAITS_MS.length - 1) break;
      await pause(WAITS_MS[attempt]);
    }
  }
  throw last;
}
