// realworld repro (negative): naive-retry, string-matched-error -- a shared raw-fetch helper loops up to three times,
// but it goes round only when a 400's body names a request parameter it may drop (the request changes each time);
// every other status, a 429 included, is thrown at once; the text test matches parameter-rejection wording, not rate
// limits; look-alikes: the whole body and the key from the caller
// source: GalMafri/moburst-socialytics-ai supabase/functions/_shared/anthropic.ts:57
// source: GalMafri/moburst-socialytics-ai supabase/functions/_shared/anthropic.ts:80
// source: GalMafri/moburst-socialytics-ai supabase/functions/_shared/anthropic.ts:58
// source: GalMafri/moburst-socialytics-ai supabase/functions/_shared/anthropic.ts:62
const KEEP = new Set(["model", "messages", "system", "max_tokens", "tools"]);

export function droppableParam(body: string): string | null {
  const shapes = [
    /["'`]?([a-z_][a-z0-9_]*)["'`]?\s+is\s+(?:deprecated|not\s+supported)/i,
    /unknown\s+field:?\s*["'`]?([a-z_][a-z0-9_]*)/i,
  ];
  for (const shape of shapes) {
    const hit = body.match(shape);
    if (hit && !KEEP.has(hit[1])) return hit[1];
  }
  return null;
}

export async function sendMessages(apiKey: string, request: Record<string, unknown>): Promise<string> {
  const body: Record<string, unknown> = { ...request };
  for (let pass = 0; pass < 3; pass++) { // expect-not: naive-retry
    const res = await fetch("https://api.anthropic.com/v1/messages", { // expect-not: model-routing, batchable-fanout, uncached-prompt, nonstreaming-max-tokens
      method: "POST",
      body: JSON.stringify(body),
      headers: {
        "anthropic-version": "2023-06-01",
        "x-api-key": apiKey, // expect-not: hardcoded-api-key
        "content-type": "application/json",
      },
    });
    if (res.ok) {
      const data = await res.json();
      return ((data.content ?? []) as Array<{ type?: string; text?: string }>)
        .filter((b) => b.type === "text")
        .map((b) => b.text ?? "")
        .join("\n");
    }
    const text = await res.text().catch(() => "");
    const param = res.status === 400 ? droppableParam(text) : null; // expect-not: string-matched-error
    if (param && param in body) {
      delete body[param];
      continue;
    }
    throw new Error(`messages call ${res.status}: ${text.slice(0, 200)}`);
  }
  throw new Error("every pass was rejected");
}
