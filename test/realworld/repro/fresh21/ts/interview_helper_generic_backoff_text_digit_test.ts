// realworld repro (positive + negative): naive-retry, string-matched-error -- a same-file generic retry wrapper
// (four tries, 1 s / 2 s / 4 s doubling, no jitter, never reading retry-after) applied to a closure that posts to
// /v1/messages on raw fetch and throws a plain Error on any non-ok status; the wrapper decides what to retry from the
// error text ('429', any '5', 'overload'), its status branch only serving Response objects the closure never throws;
// look-alikes: Sonnet at a 1,500-token default, no system prompt, the key from the environment
// (lead, at scoring: the naive-retry marker moved to the wrapper's loop, where the label's alt line 8 puts the
// finding in the original; the labeller had put it at the application)
// source: Hakeem-404/InterviewAce supabase/functions/_shared/apiUtils.ts:46
// source: Hakeem-404/InterviewAce supabase/functions/_shared/apiUtils.ts:22
// source: Hakeem-404/InterviewAce supabase/functions/_shared/apiUtils.ts:47
// source: Hakeem-404/InterviewAce supabase/functions/_shared/apiUtils.ts:40
export async function withPatience<T>(job: () => Promise<T>, tries = 3, firstWaitMs = 1000): Promise<T> {
  let last: Error = new Error("never ran");
  for (let n = 0; n <= tries; n++) { // expect: naive-retry
    try {
      return await job();
    } catch (err) {
      last = err as Error;
      if (n === tries) break;
      const again = err instanceof Response
        ? err.status === 429 || err.status >= 500
        : last.message.includes("429") || last.message.includes("5") || last.message.includes("overload"); // expect: string-matched-error
      if (!again) throw err;
      await new Promise((r) => setTimeout(r, firstWaitMs * 2 ** n));
    }
  }
  throw last;
}

export async function askInterviewCoach(question: string, budget = 1500) {
  const key = Deno.env.get("COACH_CLAUDE_KEY"); // expect-not: hardcoded-api-key
  if (!key) throw new Error("COACH_CLAUDE_KEY missing");
  return await withPatience(async () => {
    const res = await fetch("https://api.anthropic.com/v1/messages", { // expect-not: nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": key, "anthropic-version": "2023-06-01" },
      body: JSON.stringify({
        model: "claude-sonnet-4-5",
        max_tokens: budget,
        messages: [{ role: "user", content: question }],
      }),
    });
    if (!res.ok) {
      const body = await res.text().catch(() => "no body");
      throw new Error(`coach call failed: ${res.status} ${body}`);
    }
    return await res.json();
  }, 3, 1000);
}
