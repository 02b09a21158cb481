// realworld repro (module): the wrapper imported by topic_article_imported_linear_retry.ts -- withRetry(label,
// attempts, fn) re-runs the callback on any error, waiting 10 s times the attempt number, no retry-after; no Claude
// call here
// source: papamamour-spec/jubel scripts/actualite/generate.ts:50

export async function withRetry<T>(label: string, attempts: number, fn: () => Promise<T>): Promise<T> {
  let lastError: unknown;
  for (let i = 0; i < attempts; i++) { // expect-not: naive-retry
    try {
      return await fn();
    } catch (err) {
      lastError = err;
      console.error(`[${label}] attempt ${i + 1}/${attempts} failed: ${String(err)}`);
      if (i < attempts - 1) {
        await new Promise((r) => setTimeout(r, 10_000 * (i + 1)));
      }
    }
  }
  throw new Error(`[${label}] all ${attempts} attempts failed: ${String(lastError)}`);
}
