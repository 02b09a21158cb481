// realworld repro (positive + negative): naive-retry -- an edge-function helper loops over a chain of models and, per
// model, over two attempts around a raw fetch to the Messages endpoint; a 429 (or a 5xx) becomes a retryable app
// error and the request is sent again after a short exponential wait, then on the next model; retry-after is never
// read (raw fetch, no SDK retries); the status is compared as a number, the request object comes from the caller
// source: PoYuTsai/VibeSync supabase/functions/analyze-chat/fallback.ts:55
// source: PoYuTsai/VibeSync supabase/functions/analyze-chat/fallback.ts:77
// source: PoYuTsai/VibeSync supabase/functions/analyze-chat/fallback.ts:60
// source: PoYuTsai/VibeSync supabase/functions/analyze-chat/fallback.ts:64
interface MoodRequest {
  model: string;
  max_tokens: number;
  system: string;
  messages: Array<{ role: string; content: string }>;
}

const NEXT_MODEL: Record<string, string | null> = {
  "claude-sonnet-4-20250514": "claude-3-5-haiku-20241022",
  "claude-3-5-haiku-20241022": null,
};

class ServiceBusy extends Error {
  constructor(
    message: string,
    readonly again: boolean,
  ) {
    super(message);
  }
}

export async function askWithChain(request: MoodRequest, key: string, tries = 2): Promise<unknown> {
  let model: string | null = request.model;
  while (model) {
    for (let attempt = 1; attempt <= tries; attempt++) { // expect: naive-retry
      try {
        const res = await fetch("https://api.anthropic.com/v1/messages", { // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout, retries-disabled
          method: "POST",
          headers: {
            "content-type": "application/json",
            "x-api-key": key, // expect-not: hardcoded-api-key
            "anthropic-version": "2023-06-01",
          },
          body: JSON.stringify({ ...request, model }),
        });
        if (!res.ok) {
          if (res.status === 429) throw new ServiceBusy("busy", true); // expect-not: string-matched-error
          if (res.status >= 500) throw new ServiceBusy("server trouble", true);
          throw new ServiceBusy(`request refused: ${res.status}`, false);
        }
        return await res.json();
      } catch (err) {
        if (err instanceof ServiceBusy && !err.again) throw err;
        if (attempt === tries) {
          model = NEXT_MODEL[model] ?? null;
          if (!model) throw new ServiceBusy("every model failed", false);
          break;
        }
        await new Promise((done) => setTimeout(done, Math.min(1000 * 2 ** (attempt - 1), 5000)));
      }
    }
  }
  throw new ServiceBusy("unreachable", false);
}
