// realworld repro (module): the one-function Claude helper imported by rival_scan_pipeline.ts -- a default client per
// call (SDK retries kept, key from the environment), one non-streaming Sonnet create at 4096 tokens with an optional
// system prompt; no loop and no retry here
// source: richlira/competitor-intel lib/pipeline.ts:38
import Anthropic from "@anthropic-ai/sdk";

export async function askModel(prompt: string, system?: string): Promise<string> {
  const claude = new Anthropic(); // expect-not: retries-disabled, hardcoded-api-key
  const reply = await claude.messages.create({ // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout
    model: "claude-sonnet-4-20250514",
    max_tokens: 4096,
    ...(system ? { system } : {}),
    messages: [{ role: "user", content: prompt }],
  });
  const first = reply.content[0];
  return first.type === "text" ? first.text : "";
}
