// realworld repro (positive + negative): model-routing -- a scheduled edge function walks up to 50 due workflow runs in
// a sequential loop; per run a same-file step runner, two functions below the loop, classifies the lead's last reply
// into sentiment and intent with Sonnet at max_tokens 150 over raw fetch; look-alikes: an 800-token drafted message
// mailed at once, the loop's catch that marks the run failed, the key from the environment
// source: Libredeuda/lexdocs-crm supabase/functions/automation-runner/index.ts:258
// source: Libredeuda/lexdocs-crm supabase/functions/automation-runner/index.ts:192
// source: Libredeuda/lexdocs-crm supabase/functions/automation-runner/index.ts:422
// source: Libredeuda/lexdocs-crm supabase/functions/automation-runner/index.ts:427
// source: Libredeuda/lexdocs-crm supabase/functions/automation-runner/index.ts:15
import { serve } from "https://deno.land/std@0.168.0/http/server.ts";
import { createClient } from "https://esm.sh/@supabase/supabase-js@2.45.0";

const KEY = Deno.env.get("CRM_CLAUDE_KEY")!; // expect-not: hardcoded-api-key
const db = createClient(Deno.env.get("SUPABASE_URL")!, Deno.env.get("SUPABASE_SERVICE_ROLE_KEY")!);
const HEADERS = { "content-type": "application/json", "x-api-key": KEY, "anthropic-version": "2023-06-01" };

async function mail(to: string, text: string) {
  await fetch("https://mail.example.test/send", { method: "POST", body: JSON.stringify({ to, text }) });
}

async function runStep(run: any, step: any): Promise<string | null> {
  const { data: lead } = await db.from("leads").select("*").eq("id", run.lead_id).single();
  if (step.kind === "draft") {
    const res = await fetch("https://api.anthropic.com/v1/messages", { // expect-not: batchable-fanout, model-routing, nonstreaming-max-tokens, uncached-prompt
      method: "POST",
      headers: HEADERS,
      body: JSON.stringify({
        model: "claude-sonnet-4-5",
        max_tokens: 800,
        system: `${step.agent_prompt}\n\nLead: ${JSON.stringify(lead)}`,
        messages: [{ role: "user", content: "Write a short first message to this lead." }],
      }),
    });
    const data = await res.json();
    await mail(lead.email, data.content?.[0]?.text ?? "");
    return null;
  }
  if (step.kind === "read_reply") {
    const { data: last } = await db.from("lead_messages").select("body").eq("lead_id", run.lead_id).limit(1).maybeSingle();
    if (!last) return "silent";
    const res = await fetch("https://api.anthropic.com/v1/messages", { // expect: model-routing; expect-not: batchable-fanout, uncached-prompt
      method: "POST",
      headers: HEADERS,
      body: JSON.stringify({
        model: "claude-sonnet-4-5",
        max_tokens: 150,
        messages: [{ role: "user", content: `Label this reply as JSON {"mood":"up|flat|down","aim":"buy|doubt|ask|stop"}: ${last.body}` }],
      }),
    });
    const data = await res.json();
    const found = (data.content?.[0]?.text ?? "").match(/\{[\s\S]*\}/);
    return found ? JSON.parse(found[0]).aim : "silent";
  }
  return null;
}

async function advance(run: any) {
  const { data: step } = await db.from("workflow_steps").select("*").eq("workflow_id", run.workflow_id).eq("position", run.position).maybeSingle();
  if (!step) return;
  const branch = await runStep(run, step);
  await db.from("workflow_runs").update({ position: run.position + 1, branch }).eq("id", run.id);
}

serve(async () => {
  const { data: due } = await db.from("workflow_runs").select("*").eq("state", "active").limit(50);
  let failed = 0;
  for (const run of due ?? []) { // expect-not: naive-retry, unbounded-fanout
    try {
      await advance(run);
    } catch (e) { // expect-not: string-matched-error
      failed++;
      await db.from("workflow_runs").update({ state: "failed", last_error: String(e) }).eq("id", run.id);
    }
  }
  return new Response(JSON.stringify({ failed }));
});
