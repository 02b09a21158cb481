// realworld repro (positive): naive-retry -- a shared writer helper builds one create (cached system block, params
// object, per-call abort timer) and runs it through withRetry imported from a sibling module, which retries 429, 529
// and 5xx statuses with a doubling wait plus jitter, capped, never reading retry-after; the lazily built client keeps
// the SDK's default retries, so the layers stack
// source: Ambivrt/FIA src/llm/claude.ts:22
// source: Ambivrt/FIA src/llm/claude.ts:64
import Anthropic from "@anthropic-ai/sdk";
import { withRetry } from "./brochure_writer_client_retry";

let shared: Anthropic | null = null;

function client(): Anthropic {
  if (!shared) shared = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY }); // expect-not: retries-disabled, hardcoded-api-key
  return shared;
}

export interface WriteRequest {
  model: string;
  system?: string;
  prompt: string;
  maxTokens?: number;
}

export async function writeCopy(req: WriteRequest): Promise<string> {
  return withRetry(async () => { // expect: naive-retry
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), 90_000);
    try {
      const params: Anthropic.MessageCreateParamsNonStreaming = {
        model: req.model,
        max_tokens: req.maxTokens ?? 2048,
        system: req.system ? [{ type: "text", text: req.system, cache_control: { type: "ephemeral" } }] : [],
        messages: [{ role: "user", content: req.prompt }],
      };
      const reply = await client().messages.create(params, { signal: abort.signal }); // expect-not: uncached-prompt, model-routing, nonstreaming-max-tokens, missing-max-tokens
      return reply.content
        .filter((b): b is Anthropic.TextBlock => b.type === "text")
        .map((b) => b.text)
        .join("");
    } finally {
      clearTimeout(timer);
    }
  });
}
