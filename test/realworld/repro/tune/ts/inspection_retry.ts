// realworld repro (module): the wrapper imported by inspection_classify_route_imported_retry.ts -- withRetry(fn,
// options) re-runs the callback on 429 (fixed 15 s plus jitter) and on 5xx/529 (2 s doubling plus jitter), two
// retries, never reading retry-after; no Claude call here
// source: ApexForge13/4Margin apps/contractor/src/app/api/inspections/[id]/classify/route.ts:48

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function withRetry<T>(
  fn: () => Promise<T>,
  options: { maxRetries?: number; baseDelayMs?: number; label?: string } = {},
): Promise<T> {
  const maxRetries = options.maxRetries ?? 2;
  const base = options.baseDelayMs ?? 2000;
  let attempt = 0;
  while (true) { // expect-not: naive-retry
    try {
      return await fn();
    } catch (err) {
      const status = (err as { status?: number }).status ?? 0;
      const rateLimited = status === 429;
      if (attempt >= maxRetries || !(rateLimited || status >= 500)) {
        throw err;
      }
      await pause(rateLimited ? 15000 + Math.random() * 3000 : base * 2 ** attempt + Math.random() * 1000);
      attempt++;
    }
  }
}
