// realworld repro (negative): naive-retry, unbounded-fanout and string-matched-error -- a helper races
// one create against a timer and re-throws its own timeout error by its text; generic retry wrappers
// (fixed wait, and exponential backoff) are exported for other modules but applied to no Claude call
// here (one only wraps the callable it is given)
// source: samrosenbaum/v0-cracker lib/llm-utils.ts:92
// source: samrosenbaum/v0-cracker lib/llm-utils.ts:37
// source: samrosenbaum/v0-cracker lib/llm-utils.ts:54
// source: Heiny002/Myndset lib/ai/claude.ts:305
import type Anthropic from '@anthropic-ai/sdk';

type Params = Parameters<Anthropic['messages']['create']>[0];

export async function createWithDeadline(api: Anthropic, params: Params, label: string, ms = 90000) {
  let handle: ReturnType<typeof setTimeout> | null = null;
  try {
    return await Promise.race([ // expect-not: unbounded-fanout
      api.messages.create(params),
      new Promise<never>((_, reject) => {
        handle = setTimeout(() => reject(new Error(`"${label}" hit its deadline after ${ms}ms`)), ms);
      }),
    ]);
  } catch (error: any) {
    if (error?.message?.includes('hit its deadline')) { // expect-not: string-matched-error
      throw error;
    }
    throw new Error(`"${label}" failed: ${error?.message ?? String(error)}`);
  } finally {
    if (handle) clearTimeout(handle);
  }
}

export async function retrying<T>(fn: () => Promise<T>, tries = 2, waitMs = 2000): Promise<T> {
  let last: Error | undefined;
  for (let attempt = 0; attempt <= tries; attempt++) { // expect-not: naive-retry
    try {
      return await fn();
    } catch (error) {
      last = error as Error;
      if (attempt < tries) await new Promise((r) => setTimeout(r, waitMs));
    }
  }
  throw last;
}

export async function retryingWithBackoff<T>(fn: () => Promise<T>, tries = 3, firstMs = 1000, capMs = 30000): Promise<T> {
  let last: Error | undefined;
  for (let attempt = 0; attempt <= tries; attempt++) { // expect-not: naive-retry
    try {
      return await fn();
    } catch (error) {
      last = error as Error;
      if (attempt < tries) await new Promise((r) => setTimeout(r, Math.min(firstMs * 2 ** attempt, capMs)));
    }
  }
  throw last;
}

export function withDeadlineAndRetry<T>(fn: () => Promise<T>, label: string) {
  return retrying(fn, 2, 2000).catch((e: Error) => {
    throw new Error(`${label}: ${e.message}`);
  });
}
