// realworld repro (module): the Claude provider loaded by flaky_hints_lazy_provider.ts through a dynamic import --
// a client per call with the SDK's default retries, one non-streaming Opus 5 request at 16,000 tokens, a refusal
// turned into an error, and SDK errors mapped to readable messages by class (instanceof), nothing re-sent
// source: JustasMonkev/flaky-test-scorer src/ai/index.ts:40
import Anthropic from "@anthropic-ai/sdk";

export const HINT_MODEL = "claude-opus-5";

export async function hintsFromClaude(apiKey: string, prompt: string): Promise<string> {
  const client = new Anthropic({ apiKey }); // expect-not: retries-disabled, hardcoded-api-key
  try {
    const reply = await client.messages.create({ // expect-not: nonstreaming-max-tokens, model-routing, missing-max-tokens, uncached-prompt, naive-retry
      model: HINT_MODEL,
      max_tokens: 16000,
      messages: [{ role: "user", content: prompt }],
    });
    if (reply.stop_reason === "refusal") throw new Error("the model declined this evidence");
    return reply.content.map((b) => (b.type === "text" ? b.text : "")).join("").trim();
  } catch (err) {
    if (err instanceof Anthropic.RateLimitError) throw new Error("Claude is rate limiting this key; try later"); // expect-not: string-matched-error
    if (err instanceof Anthropic.AuthenticationError) throw new Error("Claude rejected the key");
    throw err;
  }
}
