// realworld repro (negative): naive-retry -- a visibility check sends one Sonnet request (inside a timeout race)
// through withRetry imported from a sibling module, which retries 429 and 5xx but waits the error's retry-after
// header (capped) before falling back to a jittered doubling delay
// source: lsendel/llmrank_app packages/llm/src/providers/claude.ts:15
// source: lsendel/llmrank_app packages/llm/src/providers/claude.ts:17
// source: lsendel/llmrank_app packages/llm/src/providers/claude.ts:13
import Anthropic from "@anthropic-ai/sdk";
import { withRetry, withTimeout } from "./brand_visibility_retry_after_retry";

const TIMEOUT_MS = 30_000;

export async function askAboutBrand(query: string, domain: string, apiKey: string) {
  const client = new Anthropic({ apiKey }); // expect-not: retries-disabled, hardcoded-api-key

  const reply = await withRetry(() => // expect-not: naive-retry
    withTimeout(
      client.messages.create({ // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout
        model: "claude-sonnet-4-5",
        max_tokens: 1024,
        messages: [{ role: "user", content: query }],
      }),
      TIMEOUT_MS,
    ),
  );

  const text = reply.content
    .filter((block): block is Anthropic.TextBlock => block.type === "text")
    .map((block) => block.text)
    .join("\n");
  return { mentioned: text.toLowerCase().includes(domain.toLowerCase()), text };
}
