// realworld repro (positive): naive-retry -- a shared Claude module's create helper hands messages.create to
// withAnthropicRetries imported from a sibling module; the wrapper retries 429, 529 and 5xx up to five times with a
// 3.5 s wait grown by 1.65x per attempt plus jitter (capped at 90 s) and never reads retry-after
// source: francoise2188/Fernhollow lib/anthropic.ts:18
import Anthropic from "@anthropic-ai/sdk";
import type { Message, MessageCreateParamsNonStreaming } from "@anthropic-ai/sdk/resources/messages/messages";
import { withAnthropicRetries } from "./garden_retry";

const client = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });

export async function createWithRetry(
  label: string,
  params: MessageCreateParamsNonStreaming,
  maxRetries = 5,
): Promise<Message> {
  return withAnthropicRetries(() => client.messages.create(params), { label, maxRetries }); // expect: naive-retry
}

export async function plantNote(plant: string): Promise<string> {
  const reply = await createWithRetry("plant-note", {
    model: "claude-sonnet-4-5",
    max_tokens: 800,
    messages: [{ role: "user", content: `Write a short care note for ${plant}.` }],
  });
  const block = reply.content[0];
  return block.type === "text" ? block.text : "";
}
