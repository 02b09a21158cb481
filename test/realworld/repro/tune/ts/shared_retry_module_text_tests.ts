// realworld repro (negative): naive-retry + string-matched-error -- a shared withRetry(fn) with
// text-based rate-limit and retryable tests, in its own module and not applied to a Claude call here
// source: ApexForge13/4Margin packages/policy-engine/src/retry.ts:16
// source: ApexForge13/4Margin packages/policy-engine/src/retry.ts:48
export async function withRetry<T>(fn: () => Promise<T>, opts: { tries?: number; baseMs?: number } = {}): Promise<T> {
  const { tries = 3, baseMs = 1000 } = opts;
  for (let attempt = 0; attempt <= tries; attempt++) { // expect-not: naive-retry
    try {
      return await fn();
    } catch (err) {
      if (attempt === tries || !isRetryable(err)) throw err;
      const base = isRateLimited(err) ? Math.max(baseMs, 30000) : baseMs;
      await sleep(base * 2 ** attempt + Math.random() * 2000);
    }
  }
  throw new Error('unreachable');
}

function isRateLimited(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const msg = err.message.toLowerCase();
  return msg.includes('rate_limit') || msg.includes('429') || msg.includes('too many requests'); // expect-not: string-matched-error
}

function isRetryable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const msg = err.message.toLowerCase();
  return isRateLimited(err) || msg.includes('overloaded') || msg.includes('timeout');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
