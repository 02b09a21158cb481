// realworld repro (module): the assistant settings imported by meter_agent_eval_retries_off.ts and
// payment_replay_retries_off_stop.ts -- model name, prompt, tools and a local read tool; no Claude call here
// source: yasineken2002-sys/eken apps/api/scripts/eval-consumption-follow-up.ts:143
import type Anthropic from "@anthropic-ai/sdk";

export const ASSISTANT_MODEL = process.env.ASSISTANT_MODEL ?? "claude-haiku-4-5";
export const PAYMENT_MODEL = process.env.PAYMENT_MODEL ?? "claude-haiku-4-5";
export const PAYMENT_MAX_TOKENS = 600;

export const ASSISTANT_PROMPT = "You assist landlords with meters, readings and reminders. Use the read tools.";

export const ASSISTANT_TOOLS: Anthropic.Tool[] = [ // expect-not: uncached-prompt
  {
    name: "get_reminder_status",
    description: "Read whether the automatic meter reminder is on and when it last ran.",
    input_schema: { type: "object", properties: {} },
  },
];

export async function runReadTool(name: string): Promise<unknown> {
  return { tool: name, enabled: false, lastRun: null };
}

export interface PaymentCase {
  id: string;
  prompt: string;
}

export type Ask = (prompt: string) => Promise<{ picked: unknown }>;

export async function measurePayment(
  item: PaymentCase,
  arm: string,
  ask: Ask | undefined,
): Promise<{ id: string; arm: string; status: "OK" | "API_ERROR" | "SKIPPED"; picked?: unknown }> {
  if (!ask) return { id: item.id, arm, status: "SKIPPED" };
  try {
    const { picked } = await ask(`${arm}: ${item.prompt}`);
    return { id: item.id, arm, status: "OK", picked };
  } catch { // expect-not: naive-retry
    return { id: item.id, arm, status: "API_ERROR" };
  }
}
