// realworld repro (negative): naive-retry -- a shared raw-fetch helper behind a small circuit breaker retries a 429
// after the Retry-After header's seconds (a capped doubling wait only when the header is missing), 5xx and 529 after
// a capped doubling wait, and a timed-out request at once; the rate-limit wait honours the server, the immediate
// re-send is for timeouts only; look-alikes: errors sorted by class and by name, model from the caller with a Sonnet
// 4.5 default, 2,048 default tokens, key from the environment
// source: Gustavo-Paris/DentAI-Pro supabase/functions/_shared/claude.ts:334
// source: Gustavo-Paris/DentAI-Pro supabase/functions/_shared/claude.ts:430
// source: Gustavo-Paris/DentAI-Pro supabase/functions/_shared/claude.ts:346
// source: Gustavo-Paris/DentAI-Pro supabase/functions/_shared/claude.ts:111
class ModelError extends Error {
  constructor(message: string, public status: number) {
    super(message);
  }
}

const breaker = { failures: 0, openUntil: 0 };

function readKey(): string {
  const key = Deno.env.get("ANTHROPIC_API_KEY"); // expect-not: hardcoded-api-key
  if (!key) throw new ModelError("key missing", 500);
  return key;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function sendRequest(request: { model: string; max_tokens: number }, maxRetries = 3, timeoutMs = 45_000) {
  const key = readKey();
  let retries = 0;
  let last: Error | null = null;
  while (retries <= maxRetries) { // expect-not: naive-retry
    if (Date.now() < breaker.openUntil) throw new ModelError("service paused, try later", 503);
    const ctrl = new AbortController();
    const timer = setTimeout(() => ctrl.abort(), timeoutMs);
    try {
      const res = await fetch("https://api.anthropic.com/v1/messages", { // expect-not: batchable-fanout, model-routing, nonstreaming-max-tokens, uncached-prompt
        method: "POST",
        headers: { "content-type": "application/json", "x-api-key": key, "anthropic-version": "2023-06-01" },
        body: JSON.stringify(request),
        signal: ctrl.signal,
      });
      clearTimeout(timer);
      if (res.status === 429) {
        breaker.failures++;
        const header = res.headers.get("Retry-After");
        const wait = header ? parseInt(header, 10) * 1000 : Math.min(1000 * 2 ** retries, 30_000);
        if (retries < maxRetries) {
          await pause(wait);
          retries++;
          continue;
        }
        throw new ModelError("too many requests", 429);
      }
      if (res.status >= 500) {
        breaker.failures++;
        if (retries < maxRetries) {
          await pause(Math.min(2000 * 2 ** retries, 16_000));
          retries++;
          continue;
        }
        throw new ModelError("server error", res.status);
      }
      if (!res.ok) throw new ModelError(`request failed ${res.status}`, res.status);
      breaker.failures = 0;
      return await res.json();
    } catch (error) { // expect-not: string-matched-error
      clearTimeout(timer);
      if (error instanceof ModelError) throw error;
      if ((error as Error).name === "AbortError" && retries < maxRetries) {
        retries++;
        continue;
      }
      last = error as Error;
      if (retries < maxRetries) {
        await pause(Math.min(1000 * 2 ** retries, 16_000));
        retries++;
        continue;
      }
    }
  }
  if (breaker.failures >= 3) breaker.openUntil = Date.now() + 30_000;
  throw last ?? new ModelError("request failed", 500);
}

export function chat(model = "claude-sonnet-4-5-20250929") {
  return sendRequest({ model, max_tokens: 2048 });
}
