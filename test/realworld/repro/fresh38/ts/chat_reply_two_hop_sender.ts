// realworld repro (negative): naive-retry and the advice rules -- a chat handler builds the Messages request
// (Sonnet, max_tokens 1024, a one-line system prompt) and hands it to an imported answer function, which sends it
// once through a raw-fetch module two hops away and turns any failure into a 503; nothing retries
// source: matti909/hono-chat-app src/integrations/generate_message.ts:15
// source: matti909/hono-chat-app src/integrations/generate_message.ts:6
import { answerWithClaude } from "./chat_reply_two_hop_sender_answer";

interface StoredTurn {
  author: "user" | "assistant";
  text: string;
}

export async function replyToThread(
  turns: StoredTurn[],
  apiKey: string, // expect-not: hardcoded-api-key
): Promise<string> {
  const request = {
    model: "claude-sonnet-4-5",
    max_tokens: 1024,
    system: "You are a friendly helper who replies to the user's latest message",
    messages: turns.map((t) => ({ role: t.author, content: t.text })),
  };

  return answerWithClaude(request, apiKey); // expect-not: naive-retry, missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout, retries-disabled
}
