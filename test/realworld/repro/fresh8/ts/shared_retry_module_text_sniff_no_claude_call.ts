// realworld repro (negative): naive-retry and string-matched-error -- a shared retry module: it retries any
// function on 429/5xx statuses, on error types, or when the message text looks like a rate limit or an
// overload, with doubling capped waits; the module itself makes no Claude call (routes elsewhere wrap theirs)
// source: kalyshawong/baseline src/lib/anthropic-retry.ts:53
// source: kalyshawong/baseline src/lib/anthropic-retry.ts:30
interface ErrorShape {
  status?: number;
  error?: { type?: string };
  message?: string;
}

const STATUSES = new Set([429, 500, 502, 503, 529]);
const TYPES = new Set(['overloaded_error', 'api_error', 'rate_limit_error']);

function worthRetrying(err: unknown): boolean {
  const e = err as ErrorShape;
  if (e?.status && STATUSES.has(e.status)) return true;
  if (e?.error?.type && TYPES.has(e.error.type)) return true;
  const text = String(e?.message ?? '');
  return /overloaded|rate.?limit|unavailable/i.test(text); // expect-not: string-matched-error
}

export async function retrying<T>(job: () => Promise<T>, attempts = 4, firstWaitMs = 1000): Promise<T> {
  let last: unknown;
  for (let n = 1; n <= attempts; n++) { // expect-not: naive-retry
    try {
      return await job();
    } catch (err) {
      last = err;
      if (n === attempts || !worthRetrying(err)) throw err;
      const wait = Math.min(firstWaitMs * 2 ** (n - 1), 8000);
      await new Promise((r) => setTimeout(r, wait + Math.random() * 0.3 * wait));
    }
  }
  throw last;
}
