// realworld repro (module): the wrapper imported by caption_writer_fixed_backoff.ts -- a for loop that re-runs the
// callable on any error, waiting backoffMs * 2^attempt, and rethrows as the app's own error once the attempts run
// out; it never looks at retry-after; no Claude call here
// source: Niabag/Plublista apps/api/src/services/claude.service.ts:50

export async function withRetry<T>(fn: () => Promise<T>, opts: { maxRetries?: number; backoffMs?: number } = {}): Promise<T> {
  const { maxRetries = 3, backoffMs = 1000 } = opts;
  for (let attempt = 0; attempt <= maxRetries; attempt++) { // expect-not: naive-retry
    try {
      return await fn();
    } catch (err) {
      if (attempt === maxRetries) throw new Error(err instanceof Error ? err.message : "upstream call failed");
      await new Promise((resolve) => setTimeout(resolve, backoffMs * 2 ** attempt));
    }
  }
  throw new Error("unreachable");
}

export function withTimeout<T>(fn: () => Promise<T>, ms = 30_000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    fn().then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}
