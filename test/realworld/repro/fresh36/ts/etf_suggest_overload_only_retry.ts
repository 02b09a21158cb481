// realworld repro (module): the wrapper imported by etf_suggest_overload_only.ts -- a for loop that re-sends the
// create only on 500/503/529 statuses or an "overload" message (600 ms times the attempt) and rethrows anything
// else, so a rate limit is never retried here; the overload predicate is exported too
// source: nayaserretropicale-source/naya-trade-copilote app/api/watchlist/suggest/route.ts:33
import Anthropic from "@anthropic-ai/sdk";

function transientOverload(e: unknown): boolean {
  const status = (e as { status?: number })?.status;
  return status === 529 || status === 503 || status === 500 || /overload/i.test(String((e as Error)?.message)); // expect-not: string-matched-error
}

export async function callWithOverloadRetry(
  anthropic: Anthropic,
  params: Anthropic.MessageCreateParamsNonStreaming,
  tries = 4,
): Promise<Anthropic.Message> {
  let lastErr: unknown;
  for (let i = 0; i < tries; i++) { // expect-not: naive-retry
    try {
      return await anthropic.messages.create(params); // expect-not: missing-max-tokens
    } catch (e) {
      lastErr = e;
      if (transientOverload(e) && i < tries - 1) {
        await new Promise((r) => setTimeout(r, 600 * (i + 1)));
        continue;
      }
      throw e;
    }
  }
  throw lastErr;
}

export function looksOverloaded(e: unknown): boolean {
  const status = (e as { status?: number })?.status;
  return status === 529 || status === 503 || /overload/i.test(String((e as Error)?.message)); // expect-not: string-matched-error
}
