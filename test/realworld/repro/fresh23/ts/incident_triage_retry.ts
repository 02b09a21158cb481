// realworld repro (module): the wrapper imported by incident_triage_raw_fetch_imported_isok_retry.ts --
// callWithTimeout(fn, opts) bounds each attempt with a timer and tries again after 400 ms times the attempt number when
// the call throws, times out, or its result fails opts.isOk; it never looks at headers; no Claude call here
// source: SuesteCreative/shopify-invoicexpress-worker src/services/anthropic.ts:240

function withTimer<T>(p: Promise<T>, ms: number, label?: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms}ms${label ? ` (${label})` : ""}`)), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

export async function callWithTimeout<T>(
  fn: () => Promise<T>,
  opts: { attempts?: number; timeoutMs?: number; isOk?: (result: T) => boolean; label?: string } = {},
): Promise<T> {
  const attempts = opts.attempts ?? 3;
  let lastResult: T | undefined;
  let haveResult = false;
  let lastErr: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) { // expect-not: naive-retry
    try {
      const result = await withTimer(fn(), opts.timeoutMs ?? 10000, opts.label);
      if (!opts.isOk || opts.isOk(result)) return result;
      lastResult = result;
      haveResult = true;
    } catch (e) {
      lastErr = e;
    }
    if (attempt < attempts - 1) await new Promise<void>((r) => setTimeout(r, 400 * (attempt + 1)));
  }
  if (haveResult) return lastResult as T;
  throw lastErr;
}
