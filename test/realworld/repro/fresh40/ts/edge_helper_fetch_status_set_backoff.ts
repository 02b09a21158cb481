// realworld repro (positive + negative): naive-retry -- a shared edge-function helper posts to /v1/messages with
// fetch in a for loop of four attempts; a 429, 503 or 529 status is looked up in a set and simply continues to the
// next attempt after an exponential wait capped at 12 s, never reading the retry-after header; the model, limit and
// system prompt come from the caller, the key from Deno.env
// source: RedBoardDev/Strakk supabase/functions/_shared/claude.ts:51
// source: RedBoardDev/Strakk supabase/functions/_shared/claude.ts:67
// source: RedBoardDev/Strakk supabase/functions/_shared/claude.ts:57
// source: RedBoardDev/Strakk supabase/functions/_shared/claude.ts:40
declare const Deno: { env: { get(name: string): string | undefined } };

const DEFAULT_MODEL = "claude-sonnet-4-6";
const TRIES = 3;
const FIRST_WAIT_MS = 1500;
const LONGEST_WAIT_MS = 12000;
const TRANSIENT = new Set([429, 503, 529]);

export interface PlantRequest {
  prompt: string;
  system?: string;
  model?: string;
  maxTokens?: number;
}

export async function askClaude(req: PlantRequest): Promise<string> {
  const key = Deno.env.get("ANTHROPIC_API_KEY"); // expect-not: hardcoded-api-key
  if (!key) throw new Error("ANTHROPIC_API_KEY missing");

  const payload = {
    model: req.model ?? DEFAULT_MODEL,
    max_tokens: req.maxTokens ?? 4096,
    ...(req.system ? { system: req.system } : {}),
    messages: [{ role: "user", content: req.prompt }],
  };

  for (let attempt = 0; attempt <= TRIES; attempt++) { // expect: naive-retry; expect-not: unbounded-fanout
    if (attempt > 0) {
      const wait = Math.min(FIRST_WAIT_MS * 2 ** (attempt - 1), LONGEST_WAIT_MS);
      await new Promise((done) => setTimeout(done, wait));
    }

    const res = await fetch("https://api.anthropic.com/v1/messages", { // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, retries-disabled
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-api-key": key,
        "anthropic-version": "2023-06-01",
      },
      body: JSON.stringify(payload),
    });

    if (TRANSIENT.has(res.status)) continue; // expect-not: string-matched-error

    if (!res.ok) {
      throw new Error(`Claude answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
    }
    const data = (await res.json()) as { content?: { type: string; text?: string }[] };
    const text = data.content?.find((block) => block.type === "text")?.text;
    if (!text) throw new Error("no text block");
    return text;
  }
  throw new Error("Claude still unavailable after retries");
}
