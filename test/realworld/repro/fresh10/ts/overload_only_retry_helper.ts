// realworld repro (negative): naive-retry and string-matched-error -- a shared helper that re-runs the
// thunk it is given only for overloads (status 529, or "529"/"overloaded" in the message) with doubling
// waits and throws every other error, rate limits included, at once
// source: linhocheng/ailive-platform src/lib/anthropic-retry.ts:31
// source: linhocheng/ailive-platform src/lib/anthropic-retry.ts:16
import Anthropic from '@anthropic-ai/sdk';

function serverBusy(err: unknown): boolean {
  if (err instanceof Anthropic.APIError) return err.status === 529;
  if (err instanceof Error) return err.message.includes('529') || err.message.toLowerCase().includes('overloaded'); // expect-not: string-matched-error
  return false;
}

export async function retryWhenBusy<T>(task: () => Promise<T>, tries = 3): Promise<T> {
  for (let n = 0; n <= tries; n++) { // expect-not: naive-retry
    try {
      return await task();
    } catch (err) {
      if (serverBusy(err) && n < tries) {
        await new Promise((r) => setTimeout(r, 800 * 2 ** n));
        continue;
      }
      throw err;
    }
  }
  throw new Error('not reached');
}
