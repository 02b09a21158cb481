// realworld repro (module): the wrapper imported by roof_photo_label_imported_retry_long_ratelimit_wait.ts -- a
// generic withRetry(fn, options): a 429 waits a fixed 15 s plus up to 3 s, a 5xx or 529 waits 2 s doubling plus up to
// 1 s, two retries by default, no retry-after; no Claude call here
// source: ApexForge13/4Margin apps/contractor/src/lib/ai/photos.ts:56

interface RetryOptions {
  maxRetries?: number;
  baseDelayMs?: number;
  label?: string;
}

function statusOf(err: unknown): number {
  return (err as { status?: number } | null)?.status ?? 0;
}

export async function withRetry<T>(fn: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const { maxRetries = 2, baseDelayMs = 2000, label = "call" } = options;
  for (let attempt = 0; attempt <= maxRetries; attempt++) { // expect-not: naive-retry
    try {
      return await fn();
    } catch (err) {
      const status = statusOf(err);
      const transient = status === 429 || status === 529 || status >= 500;
      if (attempt === maxRetries || !transient) {
        throw err;
      }
      const delay = status === 429 ? 15000 + Math.random() * 3000 : baseDelayMs * 2 ** attempt + Math.random() * 1000;
      console.warn(`[${label}] attempt ${attempt + 1} failed with ${status}, next try in ${Math.round(delay)}ms`);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
  throw new Error("unreachable");
}
