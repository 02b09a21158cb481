// realworld repro (negative): string-matched-error, naive-retry -- a shared drafting service turns a 429 (numeric
// status, or the error body's type field) into the job queue's own error carrying a reset time and rethrows
// everything else; nothing in the file retries, and the default model is Opus with a caller-set max_tokens
// source: daleheenan/startup backend/src/services/claude.service.ts:69
// source: daleheenan/startup backend/src/services/claude.service.ts:92
import Anthropic from "@anthropic-ai/sdk";
import { QuotaPause } from "./job_queue";

export class DraftService {
  private readonly client = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY }); // expect-not: retries-disabled, hardcoded-api-key
  private readonly model = process.env.DRAFT_MODEL || "claude-opus-4-5-20251101";

  async draft(system: string, prompt: string, maxTokens?: number): Promise<string> {
    try {
      const reply = await this.client.messages.create({ // expect-not: naive-retry, missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt
        model: this.model,
        max_tokens: maxTokens || 4096,
        system,
        messages: [{ role: "user", content: prompt }],
      });
      return reply.content.map((b) => (b.type === "text" ? b.text : "")).join("\n");
    } catch (error: any) {
      if (error?.status === 429 || error?.error?.type === "rate_limit_error") { // expect-not: string-matched-error
        throw new QuotaPause("paused until the usage window resets", new Date(Date.now() + 60 * 60 * 1000));
      }
      throw error;
    }
  }
}
