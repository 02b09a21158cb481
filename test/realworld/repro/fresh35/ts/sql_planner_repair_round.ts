// realworld repro (negative): naive-retry -- a query planner asks Opus 5 for a tool call and, when the call is
// missing or fails validation, feeds the rejection back as a tool_result for one repair round; there is no try
// around the create, so API errors (429s included) go to the caller; the system prompt is built per request
// source: UtsavDungrani/LeadPulse-cloudflare src/llm/claude.ts:94
// source: UtsavDungrani/LeadPulse-cloudflare src/llm/claude.ts:95
import Anthropic from "@anthropic-ai/sdk";
import { checkPlan, PlanError, type Plan } from "./sql_planner_checks";

const MODEL = "claude-opus-5";
const REPAIRS = 1;

const TOOLS: Anthropic.Tool[] = [
  {
    name: "run_sql_plan",
    description: "Answer by emitting a query plan that a compiler turns into SQL.",
    input_schema: { type: "object", properties: { table: { type: "string" }, metric: { type: "string" } }, required: ["table", "metric"] },
  },
];

export function makePlanner(apiKey: string) {
  const client = new Anthropic({ apiKey }); // expect-not: retries-disabled
  return async function plan(question: string, schemaNotes: string): Promise<Plan> {
    const messages: Anthropic.MessageParam[] = [{ role: "user", content: question }];
    let problem = "";
    for (let round = 0; round <= REPAIRS; round++) { // expect-not: naive-retry
      const reply = await client.messages.create({ // expect-not: model-routing, uncached-prompt, batchable-fanout
        model: MODEL,
        max_tokens: 4096,
        system: `You plan analytics queries. Tables:\n${schemaNotes}`,
        tools: TOOLS,
        messages,
      });
      const call = reply.content.find((b): b is Anthropic.ToolUseBlock => b.type === "tool_use");
      if (!call) {
        problem = "Answer by calling run_sql_plan.";
      } else {
        try {
          return checkPlan(call.input);
        } catch (e) {
          if (!(e instanceof PlanError)) throw e;
          problem = e.message;
        }
      }
      messages.push(
        { role: "assistant", content: reply.content },
        {
          role: "user",
          content: call ? [{ type: "tool_result", tool_use_id: call.id, is_error: true, content: `Rejected: ${problem}` }] : problem,
        },
      );
    }
    throw new Error(`no valid plan: ${problem}`);
  };
}
