// realworld repro (positive + negative): retries-disabled -- a replay script of frozen bank payments builds its
// client with maxRetries 0 (45 s timeout) and hands a closure holding a forced-tool create to an imported measuring
// helper for every case and arm, one after another; nothing retries: the first API error marks the row and every
// later row is sent no request; look-alikes: the loop over cases (no re-send), the helper's status code compared
// outside any catch, model and max_tokens imported under names that give no tier
// source: yasineken2002-sys/eken apps/api/scripts/eval-kundflode-modell.ts:140
// source: yasineken2002-sys/eken apps/api/scripts/eval-kundflode-modell.ts:201
// source: yasineken2002-sys/eken apps/api/scripts/eval-kundflode-modell.ts:205
// source: yasineken2002-sys/eken apps/api/scripts/eval-kundflode-modell.ts:145
import { readFileSync, writeFileSync } from "node:fs";
import Anthropic from "@anthropic-ai/sdk";
import { measurePayment, PAYMENT_MAX_TOKENS, PAYMENT_MODEL, type Ask, type PaymentCase } from "./meter_agent_support";

const CALL_CAP = 200;
const ARMS = ["plain", "with_references"] as const;

async function main(): Promise<void> {
  const cases = JSON.parse(readFileSync(process.argv[2] ?? "frozen-payments.json", "utf8")) as PaymentCase[];
  const live = process.env.PAYMENT_REPLAY_LIVE === "1";
  const client = live ? new Anthropic({ maxRetries: 0, timeout: 45_000 }) : null; // expect: retries-disabled; expect-not: hardcoded-api-key
  let calls = 0;
  const ask: Ask | undefined = client
    ? async (prompt) => {
        if (calls >= CALL_CAP) throw new Error("call cap reached");
        calls++;
        const response = await client.messages.create({ // expect-not: unbounded-fanout, model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
          model: PAYMENT_MODEL,
          max_tokens: PAYMENT_MAX_TOKENS,
          temperature: 0,
          tools: [{ name: "pick_invoice", description: "Pick the invoice this payment settles.", input_schema: { type: "object", properties: { invoice: { type: "string" } } } }],
          tool_choice: { type: "tool", name: "pick_invoice" },
          messages: [{ role: "user", content: prompt }],
        });
        const block = response.content.find((b) => b.type === "tool_use");
        return { picked: block?.type === "tool_use" ? block.input : null };
      }
    : undefined;

  let stopped = false;
  const rows = [];
  for (const item of cases) { // expect-not: naive-retry
    for (const arm of ARMS) {
      const row = await measurePayment(item, arm, stopped ? undefined : ask);
      rows.push(row);
      if (row.status === "API_ERROR") stopped = true; // expect-not: string-matched-error
    }
  }
  writeFileSync(process.argv[3] ?? "/tmp/payment-replay.json", JSON.stringify({ calls, stopped, rows }, null, 2));
}

void main().catch(() => {
  console.error("Replay could not finish.");
  process.exitCode = 2;
});
