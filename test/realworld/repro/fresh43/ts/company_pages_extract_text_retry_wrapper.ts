// realworld repro (positive + negative): naive-retry and string-matched-error -- a same-file generic wrapper (three
// tries, 3 s then 6 s) decides retryability by searching the error message for 429 / rate_limit / 529 / overloaded and
// never reads retry-after; it is applied to a closure that sends a Sonnet create on a client that keeps the SDK's
// retries (used when no OpenAI key is set) and to an OpenAI completion (another provider); max_tokens computed from
// the options, one request per call, no loop over data
// source: joanabeste/swipeflow-lead-center lib/enrichment/extractor.ts:262 (reported at the wrapper's loop, the label's alternative line 145)
// source: joanabeste/swipeflow-lead-center lib/enrichment/extractor.ts:243
// source: joanabeste/swipeflow-lead-center lib/enrichment/extractor.ts:150
// source: joanabeste/swipeflow-lead-center lib/enrichment/extractor.ts:264
// source: joanabeste/swipeflow-lead-center lib/enrichment/extractor.ts:263
import OpenAI from "openai";
import Anthropic from "@anthropic-ai/sdk";

const TRIES = 3;
const PAUSE_MS = 3_000;

async function tryAgain<T>(work: () => Promise<T>): Promise<T> {
  for (let round = 0; round < TRIES; round++) { // expect: naive-retry
    try {
      return await work();
    } catch (err: unknown) {
      const transient =
        err instanceof Error && (err.message.includes("529") || err.message.includes("overloaded") || err.message.includes("rate_limit") || err.message.includes("429")); // expect: string-matched-error
      if (transient && round < TRIES - 1) {
        await new Promise((done) => setTimeout(done, PAUSE_MS * (round + 1)));
        continue;
      }
      throw err;
    }
  }
  throw new Error("out of tries");
}

export interface ExtractOptions {
  wantPeople: boolean;
  wantJobs: boolean;
}

export async function extractCompanyFacts(company: string, pageText: string, options: ExtractOptions): Promise<string> {
  const system = `Pull business facts out of a company website. Reply with JSON only.${options.wantPeople ? " Include contact people." : ""}`;
  const user = `${company}\n\n${pageText.slice(0, 30_000)}`;
  const budget = Math.min(Math.max((options.wantPeople ? 600 : 0) + (options.wantJobs ? 1000 : 0) + 80, 400), 2500);

  if (process.env.OPENAI_API_KEY) {
    return tryAgain(async () => { // expect-not: naive-retry
      const openai = new OpenAI();
      const completion = await openai.chat.completions.create({
        model: "gpt-4.1-mini",
        max_tokens: budget,
        messages: [
          { role: "system", content: system },
          { role: "user", content: user },
        ],
      });
      return completion.choices[0]?.message?.content ?? "";
    });
  }
  return tryAgain(async () => {
    const claude = new Anthropic(); // expect-not: retries-disabled, hardcoded-api-key
    const reply = await claude.messages.create({ // expect-not: batchable-fanout, unbounded-fanout, model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
      model: "claude-sonnet-4-20250514",
      max_tokens: budget,
      temperature: 0,
      system,
      messages: [{ role: "user", content: user }],
    });
    const block = reply.content.find((part) => part.type === "text");
    if (!block || block.type !== "text") throw new Error("no text in the reply");
    return block.text;
  });
}
