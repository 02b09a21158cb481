// realworld repro (negative): nonstreaming-max-tokens, uncached-prompt -- a callable function builds a client per call
// from a key it is handed and sends one non-streaming structured-output parse (adaptive thinking, 16,000 tokens, under
// 21,333) with a constant system prompt of about 740 characters (under Sonnet 4.5's minimum) per user report
// source: qixotic-dev/med-mgr functions/src/claude.ts:99
// source: qixotic-dev/med-mgr functions/src/claude.ts:91
// source: qixotic-dev/med-mgr functions/src/claude.ts:87
import Anthropic from "@anthropic-ai/sdk";
import { zodOutputFormat } from "@anthropic-ai/sdk/helpers/zod";
import { z } from "zod/v4";

const ReportSchema = z.object({
  notes: z.array(
    z.object({
      kind: z.enum(["pair", "condition", "general"]),
      level: z.enum(["low", "medium", "high"]),
      ids: z.array(z.string()),
      text: z.string(),
    }),
  ),
});

const INSTRUCTIONS = `You help a person keep track of possible problems among the supplements and medicines they take.
This is general information, not advice: say how sure you are, and suggest checking anything important with a pharmacist.

Write notes of three kinds:
- "pair": two of the listed items that may interact; ids holds exactly those two ids.
- "condition": an item that needs care given one of the listed conditions; ids holds that one id; name the condition.
- "general": a note about one item on its own, such as timing with meals; ids holds that one id.

Leave a kind out rather than inventing a note for it. Use the ids exactly as given and never make one up.
Keep each note to two sentences and avoid alarming wording when the evidence is thin.`;

export interface Item {
  id: string;
  name: string;
  amount: string;
}

export async function buildReport(
  apiKey: string, // expect-not: hardcoded-api-key
  items: Item[],
  conditions: string[],
) {
  const client = new Anthropic({ apiKey }); // expect-not: retries-disabled

  const response = await client.messages.parse({ // expect-not: nonstreaming-max-tokens, uncached-prompt, missing-max-tokens, model-routing, batchable-fanout, unbounded-fanout, naive-retry, string-matched-error
    model: process.env.REPORT_MODEL?.trim() || "claude-sonnet-4-5",
    max_tokens: 16000,
    thinking: { type: "adaptive" },
    output_config: { effort: "high", format: zodOutputFormat(ReportSchema) },
    system: INSTRUCTIONS,
    messages: [{ role: "user", content: JSON.stringify({ items, conditions }, null, 2) }],
  });

  if (!response.parsed_output) throw new Error("The report did not match its schema");
  const known = new Set(items.map((i) => i.id));
  return response.parsed_output.notes.filter((n) => n.ids.every((id) => known.has(id)));
}
