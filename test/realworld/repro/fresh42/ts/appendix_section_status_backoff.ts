// realworld repro (positive + negative): naive-retry -- the shared Claude helper of an edge function (its callers
// import it from a sibling module) loops over a fixed backoff schedule (2, 4, 8 s) and sends the create again when
// the error's numeric status is 429 or an overload/gateway code, never reading retry-after, on a client that keeps
// the SDK's retries; the request object carries 16,384 tokens and a system block marked for caching, and there is no
// loop over data here (look-alikes)
// source: lennart93/atad2-advisor supabase/functions/generate-appendix/claude.ts:79
// source: lennart93/atad2-advisor supabase/functions/generate-appendix/claude.ts:95
// source: lennart93/atad2-advisor supabase/functions/generate-appendix/claude.ts:123
// source: lennart93/atad2-advisor supabase/functions/generate-appendix/claude.ts:26
import Anthropic from "@anthropic-ai/sdk";

const llm = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY ?? "" }); // expect-not: retries-disabled, hardcoded-api-key

const MODEL = "claude-sonnet-4-5";
const MAX_TOKENS = 16384;
const WAITS_MS = [2000, 4000, 8000];

export interface SectionAsk {
  shared?: string;
  question: string;
}

export async function askSection(ask: SectionAsk): Promise<string> {
  const system = ask.shared ? [{ type: "text" as const, text: ask.shared, cache_control: { type: "ephemeral" as const } }] : [];
  let lastError: unknown = null;
  for (let round = 0; round <= WAITS_MS.length; round++) { // expect: naive-retry
    try {
      const params: Anthropic.MessageCreateParamsNonStreaming = {
        model: MODEL,
        max_tokens: MAX_TOKENS,
        system,
        messages: [{ role: "user", content: ask.question }],
      };
      const reply = await llm.messages.create(params); // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout
      const text = reply.content.map((block) => (block.type === "text" ? block.text : "")).join("\n");
      if (!text) throw new Error("the reply held no text");
      return text;
    } catch (err) {
      lastError = err;
      const status = (err as { status?: number })?.status;
      const again = status === 429 || status === 529 || status === 502 || status === 503; // expect-not: string-matched-error
      const wait = WAITS_MS[round];
      if (!again || wait === undefined) break;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
  throw lastError instanceof Error ? lastError : new Error(String(lastError));
}
