// realworld repro (positive + negative): naive-retry -- an edge-function relay sends the Messages request through a
// same-file fetch wrapper whose while loop re-sends on every non-ok status except 400 and 401 (429 and 529
// included) and on network errors, sleeping 1 s then 2 s with jitter (capped at 4 s) and never reading
// retry-after; the relay's handler then maps a numeric 429 status to its own reply
// source: jithinjissac/nhs-statement-guru-55 supabase/functions/anthropic-proxy/index.ts:14
// source: jithinjissac/nhs-statement-guru-55 supabase/functions/anthropic-proxy/index.ts:325

type StatusError = Error & { status?: number };

async function postWithBackoff(url: string, init: RequestInit, retries = 3): Promise<Response> {
  let failure: StatusError | undefined;
  let round = 0;
  while (round <= retries) { // expect: naive-retry
    try {
      if (round > 0) {
        const pause = Math.min(1000 * 2 ** (round - 1) * (0.9 + Math.random() * 0.2), 4000);
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
      const res = await fetch(url, init);
      if (res.ok) return res;
      const detail = await res.text();
      const err: StatusError = new Error(`upstream ${res.status}: ${detail}`);
      err.status = res.status;
      if (res.status === 400 || res.status === 401) throw err;
      failure = err;
    } catch (e) {
      const err = e as StatusError;
      failure = err;
      if (err.name === "AbortError" || err.status === 400 || err.status === 401) throw err; // expect-not: string-matched-error
    }
    round++;
  }
  throw failure ?? new Error("out of retries");
}

export async function relay(req: Request): Promise<Response> {
  const body = (await req.json()) as { payload?: { model?: string; max_tokens?: number; messages?: unknown[] } };
  const payload = body.payload ?? {};
  const key = process.env.ANTHROPIC_API_KEY ?? ""; // expect-not: hardcoded-api-key
  const request = {
    model: payload.model ?? "claude-3-sonnet-20240229",
    max_tokens: payload.max_tokens ?? 4000,
    messages: payload.messages ?? [],
  };
  const stop = new AbortController();
  const timer = setTimeout(() => stop.abort(), 25000);
  try {
    const res = await postWithBackoff( // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout
      "https://api.anthropic.com/v1/messages",
      {
        method: "POST",
        headers: { "content-type": "application/json", "x-api-key": key, "anthropic-version": "2023-06-01" },
        body: JSON.stringify(request),
        signal: stop.signal,
      },
      2,
    );
    clearTimeout(timer);
    return new Response(await res.text(), { status: 200, headers: { "content-type": "application/json" } });
  } catch (e) {
    clearTimeout(timer);
    const err = e as StatusError;
    if (err.status === 429) { // expect-not: string-matched-error
      return new Response(JSON.stringify({ error: "busy, try again later" }), { status: 429 });
    }
    return new Response(JSON.stringify({ error: err.message }), { status: 500 });
  }
}
