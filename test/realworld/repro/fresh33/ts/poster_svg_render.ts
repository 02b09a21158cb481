// realworld repro (negative): naive-retry -- a poster generator sends one Sonnet create (8000 tokens, image plus a
// long instruction in the user turn) through withRetry imported from a sibling module that retries only 529
// overloads and rethrows everything else, so no rate limit is retried
// source: Avrazh/ai-ad-agent lib/ai/surpriseRender.ts:33
// source: Avrazh/ai-ad-agent lib/ai/surpriseRender.ts:35
import Anthropic from "@anthropic-ai/sdk";
import { withRetry } from "./poster_svg_render_retry";

const MODEL = "claude-sonnet-4-5";

export async function renderPoster(photoBase64: string, language: string): Promise<string> {
  const client = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });
  const response = await withRetry( // expect-not: naive-retry
    () =>
      client.messages.create({ // expect-not: nonstreaming-max-tokens, model-routing, uncached-prompt
        model: MODEL,
        max_tokens: 8000,
        messages: [
          {
            role: "user",
            content: [
              { type: "image", source: { type: "base64", media_type: "image/jpeg", data: photoBase64 } },
              { type: "text", text: `Design a 1080x1920 SVG poster around this photo. Headline in ${language}. Return only the SVG.` },
            ],
          },
        ],
      }),
    "poster",
  );
  const block = response.content[0];
  if (block.type !== "text") throw new Error("no text");
  return block.text.trim();
}
