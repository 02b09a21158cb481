// realworld repro (positive): naive-retry -- a worker's advisory Claude calls post raw fetches to the Messages URL
// through callWithTimeout imported from a sibling module, with isOk: (r) => r.ok, so a 429 response is sent again
// after 400 ms (two attempts) and its retry-after header is never consulted
// source: SuesteCreative/shopify-invoicexpress-worker src/services/anthropic.ts:240
import { callWithTimeout } from "./incident_triage_retry";

const ANTHROPIC_URL = "https://api.anthropic.com/v1/messages";

interface Env {
  ANTHROPIC_API_KEY: string;
}

function post(env: Env, body: string): Promise<Response> {
  return fetch(ANTHROPIC_URL, {
    method: "POST",
    headers: {
      "x-api-key": env.ANTHROPIC_API_KEY,
      "anthropic-version": "2023-06-01",
      "content-type": "application/json",
    },
    body,
  });
}

export async function weeklySummary(env: Env, redactedWeek: string): Promise<string | null> {
  const body = JSON.stringify({
    model: "claude-sonnet-4-5",
    max_tokens: 1500,
    messages: [{ role: "user", content: `Summarise the recurring problems in this week of incidents:\n${redactedWeek}` }],
  });
  try {
    const res = await callWithTimeout( // expect: naive-retry
      () => post(env, body),
      { attempts: 2, timeoutMs: 20000, isOk: (r) => r.ok, label: "weekly-summary" },
    );
    if (!res.ok) return null;
    const json = (await res.json()) as { content?: Array<{ type: string; text?: string }> };
    return json.content?.find((b) => b.type === "text")?.text ?? null;
  } catch {
    return null;
  }
}

export async function diagnose(env: Env, incident: string): Promise<string | null> {
  const body = JSON.stringify({
    model: "claude-sonnet-4-5",
    max_tokens: 1024,
    messages: [{ role: "user", content: `Suggest a likely cause and fix for this incident:\n${incident}` }],
  });
  let res: Response;
  try {
    res = await callWithTimeout( // (same wrapper again: folded into the first site)
      () => post(env, body),
      { attempts: 2, timeoutMs: 30000, isOk: (r) => r.ok, label: "diagnose" },
    );
  } catch {
    return null;
  }
  if (!res.ok) return null;
  const json = (await res.json()) as { content?: Array<{ type: string; text?: string }> };
  return json.content?.find((b) => b.type === "text")?.text ?? null;
}
