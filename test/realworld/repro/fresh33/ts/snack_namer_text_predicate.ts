// realworld repro (positive): naive-retry and string-matched-error -- a web route names a snack plate with one
// create on a per-call client (SDK retries left on), run through withRetry imported from a sibling module (doubling
// wait with jitter, capped, no retry-after); the predicate written in place in the options decides the retry by
// testing the lower-cased message for "rate limit"
// source: TheHeaviestFeather/CharcuterME src/app/api/name/route.ts:385
// source: TheHeaviestFeather/CharcuterME src/app/api/name/route.ts:412
// source: TheHeaviestFeather/CharcuterME src/app/api/name/route.ts:388
import Anthropic from "@anthropic-ai/sdk";
import { withRetry } from "./snack_namer_text_predicate_retry";

const NAMER_SYSTEM = `You give playful two-to-four word names to improvised snack plates.
Reply with JSON: {"name": "...", "quip": "..."}. No emojis.`;

function makeClient(): Anthropic {
  return new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });
}

export async function POST(request: Request): Promise<Response> {
  const { items } = (await request.json()) as { items: string };
  try {
    const text = await withRetry( // expect: naive-retry
      async () => {
        const client = makeClient();
        const reply = await client.messages.create({ // expect-not: model-routing, uncached-prompt, nonstreaming-max-tokens
          model: "claude-sonnet-4-5",
          max_tokens: 300,
          system: NAMER_SYSTEM,
          messages: [{ role: "user", content: `Name this plate: ${items}` }],
        });
        const block = reply.content[0];
        if (block.type !== "text") throw new Error("no text block");
        return block.text;
      },
      {
        maxRetries: 2,
        shouldRetry: (error) => {
          const m = error.message.toLowerCase();
          return m.includes("rate limit") || m.includes("timeout"); // expect: string-matched-error
        },
      },
    );
    return Response.json(JSON.parse(text));
  } catch {
    return Response.json({ name: "Fridge Roulette", quip: "It counts." });
  }
}
