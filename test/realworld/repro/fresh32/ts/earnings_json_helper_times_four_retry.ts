// realworld repro (positive + negative): naive-retry -- a shared JSON helper for an earnings pipeline wraps its one
// create in a same-file withRetry: any error, three tries, waits 1 s then 4 s (a base times four to the attempt),
// never reading retry-after, stacked on the SDK's own retries; look-alikes: a lazily built default client, caller
// model and budget (default 4096), the caller's system prompt with optional cache_control, no loop over items
// source: Shyamal1597/market-intelligence-platform lib/intel/anthropic.ts:11
// source: Shyamal1597/market-intelligence-platform lib/intel/anthropic.ts:60
// source: Shyamal1597/market-intelligence-platform lib/intel/anthropic.ts:28
import Anthropic from "@anthropic-ai/sdk";

export const FAST_MODEL = "claude-haiku-4-5-20251001";
export const DEEP_MODEL = "claude-sonnet-4-6";

export interface Backoff {
  tries: number;
  firstMs: number;
}

export async function withRetry<T>(run: () => Promise<T>, backoff: Backoff = { tries: 3, firstMs: 1000 }): Promise<T> {
  let failure: unknown;
  for (let i = 0; i < backoff.tries; i++) { // expect: naive-retry
    try {
      return await run();
    } catch (err) {
      failure = err;
      if (i < backoff.tries - 1) {
        await new Promise((r) => setTimeout(r, backoff.firstMs * Math.pow(4, i)));
      }
    }
  }
  throw failure;
}

let shared: Anthropic | null = null;
function api(): Anthropic {
  if (shared) return shared;
  shared = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY }); // expect-not: hardcoded-api-key, retries-disabled
  return shared;
}

export interface JsonAsk {
  model: string;
  system: string;
  user: string;
  budget?: number;
  cache?: boolean;
  backoff?: Backoff;
}

export async function askJson<T>(ask: JsonAsk): Promise<T> {
  const system = ask.cache
    ? [{ type: "text" as const, text: ask.system, cache_control: { type: "ephemeral" as const } }]
    : ask.system;
  const reply = await withRetry(() => api().messages.create({ // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout
    model: ask.model,
    max_tokens: ask.budget ?? 4096,
    system,
    messages: [{ role: "user", content: ask.user }],
  }), ask.backoff);
  const block = reply.content.find((b) => b.type === "text");
  if (!block || block.type !== "text") throw new Error("no text block");
  return JSON.parse(block.text.replace(/^```(?:json)?\s*/i, "").replace(/\s*```$/, "")) as T;
}
