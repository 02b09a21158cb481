// realworld repro (positive + negative): naive-retry -- a service class builds page markup with one Sonnet create in
// a for loop that retries when a same-file predicate finds status 429, 500 or 529 or the error body's type
// rate_limit_error / overloaded_error, waiting a doubling 1 s (fixed steps for overloads) and never reading
// retry-after, on a lazily built client with only a timeout (SDK retries kept); the predicate compares the
// structured type field, not the message, and the non-streaming 8,000-token call is under the bound
// source: lightbulbmomentlabs/super-schema server/src/services/anthropic.ts:239
// source: lightbulbmomentlabs/super-schema server/src/services/anthropic.ts:250
// source: lightbulbmomentlabs/super-schema server/src/services/anthropic.ts:127
// source: lightbulbmomentlabs/super-schema server/src/services/anthropic.ts:64
// source: lightbulbmomentlabs/super-schema server/src/services/anthropic.ts:52
import Anthropic from "@anthropic-ai/sdk";

type ApiFailure = { status?: number; error?: { type?: string; message?: string }; message?: string };

class MarkupService {
  private client: Anthropic | null = null;
  private readonly attempts = 3;
  private readonly overloadWaits = [1500, 4000];

  private getClient(): Anthropic {
    if (!this.client) {
      const apiKey = process.env.ANTHROPIC_API_KEY; // expect-not: hardcoded-api-key
      this.client = new Anthropic({ apiKey, timeout: 90_000 }); // expect-not: retries-disabled
    }
    return this.client;
  }

  private isTransient(err: ApiFailure): boolean {
    if (err.status === 429 || err.status === 500 || err.status === 529) return true;
    const kind = err.error?.type;
    return kind === "rate_limit_error" || kind === "overloaded_error" || kind === "api_error"; // expect-not: string-matched-error
  }

  private isOverload(err: ApiFailure): boolean {
    return err.status === 529 || err.error?.type === "overloaded_error";
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }

  private systemFor(kinds: string[]): string {
    const base = "You turn page facts into schema.org JSON-LD. Use only the facts given; leave out what is missing.";
    return kinds.length > 0 ? `${base}\nProduce only these types: ${kinds.join(", ")}.` : `${base}\nPick the types that fit the page.`;
  }

  async buildMarkup(pageText: string, kinds: string[] = []): Promise<unknown[]> {
    const client = this.getClient();
    const system = this.systemFor(kinds);
    let lastError: ApiFailure | null = null;
    for (let attempt = 1; attempt <= this.attempts; attempt++) { // expect: naive-retry
      try {
        const reply = await client.messages.create({ // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout
          model: process.env.MARKUP_MODEL || "claude-sonnet-4-20250514",
          max_tokens: 8000,
          system,
          messages: [{ role: "user", content: `Page facts:\n${pageText.slice(0, 60000)}` }],
        });
        const block = reply.content[0];
        if (block.type !== "text") throw new Error("no text in reply");
        const parsed = JSON.parse(block.text) as { items?: unknown[] };
        return parsed.items ?? [];
      } catch (err) {
        lastError = err as ApiFailure;
        if (!this.isTransient(lastError) || attempt === this.attempts) {
          throw new Error(`markup failed: ${lastError.error?.message ?? lastError.message ?? "unknown"}`);
        }
        const delay = this.isOverload(lastError) ? this.overloadWaits[attempt - 1] ?? 10_000 : 1000 * 2 ** (attempt - 1);
        await this.wait(delay);
      }
    }
    throw new Error("markup failed");
  }
}

export const markupService = new MarkupService();
