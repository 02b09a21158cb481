// realworld repro (negative): naive-retry -- a shared raw-fetch helper for edge functions loops up to three attempts,
// but any status below 500 (a 429 included) is thrown at once; only server errors are re-sent, after 1 s then 2 s;
// look-alikes: the numeric status comparison (no text test), Haiku by default at 4,096 tokens, system and tools from
// the caller, the key from a secret
// source: LinkFood/marsh-timer supabase/functions/_shared/anthropic.ts:68
// source: LinkFood/marsh-timer supabase/functions/_shared/anthropic.ts:81
// source: LinkFood/marsh-timer supabase/functions/_shared/anthropic.ts:69
// source: LinkFood/marsh-timer supabase/functions/_shared/anthropic.ts:42
const MESSAGES_URL = "https://api.anthropic.com/v1/messages";
const QUICK_MODEL = "claude-haiku-4-5-20251001";

export interface AskOptions {
  model?: string;
  system?: string;
  tools?: unknown[];
  max_tokens?: number;
  messages: Array<{ role: "user" | "assistant"; content: unknown }>;
}

function headers(): Record<string, string> {
  const key = Deno.env.get("CLAUDE_SECRET"); // expect-not: hardcoded-api-key
  if (!key) throw new Error("CLAUDE_SECRET missing");
  return { "x-api-key": key, "anthropic-version": "2023-06-01", "content-type": "application/json" };
}

export async function askModel(opts: AskOptions): Promise<unknown> {
  const { model = QUICK_MODEL, system, tools, max_tokens = 4096, messages } = opts;
  const payload: Record<string, unknown> = { model, max_tokens, messages };
  if (system) payload.system = system;
  if (tools) payload.tools = tools;

  const ATTEMPTS = 3;
  for (let i = 0; i < ATTEMPTS; i++) { // expect-not: naive-retry
    const res = await fetch(MESSAGES_URL, { method: "POST", headers: headers(), body: JSON.stringify(payload) }); // expect-not: model-routing, batchable-fanout, uncached-prompt, nonstreaming-max-tokens
    if (res.ok) return await res.json();

    const detail = await res.text();
    console.error(`model call failed (try ${i + 1})`, res.status, detail);
    if (res.status < 500) { // expect-not: string-matched-error
      throw new Error(`model call ${res.status}: ${detail}`);
    }
    if (i < ATTEMPTS - 1) {
      await new Promise((r) => setTimeout(r, 1000 * 2 ** i));
      continue;
    }
    throw new Error(`model call failed ${ATTEMPTS} times`);
  }
  throw new Error("unreachable");
}
