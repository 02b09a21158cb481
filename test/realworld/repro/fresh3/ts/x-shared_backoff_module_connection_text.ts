// realworld repro (negative): naive-retry and string-matched-error -- a generic doubling-delay retry helper in a
// module with no Claude call (429 and 5xx recognised by the SDK error class's status), and a /connection error/
// text test for transport errors that carry no status
// source: Monkey-Dev-Vibes/claude-translate-suite packages/core/src/retry.ts:58
// source: Monkey-Dev-Vibes/claude-translate-suite packages/core/src/retry.ts:44
import Anthropic from '@anthropic-ai/sdk';

function transient(err: unknown): boolean {
  if (err instanceof Anthropic.APIError) {
    return err.status === 429 || (err.status !== undefined && err.status >= 500);
  }
  const e = err as { code?: string; message?: string } | null;
  if (e?.code === 'ECONNRESET' || e?.code === 'ETIMEDOUT') return true;
  return typeof e?.message === 'string' && /connection error/i.test(e.message); // expect-not: string-matched-error
}

export async function persist<T>(work: () => Promise<T>, tries = 3, baseMs = 1000): Promise<T> {
  let last: unknown;
  for (let i = 0; i < tries; i++) { // expect-not: naive-retry
    try {
      return await work();
    } catch (err) {
      last = err;
      if (!transient(err) || i === tries - 1) throw err;
      await new Promise((r) => setTimeout(r, baseMs * 2 ** i));
    }
  }
  throw last;
}
