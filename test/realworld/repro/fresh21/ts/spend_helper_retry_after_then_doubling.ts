// realworld repro (negative): naive-retry -- a shared raw-fetch helper's three-attempt loop that, on 429 or 5xx, sleeps
// the retry-after header's seconds when the server sends it (2 s, 4 s otherwise) and goes round again; other failures
// wait 1 s, 2 s in the catch; look-alikes: numeric status tests, a streaming sibling request, Sonnet from a constant at
// 4,096 tokens, the system prompt from the caller
// source: Capilaopenclaw/spending-dashboard supabase/functions/_shared/claude.ts:37
// source: Capilaopenclaw/spending-dashboard supabase/functions/_shared/claude.ts:55
// source: Capilaopenclaw/spending-dashboard supabase/functions/_shared/claude.ts:39
// source: Capilaopenclaw/spending-dashboard supabase/functions/_shared/claude.ts:93
// source: Capilaopenclaw/spending-dashboard supabase/functions/_shared/claude.ts:32
const URL_MESSAGES = "https://api.anthropic.com/v1/messages";
const LEDGER_MODEL = "claude-sonnet-4-5";
const ATTEMPTS = 3;

export async function askLedger(system: string, turns: { role: "user" | "assistant"; content: string }[], size = 4096) {
  const key = Deno.env.get("LEDGER_CLAUDE_KEY"); // expect-not: hardcoded-api-key
  if (!key) throw new Error("LEDGER_CLAUDE_KEY missing");
  for (let i = 0; i < ATTEMPTS; i++) { // expect-not: naive-retry
    try {
      const res = await fetch(URL_MESSAGES, { // expect-not: nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout
        method: "POST",
        headers: { "content-type": "application/json", "x-api-key": key, "anthropic-version": "2023-06-01" },
        body: JSON.stringify({ model: LEDGER_MODEL, max_tokens: size, system, messages: turns }),
      });
      if (res.status === 429 || res.status >= 500) { // expect-not: string-matched-error
        const waitS = parseInt(res.headers.get("retry-after") || "0") || 2 ** i * 2;
        await new Promise((r) => setTimeout(r, waitS * 1000));
        continue;
      }
      if (!res.ok) throw new Error(`ledger call failed ${res.status}: ${await res.text()}`);
      return await res.json();
    } catch (err) {
      if (i === ATTEMPTS - 1) throw err;
      await new Promise((r) => setTimeout(r, 2 ** i * 1000));
    }
  }
  throw new Error("ledger call: out of attempts");
}

export async function streamLedger(system: string, turns: { role: "user" | "assistant"; content: string }[]) {
  const key = Deno.env.get("LEDGER_CLAUDE_KEY");
  if (!key) throw new Error("LEDGER_CLAUDE_KEY missing");
  const res = await fetch(URL_MESSAGES, { // expect-not: nonstreaming-max-tokens
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": key, "anthropic-version": "2023-06-01" },
    body: JSON.stringify({ model: LEDGER_MODEL, max_tokens: 4096, system, messages: turns, stream: true }),
  });
  return res.body;
}
