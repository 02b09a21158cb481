// realworld repro (negative): naive-retry, string-matched-error and retries-disabled -- a shared retry
// helper (no Claude call in this module) whose fallback text test looks for "rate limit", and a client
// factory that turns the SDK's retries off because, as its comment says, that helper owns the retry
// loop for every caller
// source: eglvn77/talental lib/anthropic-retry.ts:33
// source: eglvn77/talental lib/anthropic-retry.ts:20
// source: eglvn77/talental lib/kickoff/claude.ts:26
import Anthropic from '@anthropic-ai/sdk';

export const MAX_TRIES = 4;

export function passing(e: unknown): boolean {
  if (e instanceof Anthropic.APIError) {
    const s = e.status ?? 0;
    return s === 429 || s === 529 || s >= 500;
  }
  const text = (e instanceof Error ? e.message : String(e)).toLowerCase();
  return text.includes('overloaded') || text.includes('rate limit'); // expect-not: string-matched-error
}

export async function withBackoff<T>(label: string, fn: () => Promise<T>): Promise<T> {
  let last: unknown;
  for (let attempt = 0; attempt <= MAX_TRIES; attempt++) { // expect-not: naive-retry
    try {
      return await fn();
    } catch (e) {
      last = e;
      if (!passing(e) || attempt === MAX_TRIES) break;
      await new Promise((r) => setTimeout(r, Math.min(1500 * 2 ** attempt, 15000)));
    }
  }
  throw last;
}

export function kickoffClient() {
  // maxRetries: 0 -- withBackoff owns the retry loop for every caller of this client.
  return new Anthropic({
    apiKey: process.env.ANTHROPIC_API_KEY,
    maxRetries: 0, // expect-not: retries-disabled
  });
}
