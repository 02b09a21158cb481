// realworld repro (negative): a provider module sends one raw fetch to the Messages endpoint per call; on a 429 it
// reads the retry-after header (5 s when absent) and throws the app's retryable error carrying that delay for the
// caller's loop to wait; no loop here, status tested rather than text, key and model from configuration
// source: Afauria/bookmark-prune src/ai/anthropic.ts:11
// source: Afauria/bookmark-prune src/ai/anthropic.ts:25
// source: Afauria/bookmark-prune src/ai/anthropic.ts:15
export interface LinkProvider {
  name: string;
  send(prompt: string, maxTokens?: number): Promise<string>;
}

export interface ProviderSettings {
  key: string;
  model: string;
  endpoint?: string;
  maxTokens?: number;
}

export class WaitAndRetryError extends Error {
  constructor(
    message: string,
    readonly waitMs: number,
  ) {
    super(message);
    this.name = "WaitAndRetryError";
  }
}

export function claudeProvider(settings: ProviderSettings): LinkProvider {
  const base = settings.endpoint ?? "https://api.anthropic.com";
  return {
    name: "claude",
    async send(prompt: string, maxTokens?: number): Promise<string> {
      const res = await fetch(`${base}/v1/messages`, { // expect-not: naive-retry, unbounded-fanout, batchable-fanout, missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, retries-disabled
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-api-key": settings.key, // expect-not: hardcoded-api-key
          "anthropic-version": "2023-06-01",
        },
        body: JSON.stringify({
          model: settings.model,
          max_tokens: maxTokens ?? settings.maxTokens ?? 4096,
          messages: [{ role: "user", content: prompt }],
        }),
      });
      if (res.status === 429) { // expect-not: string-matched-error
        const header = res.headers.get("retry-after");
        const waitMs = header ? parseInt(header, 10) * 1000 : 5000;
        throw new WaitAndRetryError(`rate limited, wait ${waitMs} ms`, waitMs);
      }
      if (!res.ok) throw new Error(`Claude error ${res.status}: ${await res.text()}`);
      const data = (await res.json()) as { content: { type: string; text: string }[] };
      return data.content[0]?.text ?? "";
    },
  };
}
