// realworld repro (negative): the shared client module a daily job-scoring step imports: a lazily built client with
// the key from the environment and the SDK's retries kept, and a scoring-model constant whose name says no tier;
// no request is sent here
// source: san-jay-14/job-hunt src/pipeline/classify.ts:136
import Anthropic from "@anthropic-ai/sdk";

export const SCORING_MODEL = "claude-haiku-4-5";

let shared: Anthropic | null = null;

export function scoringClient(): Anthropic {
  if (!shared) {
    const apiKey = process.env.ANTHROPIC_API_KEY;
    if (!apiKey) throw new Error("set ANTHROPIC_API_KEY first");
    shared = new Anthropic({ apiKey }); // expect-not: retries-disabled, hardcoded-api-key
  }
  return shared;
}
