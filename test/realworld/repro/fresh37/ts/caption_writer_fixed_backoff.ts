// realworld repro (positive + negative): naive-retry -- a caption service wraps its Sonnet create (inside a timeout
// race) in withRetry imported from a sibling module, which re-runs the callable on every error after a doubling
// fixed wait and never reads retry-after, on a client that keeps the SDK's retries; the wrapper's own maxRetries
// option is not an SDK setting
// source: Niabag/Plublista apps/api/src/services/claude.service.ts:50
// source: Niabag/Plublista apps/api/src/services/claude.service.ts:11
// source: Niabag/Plublista apps/api/src/services/claude.service.ts:120
import Anthropic from "@anthropic-ai/sdk";
import { withRetry, withTimeout } from "./caption_writer_fixed_backoff_retry";

let client: Anthropic | null = null;

function claude(): Anthropic {
  if (!client) client = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY }); // expect-not: retries-disabled, hardcoded-api-key
  return client;
}

export async function writeCaption(kind: string, tone: string): Promise<{ caption: string; tags: string[] }> {
  return withRetry( // expect: naive-retry
    () =>
      withTimeout(async () => {
        const reply = await claude().messages.create({ // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout
          model: "claude-sonnet-4-5",
          max_tokens: 1024,
          messages: [{ role: "user", content: `Write a ${tone} caption and three tags for a ${kind}. Reply with JSON {"caption": "", "tags": []}.` }],
        });
        const first = reply.content[0];
        try {
          return JSON.parse(first?.type === "text" ? first.text : "{}") as { caption: string; tags: string[] };
        } catch { // expect-not: string-matched-error
          throw new Error("caption reply was not JSON");
        }
      }, 10_000),
    { maxRetries: 2, backoffMs: 1000 }, // expect-not: retries-disabled
  );
}
