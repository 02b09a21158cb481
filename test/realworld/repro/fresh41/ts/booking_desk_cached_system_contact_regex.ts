// realworld repro (negative): uncached-prompt, string-matched-error -- a chat helper for a booking desk sends one Haiku
// request per conversation turn with a system prompt built by a sibling module and marked cache_control, plus one
// constant tool for handing over a contact; after the reply it checks the tool's contact field with format regexes
// (handle, phone, e-mail) outside any catch, which test user data, not error text
// source: TimWin93/ubuyer-site functions/src/claude.ts:103
// source: TimWin93/ubuyer-site functions/src/claude.ts:138
// source: TimWin93/ubuyer-site functions/src/claude.ts:101
// source: TimWin93/ubuyer-site functions/src/claude.ts:98
import Anthropic from "@anthropic-ai/sdk";
import { deskInstructions } from "./desk_instructions";

const MODEL = "claude-haiku-4-5";
const MAX_TOKENS = 450;

export interface Handover {
  contact: string;
  summary: string;
}

const HANDOVER_TOOL: Anthropic.Tool = {
  name: "hand_over",
  description: "Call once, only after the guest has typed a handle, a phone number or an e-mail address.",
  input_schema: {
    type: "object",
    properties: {
      contact: { type: "string", description: "The handle, phone number or e-mail address the guest gave." },
      summary: { type: "string", description: "Two sentences on what the guest wants." },
    },
    required: ["contact", "summary"],
  },
};

export async function replyToGuest(
  apiKey: string, // expect-not: hardcoded-api-key
  turns: { role: "user" | "assistant"; content: string }[],
): Promise<{ text: string; handover: Handover | null }> {
  const client = new Anthropic({ apiKey }); // expect-not: retries-disabled

  const response = await client.messages.create({ // expect-not: uncached-prompt, missing-max-tokens, nonstreaming-max-tokens, model-routing, batchable-fanout, unbounded-fanout, naive-retry
    model: MODEL,
    max_tokens: MAX_TOKENS,
    system: [{ type: "text", text: deskInstructions(), cache_control: { type: "ephemeral" } }],
    tools: [HANDOVER_TOOL],
    messages: turns.map((t) => ({ role: t.role, content: t.content })),
  });

  let text = "";
  let handover: Handover | null = null;
  for (const block of response.content) {
    if (block.type === "text") text += block.text;
    else if (block.type === "tool_use" && block.name === "hand_over") handover = block.input as Handover;
  }

  if (handover) {
    const contact = handover.contact.trim();
    const plausible =
      /@[a-z0-9_]{3,}/i.test(contact) || // expect-not: string-matched-error
      /\+?\d[\d\s-]{6,}/.test(contact) ||
      /\S+@\S+\.\w+/.test(contact);
    if (!plausible) handover = null;
  }

  return { text: text.trim() || "Thanks, a colleague will get back to you shortly.", handover };
}
