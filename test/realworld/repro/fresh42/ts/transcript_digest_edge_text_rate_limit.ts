// realworld repro (positive + negative): string-matched-error -- an edge route summarises a pasted transcript with one
// Sonnet request (raced against a 60 s timer) on a client built from the caller's key; its catch decides a rate limit
// from the message text (rate_limit or 429) to answer 429; look-alikes: a text test for authentication wording, a
// token-count request without max_tokens, a short constant system prompt, 4,096 tokens non-streaming
// source: asterixorobelix/youtubeVideoKnowledgeExtractor api/summarize.ts:195
// source: asterixorobelix/youtubeVideoKnowledgeExtractor api/summarize.ts:184
// source: asterixorobelix/youtubeVideoKnowledgeExtractor api/summarize.ts:169
// source: asterixorobelix/youtubeVideoKnowledgeExtractor api/summarize.ts:97
// source: asterixorobelix/youtubeVideoKnowledgeExtractor api/summarize.ts:72
// source: asterixorobelix/youtubeVideoKnowledgeExtractor api/summarize.ts:59
// source: asterixorobelix/youtubeVideoKnowledgeExtractor api/summarize.ts:60
import Anthropic from "@anthropic-ai/sdk";

export const config = { runtime: "edge" };

const DIGEST_PROMPT = `You read a lecture transcript and reply with JSON only:
{"headline": "...", "takeaways": ["..."], "terms": ["..."]}`;

const reply = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

export default async function digest(request: Request): Promise<Response> {
  try {
    const { transcript, key, mode } = (await request.json()) as { transcript: string; key: string; mode: string };
    const client = new Anthropic({ // expect-not: retries-disabled
      apiKey: key, // expect-not: hardcoded-api-key
    });
    const timer = new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timed out")), 60000));

    if (mode === "count") {
      const counted = await Promise.race([
        client.messages.countTokens({ // expect-not: missing-max-tokens
          model: "claude-sonnet-4-20250514",
          system: DIGEST_PROMPT,
          messages: [{ role: "user", content: transcript }],
        }),
        timer,
      ]);
      return reply(200, { tokens: counted.input_tokens });
    }

    const message = await Promise.race([
      client.messages.create({ // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout
        model: "claude-sonnet-4-20250514",
        max_tokens: 4096,
        system: DIGEST_PROMPT,
        messages: [{ role: "user", content: transcript }],
      }),
      timer,
    ]);
    const block = message.content.find((b) => b.type === "text");
    return reply(200, { digest: block && block.type === "text" ? JSON.parse(block.text) : null });
  } catch (error) { // expect-not: naive-retry
    const text = error instanceof Error ? error.message : "unknown";
    if (text.includes("authentication") || text.includes("api_key")) { // expect-not: string-matched-error
      return reply(401, { error: "The key was refused" });
    }
    if (text.includes("rate_limit") || text.includes("429")) { // expect: string-matched-error
      return reply(429, { error: "Too many requests, try later" });
    }
    return reply(500, { error: `Digest failed: ${text}` });
  }
}
