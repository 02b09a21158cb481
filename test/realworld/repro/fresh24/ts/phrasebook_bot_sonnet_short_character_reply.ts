// realworld repro (negative): model-routing -- a language-practice bot answers each learner message in character
// with Sonnet 4.6 (a top-level constant) at max_tokens 256: a chat reply to a live turn, one request per message and
// no loop over data; look-alikes: a Haiku YES/NO judge with a short constant system prompt (Haiku already, far below
// the cache minimum), startsWith on the judge's answer (not an error test), the key handed in by the caller
// source: chiliec/indonesian src/services/anthropic.ts:36
// source: chiliec/indonesian src/services/anthropic.ts:94
// source: chiliec/indonesian src/services/anthropic.ts:106
import Anthropic from "@anthropic-ai/sdk";

export const CHAT_MODEL = "claude-sonnet-4-6";
export const FAST_MODEL = "claude-haiku-4-5-20251001";

export class PhrasebookBot {
  private client: Anthropic;

  constructor(apiKey: string) {
    this.client = new Anthropic({ apiKey }); // expect-not: retries-disabled, hardcoded-api-key
  }

  async reply(characterSystem: string, history: Array<{ role: "user" | "assistant"; content: string }>) {
    const res = await this.client.messages.create({ // expect-not: model-routing, batchable-fanout, uncached-prompt, missing-max-tokens
      model: CHAT_MODEL,
      max_tokens: 256,
      system: characterSystem,
      messages: history,
    });
    const block = res.content.find((c) => c.type === "text");
    if (!block || block.type !== "text") throw new Error("no text in reply");
    return block.text.trim();
  }

  async saidItRight(heard: string, wanted: string): Promise<boolean> {
    const res = await this.client.messages.create({ // expect-not: model-routing, uncached-prompt
      model: FAST_MODEL,
      max_tokens: 5,
      system: "You check spoken Portuguese practice. Answer YES if the transcript means the target phrase, else NO.",
      messages: [{ role: "user", content: `Target: "${wanted}"\nTranscript: "${heard}"` }],
    });
    const block = res.content.find((c) => c.type === "text");
    if (!block || block.type !== "text") throw new Error("no text in judge reply");
    return block.text.trim().toUpperCase().startsWith("YES"); // expect-not: string-matched-error
  }
}
