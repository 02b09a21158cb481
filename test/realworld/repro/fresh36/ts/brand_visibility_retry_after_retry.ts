// realworld repro (module): the wrapper imported by brand_visibility_retry_after.ts -- retries 429, 5xx and
// status-less errors up to three attempts, waiting the retry-after header of the error (seconds, capped at two
// minutes) when there is one and a doubling delay with jitter otherwise; no Claude call here
// source: lsendel/llmrank_app packages/llm/src/providers/claude.ts:15

function shouldGiveUp(err: unknown): boolean {
  const status = (err as { status?: unknown } | null)?.status;
  if (typeof status !== "number") return false;
  return !(status === 429 || status >= 500);
}

function retryAfterMs(err: unknown): number | null {
  const headers = (err as { headers?: Record<string, string> } | null)?.headers;
  const value = headers?.["retry-after"] ?? headers?.["Retry-After"];
  if (!value) return null;
  const seconds = Number(value);
  return !Number.isNaN(seconds) && seconds > 0 ? Math.min(seconds * 1000, 120_000) : null;
}

export async function withRetry<T>(fn: () => Promise<T>, maxAttempts = 3, baseDelayMs = 1000): Promise<T> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) { // expect-not: naive-retry
    try {
      return await fn();
    } catch (err) {
      lastError = err;
      if (shouldGiveUp(err)) throw err;
      if (attempt < maxAttempts) {
        const backoff = baseDelayMs * 2 ** (attempt - 1);
        const jittered = Math.round(backoff * (0.75 + Math.random() * 0.5));
        await new Promise((resolve) => setTimeout(resolve, retryAfterMs(err) ?? jittered));
      }
    }
  }
  throw lastError;
}

export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms}ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
