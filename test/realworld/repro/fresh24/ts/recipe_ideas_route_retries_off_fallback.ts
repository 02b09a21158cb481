// realworld repro (positive + negative): retries-disabled -- a Next.js route builds its module-level client with
// maxRetries 0 and sends one forced-tool request per click with a short per-request timeout; nothing retries it and
// the catch answers every failure, a 429 or 529 included, with canned ideas; look-alikes: a text test for the
// billing message on a 400, 2,000 tokens non-streaming, Sonnet writing full recipes, a small constant tool
// source: Dave-56/sunday app/api/suggest/route.ts:7
// source: Dave-56/sunday app/api/suggest/route.ts:125
// source: Dave-56/sunday app/api/suggest/route.ts:180
// source: Dave-56/sunday app/api/suggest/route.ts:199
import Anthropic from "@anthropic-ai/sdk";
import { NextRequest, NextResponse } from "next/server";
import { cannedIdeas, tidyIdeas } from "@/lib/ideas";

const claude = new Anthropic({ maxRetries: 0 }); // expect: retries-disabled; expect-not: hardcoded-api-key
const TOOL_NAME = "give_ideas";
const IDEAS_TIMEOUT_MS = 8000;

const IDEAS_TOOL = {
  name: TOOL_NAME,
  description: "Return three dinner ideas with ingredients and steps.",
  input_schema: {
    type: "object" as const,
    properties: {
      ideas: {
        type: "array",
        items: {
          type: "object",
          properties: {
            title: { type: "string" },
            ingredients: { type: "array", items: { type: "string" } },
            steps: { type: "array", items: { type: "string" } },
          },
          required: ["title", "ingredients", "steps"],
        },
      },
    },
    required: ["ideas"],
  },
};

export async function POST(req: NextRequest) {
  let skip: string[] = [];
  try {
    const body = (await req.json()) as { skip?: string[] };
    skip = Array.isArray(body.skip) ? body.skip.slice(0, 20) : [];
    const reply = await claude.messages.create( // expect-not: nonstreaming-max-tokens, missing-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout
      {
        model: "claude-sonnet-4-20250514",
        max_tokens: 2000,
        tool_choice: { type: "tool", name: TOOL_NAME },
        tools: [IDEAS_TOOL],
        messages: [
          {
            role: "user",
            content: `Suggest three dinners that keep well for a week of leftovers. Avoid: ${skip.join(", ") || "nothing"}.`,
          },
        ],
      },
      { timeout: IDEAS_TIMEOUT_MS },
    );
    const block = reply.content.find((b) => b.type === "tool_use");
    const ideas = tidyIdeas(block && block.type === "tool_use" ? block.input : null);
    return NextResponse.json(ideas.length === 3 ? ideas : cannedIdeas(skip));
  } catch (err) { // expect-not: naive-retry
    const status = (err as { status?: number }).status;
    const text = (err as { message?: string }).message ?? "";
    if (status === 400 && text.toLowerCase().includes("credit balance is too low")) { // expect-not: string-matched-error
      return NextResponse.json({ error: "Out of credits." }, { status: 402 });
    }
    return NextResponse.json(cannedIdeas(skip));
  }
}
