// realworld repro (negative): missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt,
// batchable-fanout, unbounded-fanout, retries-disabled, hardcoded-api-key -- one classification per recorded call,
// sent through a JSON helper imported from a sibling module, which passes a 700-token limit and a short system prompt
// to a Sonnet client built with maxRetries 4 and a key from the environment; the CLI's per-file loop lives elsewhere
// source: salesgraph-inc/call-score src/pipeline/classify.ts:49
import { requestJson } from "./call_kind_json_helper_client";

const KIND_SYSTEM = "You sort recorded sales calls into one kind from a fixed list. Never invent a kind.";

export interface CallKind {
  kindId: string;
  confidence: number;
}

export async function classifyRecording(kinds: string[], transcript: string): Promise<CallKind> {
  const prompt = `Kinds:\n${kinds.map((k) => `- ${k}`).join("\n")}\n\nTranscript:\n${transcript}\n\nAnswer as {"kindId": ..., "confidence": 0..1}.`;
  const answer = await requestJson<CallKind>(prompt, { system: KIND_SYSTEM, maxTokens: 700 }); // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout, retries-disabled, hardcoded-api-key, string-matched-error
  if (!kinds.includes(answer.kindId)) throw new Error(`unknown kind ${answer.kindId}`);
  return answer;
}
