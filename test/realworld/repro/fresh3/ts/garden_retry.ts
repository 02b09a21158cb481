// realworld repro (module): the wrapper imported by create_helper_imported_growing_backoff.ts --
// withAnthropicRetries(run, options) retries APIError 429, 529 and 5xx, waiting 3.5 s times 1.65^attempt plus up to
// 1.2 s, capped at 90 s, with no retry-after; no Claude call here
// source: francoise2188/Fernhollow lib/anthropic.ts:18
import { APIError } from "@anthropic-ai/sdk";

function retryable(e: unknown): boolean {
  if (!(e instanceof APIError)) return false;
  const s = e.status;
  return s === 429 || s === 529 || (typeof s === "number" && s >= 500);
}

export async function withAnthropicRetries<T>(
  run: () => Promise<T>,
  options?: { maxRetries?: number; label?: string },
): Promise<T> {
  const maxRetries = options?.maxRetries ?? 5;
  const label = options?.label ?? "anthropic";
  let last: unknown;
  for (let attempt = 0; attempt <= maxRetries; attempt++) { // expect-not: naive-retry
    try {
      return await run();
    } catch (e) {
      last = e;
      if (attempt >= maxRetries || !retryable(e)) throw e;
      const waitMs = Math.min(3500 * 1.65 ** attempt + Math.floor(Math.random() * 1200), 90_000);
      console.warn(`[${label}] retry ${attempt + 1}/${maxRetries} in ${waitMs}ms`);
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }
  throw last;
}
