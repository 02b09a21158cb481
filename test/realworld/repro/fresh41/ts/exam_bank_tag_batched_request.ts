// realworld repro (negative): batchable-fanout, model-routing, uncached-prompt, unbounded-fanout -- a callable tags
// up to 25 question-bank items in ONE request (the items joined into one prompt) through the structured helper
// imported from a sibling module (Opus default, cached system prompt), after a Promise.all over database reads that
// holds no Claude call
// source: JAOLMOS07/ExamHub functions/src/index.ts:203
// source: JAOLMOS07/ExamHub functions/src/index.ts:50
import { askStructured } from "./exam_bank_structured_helper";

const TAGGING_RULES = "Assign each question to one competency of the national exam. Answer as JSON {tags: [...]}.";

export async function tagQuestions(
  key: string,
  loadQuota: () => Promise<number>,
  loadUsed: () => Promise<number>,
  items: { id: string; stem: string }[],
): Promise<unknown> {
  const [quota, used] = await Promise.all([loadQuota(), loadUsed()]); // expect-not: unbounded-fanout
  if (used >= quota) throw new Error("monthly assistant credits used up");
  const batch = items.slice(0, 25);
  const user = batch.map((it) => `id: ${it.id}\n${it.stem.slice(0, 2000)}`).join("\n\n---\n\n");
  return askStructured({ key, system: TAGGING_RULES, user }); // expect-not: batchable-fanout, model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens, naive-retry
}
