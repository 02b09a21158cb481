// realworld repro (module): the wrapper imported by kickoff_draft_aliased_imported_retry.ts -- withAnthropicRetry(label,
// fn) re-runs the callback on APIError 429, 529 and 5xx up to five times, 2 s doubling to 20 s plus up to a quarter
// of jitter, no retry-after; no Claude call here
// source: eglvn77/talental lib/kickoff/claude.ts:167
import Anthropic from "@anthropic-ai/sdk";

const RETRIES = 5;

function transient(e: unknown): boolean {
  if (!(e instanceof Anthropic.APIError)) return false;
  const s = e.status ?? 0;
  return s === 429 || s === 529 || s >= 500;
}

export async function withAnthropicRetry<T>(label: string, fn: () => Promise<T>): Promise<T> {
  let last: unknown;
  for (let attempt = 0; attempt <= RETRIES; attempt++) { // expect-not: naive-retry
    try {
      return await fn();
    } catch (e) {
      last = e;
      if (!transient(e) || attempt === RETRIES) break;
      const wait = Math.min(2000 * 2 ** attempt, 20000);
      const jitter = Math.floor(wait * 0.25 * Math.random());
      console.warn(`[${label}] transient failure, retry ${attempt + 1}/${RETRIES} in ${wait + jitter}ms`);
      await new Promise((r) => setTimeout(r, wait + jitter));
    }
  }
  throw last;
}
