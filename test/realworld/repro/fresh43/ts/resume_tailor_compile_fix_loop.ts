// realworld repro (negative): a local CLI tailors a document for the posting it is given with one create, then loops
// while a local compile fails, asking the model to fix the output (a loop on a compile result, not on an API error);
// the catch only logs; model constant imported under a name with no tier, 8,000 tokens, short system prompts (the
// original's loop over several user-given refs, a batchable-fanout `ignore`, is left out)
// source: san-jay-14/job-hunt src/optimize.ts:116
// source: san-jay-14/job-hunt src/optimize.ts:83
// source: san-jay-14/job-hunt src/optimize.ts:181
import Anthropic from "@anthropic-ai/sdk";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";

import { SCORING_MODEL } from "./job_fit_scorer_client";

const llm = new Anthropic(); // expect-not: retries-disabled, hardcoded-api-key

function textOf(reply: Anthropic.Message): string {
  return reply.content.map((block) => (block.type === "text" ? block.text : "")).join("");
}

function builds(source: string): { ok: boolean; log: string } {
  writeFileSync("draft.tex", source);
  try {
    execFileSync("pdflatex", ["-interaction=nonstopmode", "draft.tex"]);
    return { ok: true, log: "" };
  } catch (err) {
    return { ok: false, log: String(err) };
  }
}

async function tailor(base: string, posting: string): Promise<string> {
  const reply = await llm.messages.create({ // expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
    model: SCORING_MODEL,
    max_tokens: 8000,
    system: "Rewrite the LaTeX resume for the posting. Output only LaTeX.",
    messages: [{ role: "user", content: `POSTING:\n${posting}\n\nRESUME:\n${base}` }],
  });
  return textOf(reply);
}

async function repair(source: string, log: string): Promise<string> {
  const reply = await llm.messages.create({
    model: SCORING_MODEL,
    max_tokens: 8000,
    system: "Fix this LaTeX so it compiles. Output only LaTeX.",
    messages: [{ role: "user", content: `${source}\n\nERRORS:\n${log}` }],
  });
  return textOf(reply);
}

async function main(): Promise<void> {
  const base = process.env.BASE_RESUME ?? "";
  const posting = process.argv[2] ?? "";
  try {
    let source = await tailor(base, posting);
    let result = builds(source);
    let round = 1;
    while (!result.ok && round < 3) { // expect-not: naive-retry
      round++;
      source = await repair(source, result.log);
      result = builds(source);
    }
    console.log(result.ok ? "built" : "gave up");
  } catch (err) { // expect-not: string-matched-error
    console.error(`failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
