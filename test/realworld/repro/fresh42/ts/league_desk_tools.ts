// realworld repro (module): the tool definitions and dispatcher imported by league_desk_chat_status_retry_linear.ts --
// no Claude call here
// source: charlieyh0304-del/showdown-live functions/src/chatbot.ts:132
import type Anthropic from "@anthropic-ai/sdk";

export const DESK_TOOLS: Anthropic.Tool[] = [ // expect-not: uncached-prompt
  {
    name: "list_fixtures",
    description: "List the fixtures of a division.",
    input_schema: { type: "object", properties: { division: { type: "string" } }, required: ["division"] },
  },
  {
    name: "record_result",
    description: "Record the score of a finished fixture.",
    input_schema: {
      type: "object",
      properties: { fixtureId: { type: "string" }, home: { type: "number" }, away: { type: "number" } },
      required: ["fixtureId", "home", "away"],
    },
  },
];

export async function runDeskTool(name: string, input: unknown): Promise<string> {
  return JSON.stringify({ ok: true, name, input });
}
