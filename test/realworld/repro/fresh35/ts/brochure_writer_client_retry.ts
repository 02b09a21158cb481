// realworld repro (module): the wrapper imported by brochure_writer_client.ts -- withRetry(fn) re-runs the callback
// when the error's numeric status is 429, 529 or 5xx, waiting 1 s doubling plus up to 20% jitter, capped at 30 s,
// never reading retry-after; no Claude call here (this module tests statuses only)
// source: Ambivrt/FIA src/llm/claude.ts:22

const RETRY_ON = [429, 500, 502, 503, 504, 529];

function shouldRetry(error: unknown): boolean {
  const status = (error as { status?: unknown })?.status;
  return typeof status === "number" && RETRY_ON.includes(status);
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function withRetry<T>(fn: () => Promise<T>, retries = 3): Promise<T> {
  let last: unknown;
  for (let attempt = 0; attempt <= retries; attempt++) { // expect-not: naive-retry
    try {
      return await fn();
    } catch (error) {
      last = error;
      if (attempt === retries || !shouldRetry(error)) throw error;
      const base = 1000 * 2 ** attempt;
      await pause(Math.min(base + base * 0.2 * Math.random(), 30_000));
    }
  }
  throw last;
}
