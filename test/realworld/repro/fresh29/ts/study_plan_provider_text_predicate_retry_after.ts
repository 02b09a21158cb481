// realworld repro (positive + negative): string-matched-error -- a study-planner's provider class decides whether to
// retry with a predicate method that lower-cases the error message and looks for "429", "rate limit" or "too many
// requests" before the RateLimitError class test; both its create and its stream loops call that predicate; the
// delay helper reads the error's retry-after header (capped at a minute) and only falls back to doubling plus
// jitter, so the loops themselves are the header-honouring look-alike for naive-retry; model and budget from a tier
// table, system prompt from the caller, default client
// (markers moved by the lead to the two handlers that call the predicate: a site per handler, as the rule page says)
// source: eduatalk23-lgtm/eduatalk lib/domains/plan/llm/providers/anthropic.ts:169
// source: eduatalk23-lgtm/eduatalk lib/domains/plan/llm/providers/anthropic.ts:339
// source: eduatalk23-lgtm/eduatalk lib/domains/plan/llm/providers/anthropic.ts:230
// source: eduatalk23-lgtm/eduatalk lib/domains/plan/llm/providers/anthropic.ts:285
// source: eduatalk23-lgtm/eduatalk lib/domains/plan/llm/providers/anthropic.ts:236
// source: eduatalk23-lgtm/eduatalk lib/domains/plan/llm/providers/anthropic.ts:296
// source: eduatalk23-lgtm/eduatalk lib/domains/plan/llm/providers/anthropic.ts:105
import Anthropic from "@anthropic-ai/sdk";

type Tier = "quick" | "normal" | "deep";

const TIERS: Record<Tier, { model: string; budget: number }> = {
  quick: { model: "claude-haiku-4-5", budget: 4096 },
  normal: { model: "claude-sonnet-4-5", budget: 8192 },
  deep: { model: "claude-sonnet-4-5", budget: 16384 },
};

export interface PlanAsk {
  system: string;
  turns: Anthropic.MessageParam[];
  tier?: Tier;
  budget?: number;
  onChunk?: (text: string) => void;
}

export class PlannerClaude {
  private sdk: Anthropic | null = null;

  private client(): Anthropic {
    if (!this.sdk) {
      this.sdk = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY }); // expect-not: retries-disabled, hardcoded-api-key
    }
    return this.sdk;
  }

  private looksThrottled(err: unknown): boolean {
    if (!(err instanceof Error)) return false;
    const text = err.message.toLowerCase();
    if (text.includes("429")) return true;
    if (text.includes("rate limit")) return true;
    if (text.includes("too many requests")) return true;
    return err instanceof Anthropic.RateLimitError;
  }

  private delayFor(err: unknown, round: number): number {
    const fallback = Math.min(1000 * 2 ** round, 60_000);
    if (err instanceof Anthropic.RateLimitError) {
      const header = err.headers?.get?.("retry-after");
      const seconds = header ? Number.parseInt(header, 10) : Number.NaN;
      if (!Number.isNaN(seconds)) return Math.min(seconds * 1000, 60_000);
    }
    return fallback + Math.random() * 500;
  }

  async ask(req: PlanAsk): Promise<string> {
    const tier = TIERS[req.tier ?? "normal"];
    let last: Error | null = null;
    for (let round = 0; round <= 3; round++) { // expect-not: naive-retry
      try {
        const reply = await this.client().messages.create({ // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout
          model: tier.model,
          max_tokens: req.budget || tier.budget,
          system: req.system,
          messages: req.turns,
        });
        const block = reply.content.find((b) => b.type === "text");
        return block?.type === "text" ? block.text : "";
      } catch (err) {
        last = err instanceof Error ? err : new Error(String(err));
        if (this.looksThrottled(err) && round < 3) { // expect: string-matched-error
          await new Promise((done) => setTimeout(done, this.delayFor(err, round)));
          continue;
        }
        throw last;
      }
    }
    throw last ?? new Error("planner: no answer");
  }

  async askStreaming(req: PlanAsk): Promise<string> {
    const tier = TIERS[req.tier ?? "normal"];
    let last: Error | null = null;
    for (let round = 0; round <= 3; round++) { // expect-not: naive-retry
      let text = "";
      try {
        const stream = this.client().messages.stream({ // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing
          model: tier.model,
          max_tokens: req.budget || tier.budget,
          system: req.system,
          messages: req.turns,
        });
        stream.on("text", (delta) => {
          text += delta;
          req.onChunk?.(delta);
        });
        await stream.finalMessage();
        return text;
      } catch (err) {
        last = err instanceof Error ? err : new Error(String(err));
        if (this.looksThrottled(err) && round < 3) { // expect: string-matched-error
          await new Promise((done) => setTimeout(done, this.delayFor(err, round)));
          continue;
        }
        throw last;
      }
    }
    throw last ?? new Error("planner: stream gave nothing");
  }
}
