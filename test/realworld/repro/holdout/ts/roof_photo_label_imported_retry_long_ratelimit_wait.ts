// realworld repro (positive): naive-retry -- a photo helper hands one vision create to withRetry imported from a
// sibling module; the wrapper retries rate limits after a fixed 15-18 s and other transient errors on a doubling
// 2 s base, two retries, and never reads retry-after
// source: ApexForge13/4Margin apps/contractor/src/lib/ai/photos.ts:56
import Anthropic from "@anthropic-ai/sdk";
import { withRetry } from "./roof_photos_retry";

const client = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });

export async function describeRoofPhoto(base64: string, isPng: boolean): Promise<string> {
  const mediaType = isPng ? "image/png" : "image/jpeg";

  const response = await withRetry( // expect: naive-retry
    () =>
      client.messages.create({
        model: "claude-sonnet-4-5",
        max_tokens: 1024,
        messages: [
          {
            role: "user",
            content: [
              { type: "image", source: { type: "base64", media_type: mediaType, data: base64 } },
              { type: "text", text: "Describe the roof damage visible in this photo in two sentences." },
            ],
          },
        ],
      }),
    { label: "roof photo" },
  );

  const block = response.content.find((b) => b.type === "text");
  return block && block.type === "text" ? block.text : "";
}
