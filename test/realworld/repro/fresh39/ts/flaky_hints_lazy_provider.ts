// realworld repro (negative): naive-retry, string-matched-error, model-routing, nonstreaming-max-tokens,
// batchable-fanout -- the provider module is loaded with a dynamic import only when Claude is chosen; its one
// non-streaming Opus request (16,000 tokens, under the ceiling) covers every selected test in a single prompt, and
// its errors are mapped by SDK class, never re-sent (the caller only warns)
// source: JustasMonkev/flaky-test-scorer src/ai/index.ts:40
export interface HintResult {
  model: string;
  text: string;
}

export async function explainFlakes(provider: "claude" | "other", evidence: string[]): Promise<HintResult> {
  const prompt = `For each flaky test below, give the most likely root cause and one check to confirm it.\n\n${evidence.join("\n\n")}`;
  if (provider === "claude") {
    const { HINT_MODEL, hintsFromClaude } = await import("./flaky_hints_lazy_provider_claude");
    const text = await hintsFromClaude(process.env.ANTHROPIC_API_KEY ?? "", prompt); // expect-not: naive-retry, string-matched-error, model-routing, nonstreaming-max-tokens, missing-max-tokens, uncached-prompt, batchable-fanout, unbounded-fanout, retries-disabled, hardcoded-api-key
    return { model: HINT_MODEL, text };
  }
  return { model: "none", text: "" };
}
