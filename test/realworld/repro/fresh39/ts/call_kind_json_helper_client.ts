// realworld repro (module): the JSON helper imported by call_kind_json_helper.ts -- a client with maxRetries 4 and
// the key from the environment, one non-streaming create per request with the caller's limit and system prompt, the
// first JSON object in the answer parsed; no loop and no retry here
// source: salesgraph-inc/call-score src/pipeline/classify.ts:49
import Anthropic from "@anthropic-ai/sdk";

const client = new Anthropic({ maxRetries: 4, apiKey: process.env.ANTHROPIC_API_KEY }); // expect-not: retries-disabled, hardcoded-api-key
const KIND_MODEL = process.env.CALL_KIND_MODEL ?? "claude-sonnet-4-6";

export async function requestJson<T>(prompt: string, opts: { system?: string; maxTokens: number }): Promise<T> {
  const reply = await client.messages.create({ // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout
    model: KIND_MODEL,
    max_tokens: opts.maxTokens,
    messages: [{ role: "user", content: `${prompt}\n\nReturn only one JSON object.` }],
    ...(opts.system ? { system: opts.system } : {}),
  });
  const text = reply.content.map((block) => (block.type === "text" ? block.text : "")).join("");
  const found = text.match(/\{[\s\S]*\}/);
  if (!found) throw new Error("no JSON object in the answer");
  return JSON.parse(found[0]) as T;
}
