// realworld repro (negative): naive-retry -- two shared edge-function helpers: a loop over a constant chain of four
// models that moves to the next model at once on a failed status or unparsable JSON (a fallback, never the same
// request again), and a tool-use loop whose 429 branch repeats the iteration only after an imported helper has waited
// the retry-after header (throwing when it has none); look-alikes: model and prompt from parameters, 4,096 tokens
// source: digiobs/digiboss supabase/functions/_shared/claude.ts:43
// source: digiobs/digiboss supabase/functions/_shared/claude.ts:44
// source: chriswries/zuper-gtm-intelligence-cloud supabase/functions/_shared/claude.ts:67
// source: chriswries/zuper-gtm-intelligence-cloud supabase/functions/_shared/claude.ts:102
// source: chriswries/zuper-gtm-intelligence-cloud supabase/functions/_shared/claude.ts:87
import { waitOutRetryAfter } from "./limits.ts";

const CHAIN = ["claude-sonnet-4-5", "claude-sonnet-4", "claude-3-7-sonnet-latest", "claude-haiku-4-5"];
const ENDPOINT = "https://api.anthropic.com/v1/messages";

export async function firstModelThatAnswers(system: string, prompt: string, size = 1800) {
  const key = Deno.env.get("AGENCY_CLAUDE_KEY");
  if (!key) throw new Error("AGENCY_CLAUDE_KEY missing");
  const notes: string[] = [];
  for (const model of CHAIN) { // expect-not: naive-retry
    const res = await fetch(ENDPOINT, { // expect-not: model-routing, uncached-prompt, nonstreaming-max-tokens, batchable-fanout
      method: "POST",
      headers: { "x-api-key": key, "anthropic-version": "2023-06-01", "content-type": "application/json" },
      body: JSON.stringify({ model, max_tokens: size, system, messages: [{ role: "user", content: prompt }] }),
    });
    if (!res.ok) {
      notes.push(`${model}: ${res.status}`);
      continue;
    }
    const body = await res.json();
    const text: string = body.content?.[0]?.text ?? "";
    const start = text.indexOf("{");
    if (start < 0) {
      notes.push(`${model}: no json`);
      continue;
    }
    return { model, data: JSON.parse(text.slice(start, text.lastIndexOf("}") + 1)) };
  }
  throw new Error(`every model failed: ${notes.join(" | ")}`);
}

export async function runAgent(key: string, tier: string, system: string, ask: string, tools: object[], act: (calls: any[]) => Promise<any[]>) {
  const model = tier === "deep" ? "claude-opus-4-1" : "claude-sonnet-4-5";
  const turns: { role: string; content: unknown }[] = [{ role: "user", content: ask }];
  let text = "";
  for (let round = 0; round < 10; round++) { // expect-not: naive-retry
    const res = await fetch(ENDPOINT, { // expect-not: model-routing, uncached-prompt, nonstreaming-max-tokens, batchable-fanout
      method: "POST",
      headers: { "x-api-key": key, "anthropic-version": "2023-06-01", "content-type": "application/json" },
      body: JSON.stringify({ model, max_tokens: 4096, system, tools, messages: turns }),
    });
    if (res.status === 429) { // expect-not: string-matched-error
      if (await waitOutRetryAfter(res.headers)) {
        round--;
        continue;
      }
      throw new Error("rate limited and no retry-after to wait");
    }
    if (!res.ok) throw new Error(`agent turn failed ${res.status}`);
    const data = await res.json();
    const calls = (data.content ?? []).filter((b: any) => b.type === "tool_use");
    text = (data.content ?? []).filter((b: any) => b.type === "text").map((b: any) => b.text).join("\n") || text;
    if (calls.length === 0 || data.stop_reason === "end_turn") break;
    const results = await act(calls);
    turns.push({ role: "assistant", content: data.content });
    turns.push({ role: "user", content: results.map((r) => ({ type: "tool_result", tool_use_id: r.id, content: r.out })) });
  }
  return text;
}
