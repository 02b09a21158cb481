// realworld repro (negative): naive-retry and string-matched-error -- a shared retry helper with no Claude
// call of its own, chosen by error class, that waits the retry-after header when the server sends one
// and falls back to a fixed per-class delay table otherwise
// source: KSchyogolev/grooming-ai-tool src/lib/anthropic-retry.ts:44
// source: KSchyogolev/grooming-ai-tool src/lib/anthropic-retry.ts:15
import { APIError, RateLimitError } from '@anthropic-ai/sdk';

const LIMIT_WAITS = [10_000, 20_000, 40_000];
const SERVER_WAITS = [1_000, 3_000, 9_000];

function transient(err: unknown): err is APIError {
  if (err instanceof RateLimitError) return true; // expect-not: string-matched-error
  return err instanceof APIError && (err.status ?? 0) >= 500;
}

function pause(err: APIError, n: number): number {
  const header = err.headers?.['retry-after'];
  const secs = header ? Number(header) : NaN;
  if (secs > 0) return secs * 1000;
  const table = err instanceof RateLimitError ? LIMIT_WAITS : SERVER_WAITS;
  return table[Math.min(n, table.length - 1)];
}

export async function retrying<T>(work: () => Promise<T>, limit = 3): Promise<T> {
  for (let n = 0; ; n++) { // expect-not: naive-retry
    try {
      return await work();
    } catch (err) {
      if (!transient(err) || n >= limit) throw err;
      await new Promise((r) => setTimeout(r, pause(err, n)));
    }
  }
}
