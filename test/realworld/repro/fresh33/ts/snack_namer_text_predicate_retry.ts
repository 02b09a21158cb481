// realworld repro (module): the wrapper imported by snack_namer_text_predicate.ts -- withRetry(fn, options) re-runs
// the callback while the caller's predicate says so (default: rate-limit, timeout and 5xx words in the message),
// waiting 1 s doubling plus up to 1 s of jitter, capped at 10 s, and never reads retry-after; no Claude call here
// source: TheHeaviestFeather/CharcuterME src/app/api/name/route.ts:385

export interface RetrySettings {
  maxRetries?: number;
  shouldRetry?: (error: Error) => boolean;
}

function looksTransient(error: Error): boolean {
  const text = error.message.toLowerCase();
  return text.includes("rate limit") || text.includes("timeout") || text.includes("503"); // expect-not: string-matched-error
}

export async function withRetry<T>(fn: () => Promise<T>, settings: RetrySettings = {}): Promise<T> {
  const maxRetries = settings.maxRetries ?? 3;
  const shouldRetry = settings.shouldRetry ?? looksTransient;
  let lastError = new Error("no attempt made");
  for (let attempt = 0; attempt <= maxRetries; attempt++) { // expect-not: naive-retry
    try {
      return await fn();
    } catch (err) {
      lastError = err as Error;
      if (attempt === maxRetries || !shouldRetry(lastError)) throw lastError;
      const wait = Math.min(1000 * 2 ** attempt + Math.random() * 1000, 10_000);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
  throw lastError;
}
