// realworld repro (negative): naive-retry and string-matched-error look-alikes -- a shared wrapper re-runs the
// thunk it is given for 429/503/529 (by status or by 'rate_limit' / 'overloaded_error' in the message) after short
// growing waits, but the module holds no Claude call (its callers live in route modules); a second helper maps
// the same texts to a message for the UI
// source: RAhroonAI/Bowline lib/anthropic-retry.ts:11
// source: RAhroonAI/Bowline lib/anthropic-retry.ts:23
// source: RAhroonAI/Bowline lib/anthropic-retry.ts:43
export async function runWithRetries<T>(job: () => Promise<T>, extra = 2): Promise<T> {
  let lastErr: unknown;
  for (let i = 0; i <= extra; i++) { // expect-not: naive-retry
    try {
      return await job();
    } catch (err) {
      lastErr = err;
      const text = err instanceof Error ? err.message : String(err);
      const code = (err as { status?: number } | null)?.status;
      const transient =
        code === 429 ||
        code === 529 ||
        text.includes('rate_limit') || // expect-not: string-matched-error
        text.includes('overloaded_error');
      if (!transient || i === extra) throw err;
      await new Promise((r) => setTimeout(r, 300 * 3 ** i));
    }
  }
  throw lastErr;
}

export function describeFailure(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  if (text.includes('rate_limit')) return 'Too many requests right now, please retry shortly.'; // expect-not: string-matched-error
  return 'Something went wrong with the assistant.';
}
