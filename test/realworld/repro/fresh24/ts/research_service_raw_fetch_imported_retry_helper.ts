// realworld repro (positive): naive-retry -- a research service's raw fetch to `${baseUrl}/messages` throws a provider
// error on a non-OK status inside retry() imported from a sibling module; its shouldRetry accepts 429 and 5xx (and any
// other error), two retries, 2 s then 4 s, and the thrown error carries no retry-after
// source: NeurAservice/neura-m004-research src/services/anthropic.ts:88
import { retry } from "./research_service_retry";

class ProviderError extends Error {
  constructor(
    readonly status: number,
    detail: string,
  ) {
    super(`HTTP ${status}: ${detail}`);
  }
}

export class ClaudeService {
  private readonly baseUrl = "https://api.anthropic.com/v1";
  private readonly apiKey = process.env.ANTHROPIC_API_KEY ?? "";

  async complete(prompt: string, maxTokens = 4000): Promise<string> {
    const data = await retry( // expect: naive-retry
      async () => {
        const res = await fetch(`${this.baseUrl}/messages`, {
          method: "POST",
          headers: {
            "x-api-key": this.apiKey,
            "anthropic-version": "2023-06-01",
            "Content-Type": "application/json",
          },
          body: JSON.stringify({
            model: "claude-sonnet-4-5",
            max_tokens: maxTokens,
            messages: [{ role: "user", content: prompt }],
          }),
        });
        if (!res.ok) {
          throw new ProviderError(res.status, await res.text());
        }
        return (await res.json()) as { content: Array<{ text?: string }> };
      },
      {
        maxRetries: 2,
        baseDelay: 2000,
        shouldRetry: (error) => (error instanceof ProviderError ? error.status === 429 || error.status >= 500 : true),
      },
    );
    return data.content[0]?.text ?? "";
  }
}
