// realworld repro (positive): naive-retry -- an API route classifies one uploaded inspection photo with a create
// handed to withRetry imported from a sibling module (429 after a fixed 15-18 s, other transient errors on a
// doubling 2 s base, never retry-after)
// source: ApexForge13/4Margin apps/contractor/src/app/api/inspections/[id]/classify/route.ts:48
import Anthropic from "@anthropic-ai/sdk";
import { withRetry } from "./inspection_retry";

const client = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });

export async function POST(request: Request): Promise<Response> {
  const { image, mediaType } = (await request.json()) as { image: string; mediaType: "image/jpeg" | "image/png" };

  const response = await withRetry( // expect: naive-retry
    () =>
      client.messages.create({
        model: "claude-sonnet-4-5",
        max_tokens: 1024,
        messages: [
          {
            role: "user",
            content: [
              { type: "image", source: { type: "base64", media_type: mediaType, data: image } },
              { type: "text", text: "Say which inspection category this photo belongs to and why, in a short paragraph." },
            ],
          },
        ],
      }),
    { label: "inspection classify" },
  );

  const text = response.content.map((b) => (b.type === "text" ? b.text : "")).join("");
  return Response.json({ category: text.trim() });
}
