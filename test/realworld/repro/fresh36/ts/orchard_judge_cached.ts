// realworld repro (negative): nonstreaming-max-tokens, uncached-prompt -- an eval judge grades one answer with a
// non-streaming beta create at max_tokens 16000 (under the 21,333 bound) and adaptive thinking on a default client;
// its dataset-sized system prompt already carries cache_control; the runner that loops over cases is elsewhere
// source: KeshavC217/rogo-research-agent evals/judge.ts:79
import Anthropic from "@anthropic-ai/sdk";
import { orchards } from "./orchard_data";

const client = new Anthropic(); // expect-not: retries-disabled, hardcoded-api-key

const RUBRIC = `You grade answers about orchard yields against the reference data below.
<data>
${JSON.stringify(orchards)}
</data>
Score correctness and brevity from 1 to 5, with one sentence of reasons for each.`;

export async function grade(question: string, answer: string): Promise<string> {
  const reply = await client.beta.messages.create({ // expect-not: nonstreaming-max-tokens, uncached-prompt, model-routing, batchable-fanout, missing-max-tokens, naive-retry
    model: "claude-opus-5",
    max_tokens: 16000,
    thinking: { type: "adaptive" },
    system: [{ type: "text", text: RUBRIC, cache_control: { type: "ephemeral" } }],
    messages: [{ role: "user", content: `<question>${question}</question>\n<answer>${answer}</answer>` }],
  });
  const text = reply.content.find((b) => b.type === "text");
  if (!text || text.type !== "text") throw new Error("no verdict");
  return text.text;
}
