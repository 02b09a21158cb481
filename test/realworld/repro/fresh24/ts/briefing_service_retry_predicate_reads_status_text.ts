// realworld repro (positive + negative): string-matched-error -- a briefing service posts to the Messages URL with
// fetch inside a retry helper imported from the project's utils; a failed response is thrown as an app error whose
// text is 'HTTP <status>: <body>', and the shouldRetry predicate handed to the helper decides the rate limit by
// looking for '429' (and any '5') in that text, though the numeric status was at hand; look-alikes: max_tokens 8,000
// on a non-streaming raw request (below the SDK limit), the model from config, the key in the x-api-key header
// source: NeurAservice/neura-m004-research src/services/anthropic.ts:112
// source: NeurAservice/neura-m004-research src/services/anthropic.ts:90
// source: NeurAservice/neura-m004-research src/services/anthropic.ts:48
import settings from "../settings";
import { ProviderFailure } from "../errors";
import { withRetries } from "../lib/retrying";

export class BriefingService {
  private key = settings.claudeKey; // expect-not: hardcoded-api-key
  private model = settings.claudeModel;

  async ask(prompt: string, opts: { system?: string; maxTokens?: number } = {}): Promise<string> {
    const body = {
      model: this.model,
      max_tokens: opts.maxTokens ?? 4000,
      system: opts.system,
      messages: [{ role: "user", content: prompt }],
    };
    const data = await withRetries(
      async () => {
        const res = await fetch("https://api.anthropic.com/v1/messages", { // expect-not: missing-max-tokens, nonstreaming-max-tokens, batchable-fanout, model-routing
          method: "POST",
          headers: {
            "x-api-key": this.key,
            "anthropic-version": "2023-06-01",
            "content-type": "application/json",
          },
          body: JSON.stringify(body),
        });
        if (!res.ok) {
          throw new ProviderFailure("claude", `HTTP ${res.status}: ${await res.text()}`);
        }
        return (await res.json()) as { content: Array<{ text: string }> };
      },
      {
        attempts: 3,
        delayMs: 2000,
        shouldRetry: (err) => {
          if (err instanceof ProviderFailure) {
            return err.detail.includes("429") || err.detail.includes("5"); // expect: string-matched-error
          }
          return true;
        },
      },
    );
    return data.content[0]?.text ?? "";
  }

  async longBriefing(topic: string): Promise<string> {
    return this.ask(`Write a long briefing on ${topic} in Markdown.`, { maxTokens: 8000 });
  }
}
