// realworld repro (positive + negative): naive-retry -- a shared edge-function helper posts to the Messages endpoint
// with raw fetch in a three-attempt loop; before attempts two and three it sleeps a fixed 2.5 s then 5 s, and it goes
// round again on status 429 or 529 (no jitter, Retry-After never read); look-alikes: numeric status tests, a model
// table of Opus and Sonnet ids chosen by callers, 4,096 default tokens, the system prompt from the caller
// source: Lartitiz/nowadaysagency supabase/functions/_shared/anthropic.ts:85
// source: Lartitiz/nowadaysagency supabase/functions/_shared/anthropic.ts:118
// source: Lartitiz/nowadaysagency supabase/functions/_shared/anthropic.ts:92
// source: Lartitiz/nowadaysagency supabase/functions/_shared/anthropic.ts:66
type ModelId = "claude-opus-4-6" | "claude-sonnet-4-5-20250929";

const BY_TASK: Record<string, ModelId> = {
  review: "claude-opus-4-6",
  plan: "claude-opus-4-6",
  caption: "claude-sonnet-4-5-20250929",
  headline: "claude-sonnet-4-5-20250929",
};

export function modelFor(task: string): ModelId {
  return BY_TASK[task] ?? "claude-sonnet-4-5-20250929";
}

const PAUSES = [2500, 5000];

export async function runPrompt(model: ModelId, system: string, user: string, maxTokens = 4096): Promise<string> {
  const key = Deno.env.get("ANTHROPIC_API_KEY"); // expect-not: hardcoded-api-key
  if (!key) throw new Error("missing key");
  for (let n = 0; n <= PAUSES.length; n++) { // expect: naive-retry
    if (n > 0) await new Promise((r) => setTimeout(r, PAUSES[n - 1]));
    const res = await fetch("https://api.anthropic.com/v1/messages", { // expect-not: model-routing, batchable-fanout, uncached-prompt, nonstreaming-max-tokens
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": key, "anthropic-version": "2023-06-01" },
      body: JSON.stringify({ model, system, max_tokens: maxTokens, messages: [{ role: "user", content: user }] }),
    });
    if (res.ok) {
      const data = await res.json();
      return data.content?.[0]?.text ?? "";
    }
    if ((res.status === 429 || res.status === 529) && n < PAUSES.length) { // expect-not: string-matched-error
      console.warn(`busy (${res.status}), trying again`);
      continue;
    }
    throw new Error(`Messages API error ${res.status}`);
  }
  throw new Error("unreachable");
}
