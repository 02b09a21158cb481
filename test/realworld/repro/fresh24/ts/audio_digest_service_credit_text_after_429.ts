// realworld repro (negative): string-matched-error -- an audio-digest service's catch first decides the rate limit by
// the numeric status (instanceof APIError and status 429), then reads the message only to tell an exhausted credit
// balance ('credit' / 'quota') from a plain rate limit, and throws an app error whose text says "rate limit" (a
// message, not a test); look-alikes: a catch that rethrows (no loop, no retry here), max_tokens from factory
// parameters defaulting to 16,000 (not a literal), imported system prompts, the model as a parameter
// source: ddteeter/unread-cast src/services/anthropic.ts:60
// source: ddteeter/unread-cast src/services/anthropic.ts:57
// source: ddteeter/unread-cast src/services/anthropic.ts:33
import Anthropic, { APIError } from "@anthropic-ai/sdk";
import { SCRIPT_PROMPT } from "./prompts.js";

export function makeDigestService(apiKey: string, maxScriptTokens = 16000) {
  const client = new Anthropic({ apiKey }); // expect-not: retries-disabled, hardcoded-api-key

  async function writeScript(article: string, heading: string, model: string): Promise<string> {
    try {
      const reply = await client.messages.create({ // expect-not: nonstreaming-max-tokens, missing-max-tokens, batchable-fanout, model-routing, uncached-prompt
        model,
        max_tokens: maxScriptTokens,
        temperature: 0.7,
        system: SCRIPT_PROMPT,
        messages: [{ role: "user", content: `Heading: ${heading}\n\n${article}` }],
      });
      const block = reply.content.find((b) => b.type === "text");
      return block?.type === "text" ? block.text : "";
    } catch (err) { // expect-not: naive-retry
      if (err instanceof APIError && err.status === 429) {
        if (err.message.includes("credit") || err.message.includes("quota")) { // expect-not: string-matched-error
          throw new Error("Claude credit balance exhausted - top up the account");
        }
        throw new Error("Claude rate limit - the queue will try again later");
      }
      throw err;
    }
  }

  return { writeScript };
}
