// realworld repro (negative): naive-retry and string-matched-error look-alikes -- two shared retry modules with
// no Claude call in them: one doubles its wait on 429/5xx by status (callers elsewhere hand it the create; a
// usage example in a comment shows one), the other waits the retry-after header when the error carries it
// source: vivercan/aria27 src/lib/claude-retry.ts:36
// source: vivercan/aria27 src/lib/claude-retry.ts:8
// source: vivercan/aria27 src/lib/claude-retry.ts:43
// source: FalloutEden/Restrepo- lib/claude-retry.ts:44
// source: FalloutEden/Restrepo- lib/claude-retry.ts:21

/**
 * Example:
 *   const reply = await retrying(() => claude.messages.create({ ... })); // expect-not: missing-max-tokens
 */
export async function retrying<T>(job: () => Promise<T>, tries = 3, firstMs = 500): Promise<T> {
  let last: unknown;
  for (let n = 1; n <= tries; n++) { // expect-not: naive-retry
    try {
      return await job();
    } catch (err) {
      last = err;
      const code = (err as { status?: number })?.status;
      const again = !code || code >= 500 || code === 429; // expect-not: string-matched-error
      if (!again || n === tries) throw err;
      await new Promise((r) => setTimeout(r, firstMs * 2 ** (n - 1)));
    }
  }
  throw last;
}

function waitHint(err: unknown): number | undefined {
  const raw = (err as { headers?: Record<string, string> })?.headers?.['retry-after'];
  if (!raw) return undefined;
  const secs = Number(raw);
  return Number.isFinite(secs) ? secs * 1000 : undefined;
}

export async function politely<T>(job: () => Promise<T>, max = 4): Promise<T> {
  let n = 0;
  while (true) { // expect-not: naive-retry
    n += 1;
    try {
      return await job();
    } catch (err) {
      const code = (err as { status?: number })?.status;
      if (!(code === 429 || code === 529) || n > max) throw err; // expect-not: string-matched-error
      await new Promise((r) => setTimeout(r, waitHint(err) ?? 1500 * 2 ** (n - 1)));
    }
  }
}
