// realworld repro (negative): uncached-prompt, nonstreaming-max-tokens, model-routing, string-matched-error,
// naive-retry -- a structured-output helper for an exam tool builds a client per call with the key handed in, sends
// one non-streaming Opus request (16000 by default) with the system prompt marked cache_control, and maps SDK errors
// by class (RateLimitError first) to callable errors without retrying
// source: JAOLMOS07/ExamHub functions/src/claude.ts:31
// source: JAOLMOS07/ExamHub functions/src/claude.ts:71
// source: JAOLMOS07/ExamHub functions/src/claude.ts:28
import Anthropic from "@anthropic-ai/sdk";

export const EXAM_MODEL = process.env.EXAM_MODEL || "claude-opus-4-7";

export class CallableFailure extends Error {
  constructor(public code: string, message: string) {
    super(message);
  }
}

export async function askStructured<T>(req: { key: string; system: string; user: string; maxTokens?: number }): Promise<T> {
  const client = new Anthropic({ apiKey: req.key }); // expect-not: retries-disabled, hardcoded-api-key
  let reply: Anthropic.Message;
  try {
    reply = await client.messages.create({ // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout, naive-retry
      model: EXAM_MODEL,
      max_tokens: req.maxTokens ?? 16000,
      system: [{ type: "text", text: req.system, cache_control: { type: "ephemeral" } }],
      messages: [{ role: "user", content: req.user }],
    });
  } catch (err) {
    throw asCallable(err);
  }
  const text = reply.content.flatMap((b) => (b.type === "text" ? [b.text] : [])).join("");
  return JSON.parse(text) as T;
}

function asCallable(err: unknown): CallableFailure {
  if (err instanceof Anthropic.RateLimitError) { // expect-not: string-matched-error
    return new CallableFailure("resource-exhausted", "The assistant is busy, try again in a minute.");
  }
  if (err instanceof Anthropic.APIError) {
    return new CallableFailure("unavailable", `Assistant error ${err.status}`);
  }
  return new CallableFailure("internal", "Unexpected assistant error.");
}
