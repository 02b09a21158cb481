// realworld repro (positive + negative): naive-retry -- retry by recursion in a shared raw-fetch helper: when the
// response is a 429 it sleeps 1.5 s, 3 s, 6 s (doubling, no jitter) and calls itself with the attempt plus one, never
// reading Retry-After; look-alikes: a catch that only returns the message, Haiku by default at 4,096 tokens, the
// system prompt from the caller plus a short constant reminder, the key from the environment
// source: DanielPierre2023/transilvania-times-news-hub supabase/functions/_shared/claude.ts:44
// source: DanielPierre2023/transilvania-times-news-hub supabase/functions/_shared/claude.ts:88
// source: DanielPierre2023/transilvania-times-news-hub supabase/functions/_shared/claude.ts:67
// source: DanielPierre2023/transilvania-times-news-hub supabase/functions/_shared/claude.ts:57
export const FAST_MODEL = "claude-haiku-4-5-20251001";

async function postWithBackoff(payload: object, key: string, attempt = 0): Promise<Response> {
  const res = await fetch("https://api.anthropic.com/v1/messages", {
    method: "POST",
    headers: { "content-type": "application/json", "anthropic-version": "2023-06-01", "x-api-key": key },
    body: JSON.stringify(payload),
    signal: AbortSignal.timeout(100_000),
  });
  if (res.status === 429 && attempt < 3) {
    await new Promise((r) => setTimeout(r, 1500 * 2 ** attempt));
    return postWithBackoff(payload, key, attempt + 1); // expect: naive-retry
  }
  return res;
}

export async function writeWithClaude(instruction: string, input: string, wantJson = false, model = FAST_MODEL) {
  const key = Deno.env.get("CLAUDE_KEY"); // expect-not: hardcoded-api-key
  if (!key) return { text: "", error: "no key" };
  const system = wantJson ? `${instruction}\n\nAnswer with one JSON object and nothing else.` : instruction;
  try {
    const res = await postWithBackoff({ // expect-not: model-routing, batchable-fanout, uncached-prompt, nonstreaming-max-tokens
      model,
      max_tokens: 4096,
      system,
      messages: [{ role: "user", content: input }],
    }, key);
    const data = await res.json();
    if (!res.ok) return { text: "", error: data.error?.message ?? "request failed" };
    return { text: data.content?.[0]?.text ?? "" };
  } catch (e) { // expect-not: string-matched-error
    return { text: "", error: (e as Error).message };
  }
}
