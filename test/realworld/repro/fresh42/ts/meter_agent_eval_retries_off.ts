// realworld repro (positive + negative): retries-disabled -- a live evaluation script builds its client with
// maxRetries 0 and a 60 s timeout, then plays a fixed list of questions through the production assistant, each a
// tool-use conversation of up to three rounds, back to back; nothing retries the requests and the first 429 ends the
// run in the top-level catch; look-alikes: the rounds loop (a tool loop, not a retry), one conversation per case
// (not batchable), 1,200 tokens, the final catch reading the error's status by class
// source: yasineken2002-sys/eken apps/api/scripts/eval-consumption-follow-up.ts:16
// source: yasineken2002-sys/eken apps/api/scripts/eval-consumption-follow-up.ts:142
// source: yasineken2002-sys/eken apps/api/scripts/eval-consumption-follow-up.ts:143
// source: yasineken2002-sys/eken apps/api/scripts/eval-consumption-follow-up.ts:245
import { writeFileSync } from "node:fs";
import Anthropic from "@anthropic-ai/sdk";
import { ASSISTANT_MODEL, ASSISTANT_PROMPT, ASSISTANT_TOOLS, runReadTool } from "./meter_agent_support";

async function main(): Promise<void> {
  const client = new Anthropic({ maxRetries: 0, timeout: 60_000 }); // expect: retries-disabled; expect-not: hardcoded-api-key
  const cases = [
    { id: "reminder_off", question: "Is the automatic meter reminder switched on?" },
    { id: "reminder_late", question: "When did the meter check last run, and is it overdue?" },
    { id: "reading_low", question: "Does the review catch readings that are unusually low?" },
    { id: "who_can_enable", question: "Which roles may switch the reminder on? Can you do it for me?" },
    { id: "no_history", question: "Are all my readings fine even without a trend history?" },
    { id: "failed_run", question: "Why did the last automatic check fail, and what should I do?" },
  ] as const;
  const results = [];
  for (const item of cases) {
    const turns: Anthropic.MessageParam[] = [{ role: "user", content: item.question }];
    let answer = "";
    for (let round = 0; round < 3; round++) { // expect-not: naive-retry
      const response = await client.messages.create({ // expect-not: batchable-fanout, unbounded-fanout, model-routing, missing-max-tokens, nonstreaming-max-tokens
        model: ASSISTANT_MODEL,
        max_tokens: 1200,
        system: `${ASSISTANT_PROMPT}\n\nNow: ${new Date().toISOString()}.`,
        tools: ASSISTANT_TOOLS,
        messages: turns,
      });
      turns.push({ role: "assistant", content: response.content });
      const outputs: Anthropic.ToolResultBlockParam[] = [];
      for (const block of response.content) {
        if (block.type === "text") answer += block.text + "\n";
        if (block.type === "tool_use") {
          outputs.push({ type: "tool_result", tool_use_id: block.id, content: JSON.stringify(await runReadTool(block.name)) });
        }
      }
      if (!outputs.length) break;
      turns.push({ role: "user", content: outputs });
    }
    results.push({ case: item.id, answer });
  }
  writeFileSync(process.argv[2] ?? "/tmp/meter-agent-eval.json", JSON.stringify(results, null, 2));
}

void main().catch((error: unknown) => {
  console.error("Evaluation stopped:", error instanceof Anthropic.APIError ? `HTTP ${error.status}` : "see log"); // expect-not: string-matched-error
  process.exitCode = 1;
});
