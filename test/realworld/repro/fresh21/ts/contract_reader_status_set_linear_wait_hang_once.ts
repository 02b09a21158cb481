// realworld repro (positive + negative): naive-retry -- a shared edge-function helper sends raw fetch requests to
// the Messages endpoint in an open-ended attempt loop that re-sends on a set of statuses (429, 5xx, 529) after
// 700 ms times the attempt number, up to three attempts, with no jitter and no look at Retry-After; a thrown fetch
// (timeout) is re-sent once after a short pause; look-alikes: statuses tested as numbers, a short constant system
// prompt on the transcription wrapper, 16,000 tokens on a raw request, model from the caller, key from the environment
// source: GeorgeAkkawi/lease-extractor-v2 supabase/functions/_shared/anthropic.ts:76
// source: GeorgeAkkawi/lease-extractor-v2 supabase/functions/_shared/anthropic.ts:88
// source: GeorgeAkkawi/lease-extractor-v2 supabase/functions/_shared/anthropic.ts:78
// source: GeorgeAkkawi/lease-extractor-v2 supabase/functions/_shared/anthropic.ts:143
// source: GeorgeAkkawi/lease-extractor-v2 supabase/functions/_shared/anthropic.ts:37
const ENDPOINT = "https://api.anthropic.com/v1/messages";

interface AskOptions {
  model: string;
  system?: string;
  text: string;
  maxTokens?: number;
  perTryMs?: number;
}

export async function askClaude(opts: AskOptions): Promise<string> {
  const key = Deno.env.get("ANTHROPIC_API_KEY"); // expect-not: hardcoded-api-key
  if (!key) throw new Error("no key configured");
  const body: Record<string, unknown> = {
    model: opts.model,
    max_tokens: opts.maxTokens ?? 4096,
    messages: [{ role: "user", content: [{ type: "text", text: opts.text }] }],
  };
  if (opts.system) body.system = opts.system;

  const TRANSIENT = new Set([429, 500, 502, 503, 529]);
  let res: Response;
  let stalls = 0;
  for (let tries = 0; ; ) { // expect: naive-retry
    try {
      res = await fetch(ENDPOINT, { // expect-not: batchable-fanout
        method: "POST",
        headers: { "x-api-key": key, "anthropic-version": "2023-06-01", "content-type": "application/json" },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(opts.perTryMs ?? 80_000),
      });
    } catch (_err) { // expect-not: string-matched-error
      if (stalls++ < 1) { await new Promise((r) => setTimeout(r, 700)); continue; }
      throw new Error("The model did not answer in time.");
    }
    if (res.ok) break;
    tries++;
    if (tries < 3 && TRANSIENT.has(res.status)) {
      await new Promise((r) => setTimeout(r, 700 * tries));
      continue;
    }
    throw new Error(`Messages API ${res.status}: ${await res.text()}`);
  }
  const data = await res.json();
  return (data.content ?? []).filter((b: { type: string }) => b.type === "text").map((b: { text: string }) => b.text).join("");
}

export async function plainText(model: string, fileBlock: Record<string, unknown>): Promise<string | null> {
  try {
    const out = await askClaude({ // expect-not: model-routing, uncached-prompt, nonstreaming-max-tokens
      model,
      maxTokens: 16000,
      system: "Copy the attached contract out as plain text, keeping its clause numbering. Output the text only.",
      text: JSON.stringify(fileBlock),
    });
    return out.trim() || null;
  } catch {
    return null;
  }
}
