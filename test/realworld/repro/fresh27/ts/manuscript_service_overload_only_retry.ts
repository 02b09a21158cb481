// realworld repro (negative): naive-retry look-alike -- a manuscript service retries its Sonnet requests three
// times with doubling waits plus jitter, but only when the status is 529 or a 5xx or the socket dropped; a 429
// fails that test and is thrown at once, left to the SDK's own retries; the streaming twin does the same at
// 64,000 tokens through messages.stream; look-alikes: numeric status tests (no error text), a 12,000-token
// non-streaming request under the SDK's bound, system prompts handed in by each method, a default client
// source: mackerricher/TechBookForge server/services/claude.ts:164
// source: mackerricher/TechBookForge server/services/claude.ts:784
// source: mackerricher/TechBookForge server/services/claude.ts:190
// source: mackerricher/TechBookForge server/services/claude.ts:168
// source: mackerricher/TechBookForge server/services/claude.ts:788
// source: mackerricher/TechBookForge server/services/claude.ts:26
import Anthropic from "@anthropic-ai/sdk";

const WRITER_MODEL = "claude-sonnet-4-20250514";

export class ManuscriptWriter {
  private client: Anthropic;

  constructor() {
    this.client = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY }); // expect-not: retries-disabled
  }

  async write(prompt: string, system?: string): Promise<string> {
    const tries = 3;
    for (let n = 1; n <= tries; n++) { // expect-not: naive-retry
      try {
        const reply = await this.client.messages.create({ // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout
          model: WRITER_MODEL,
          max_tokens: 12000,
          system: system || "You write clear technical prose.",
          messages: [{ role: "user", content: prompt }],
        });
        const first = reply.content[0];
        if (first.type === "text") return first.text;
        throw new Error("no text block");
      } catch (error: any) {
        const transient = error.status === 529 || error.status === 503 || error.status === 502 || error.status === 500 || error.code === "ECONNRESET"; // expect-not: string-matched-error
        if (n === tries || !transient) {
          throw new Error(`writer failed after ${n} tries: ${error.message || error.status}`);
        }
        const pause = 1200 * Math.pow(2, n - 1) + Math.random() * 800;
        await new Promise((r) => setTimeout(r, pause));
      }
    }
    throw new Error("writer gave up");
  }

  async rewriteWhole(prompt: string, system?: string): Promise<string> {
    const tries = 3;
    for (let n = 1; n <= tries; n++) { // expect-not: naive-retry
      try {
        const stream = await this.client.messages.stream({ // expect-not: missing-max-tokens, nonstreaming-max-tokens
          model: WRITER_MODEL,
          max_tokens: 64000,
          system: system || "You write clear technical prose.",
          messages: [{ role: "user", content: prompt }],
        });
        let out = "";
        for await (const ev of stream) {
          if (ev.type === "content_block_delta" && ev.delta.type === "text_delta") out += ev.delta.text;
        }
        return out;
      } catch (error: any) {
        const transient = error.status === 529 || error.status >= 500 || error.code === "ETIMEDOUT";
        if (n === tries || !transient) throw error;
        await new Promise((r) => setTimeout(r, 1200 * Math.pow(2, n - 1) + Math.random() * 800));
      }
    }
    throw new Error("rewrite gave up");
  }
}
