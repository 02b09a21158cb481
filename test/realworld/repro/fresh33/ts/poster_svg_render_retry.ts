// realworld repro (module): the wrapper imported by poster_svg_render.ts -- withRetry(fn, label) re-runs the callback
// only on status 529 (2 s, 4 s, 8 s) and rethrows every other error at once, so a 429 is never retried here; no
// Claude call here
// source: Avrazh/ai-ad-agent lib/ai/surpriseRender.ts:33

export async function withRetry<T>(fn: () => Promise<T>, label: string, maxAttempts = 4): Promise<T> {
  let lastErr: unknown;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) { // expect-not: naive-retry
    try {
      return await fn();
    } catch (err) {
      if ((err as { status?: number }).status !== 529) throw err;
      lastErr = err;
      if (attempt < maxAttempts) {
        console.warn(`[${label}] overloaded, attempt ${attempt}`);
        await new Promise((r) => setTimeout(r, 2 ** attempt * 1000));
      }
    }
  }
  throw lastErr;
}
