// realworld repro (negative): naive-retry -- a shared helper asks Claude for JSON in a loop of at most two passes
// whose try covers only the parse of the reply: a bad parse appends the reply and a correction turn and asks again,
// while an API error from the create is not caught and propagates, so no rate limit is retried; the system prompt
// and budget come from the caller and the model from a deployment setting
// source: colorjazz/francais5 functions/src/claude.ts:34
// source: colorjazz/francais5 functions/src/claude.ts:35
// source: colorjazz/francais5 functions/src/claude.ts:47
// source: colorjazz/francais5 functions/src/claude.ts:13
import Anthropic from "@anthropic-ai/sdk";

let client: Anthropic | undefined;

function claude(): Anthropic {
  client ??= new Anthropic({ apiKey: process.env.QUIZ_ANTHROPIC_KEY }); // expect-not: retries-disabled, hardcoded-api-key
  return client;
}

function looseJson<T>(raw: string): T {
  const fenced = raw.trim().match(/```(?:json)?\s*([\s\S]*?)```/i);
  return JSON.parse(fenced ? fenced[1] : raw.trim()) as T;
}

export async function askForJson<T>(opts: { system: string; user: string; budget?: number }): Promise<T> {
  const turns: Anthropic.MessageParam[] = [{ role: "user", content: opts.user }];
  for (let pass = 0; pass < 2; pass++) { // expect-not: naive-retry
    const reply = await claude().messages.create({ // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout
      model: process.env.QUIZ_MODEL ?? "claude-sonnet-4-5",
      max_tokens: opts.budget ?? 4096,
      system: opts.system,
      messages: turns,
    });
    const block = reply.content.find((b) => b.type === "text");
    const raw = block && block.type === "text" ? block.text : "";
    try {
      return looseJson<T>(raw);
    } catch (err) { // expect-not: string-matched-error
      if (pass === 1) throw new Error(`reply was not valid JSON: ${(err as Error).message}`);
      turns.push({ role: "assistant", content: raw });
      turns.push({ role: "user", content: "That was not valid JSON. Answer again with one JSON object and nothing else." });
    }
  }
  throw new Error("no usable reply");
}
