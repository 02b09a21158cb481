// realworld repro (module): the wrapper imported by research_service_raw_fetch_imported_retry_helper.ts -- retry(fn,
// options) re-runs the callback while options.shouldRetry accepts the error (every error by default), waiting
// baseDelay doubled per attempt up to maxDelay, no retry-after; no Claude call here
// source: NeurAservice/neura-m004-research src/services/anthropic.ts:88

export async function retry<T>(
  fn: () => Promise<T>,
  options: {
    maxRetries?: number;
    baseDelay?: number;
    maxDelay?: number;
    shouldRetry?: (error: unknown) => boolean;
  } = {},
): Promise<T> {
  const { maxRetries = 3, baseDelay = 1000, maxDelay = 30000, shouldRetry = () => true } = options;
  let lastError: unknown;
  for (let attempt = 0; attempt <= maxRetries; attempt++) { // expect-not: naive-retry
    try {
      return await fn();
    } catch (error) {
      lastError = error;
      if (attempt === maxRetries || !shouldRetry(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(baseDelay * 2 ** attempt, maxDelay)));
    }
  }
  throw lastError;
}
