// realworld repro (positive + negative): naive-retry -- a Nest-style extraction service forces a tool call to read
// a receipt from text or from page images; both creates go to a same-file helper as closures, and the helper
// loops three attempts, going round again when a predicate accepts status 429, any 5xx, a connection error or an
// unusable tool answer, after 500 ms then 1 s (exponential, no jitter) and without reading retry-after, on a client
// that keeps the SDK's default retries; look-alikes: the 429 recognised by its numeric status (no text test), a
// model from configuration for real extraction at 4,096 tokens, a short shared system prompt, one document per call
// source: Majero-Ice/InboxOps-api src/claude/claude.service.ts:138
// source: Majero-Ice/InboxOps-api src/claude/claude.service.ts:263
// source: Majero-Ice/InboxOps-api src/claude/claude.service.ts:85
// source: Majero-Ice/InboxOps-api src/claude/claude.service.ts:113
// source: Majero-Ice/InboxOps-api src/claude/claude.service.ts:77
import { Injectable } from "@nestjs/common";
import { ConfigService } from "@nestjs/config";
import Anthropic, { APIConnectionError, APIError } from "@anthropic-ai/sdk";
import type { Message, Tool } from "@anthropic-ai/sdk/resources/messages/messages";

const ATTEMPTS = 2;
const FIRST_WAIT_MS = 500;
const OUTPUT_TOKENS = 4096;

const RECEIPT_RULES = "You read shop receipts. Call read_receipt exactly once. Use null for anything not printed.";

const READ_RECEIPT: Tool = {
  name: "read_receipt",
  description: "Record the fields of one receipt.",
  input_schema: {
    type: "object",
    properties: {
      shop: { type: ["string", "null"] },
      date: { type: ["string", "null"] },
      total: { type: "number" },
      lines: { type: "array", items: { type: "object", properties: { text: { type: "string" }, price: { type: "number" } } } },
    },
    required: ["total", "lines"],
  },
};

export interface ReceiptFields {
  shop: string | null;
  date: string | null;
  total: number;
  lines: { text: string; price: number }[];
  model: string;
}

class UnusableAnswerError extends Error {}

@Injectable()
export class ReceiptReaderService {
  private readonly anthropic: Anthropic;

  constructor(private readonly config: ConfigService) {
    this.anthropic = new Anthropic({ apiKey: this.config.getOrThrow<string>("ANTHROPIC_API_KEY") }); // expect-not: retries-disabled, hardcoded-api-key
  }

  async readText(text: string): Promise<ReceiptFields> {
    const model = this.config.getOrThrow<string>("RECEIPT_TEXT_MODEL");
    return this.withRetries(model, () =>
      this.anthropic.messages.create({ // expect-not: model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt, batchable-fanout, unbounded-fanout
        model,
        max_tokens: OUTPUT_TOKENS,
        system: RECEIPT_RULES,
        tools: [READ_RECEIPT],
        tool_choice: { type: "tool", name: "read_receipt" },
        messages: [{ role: "user", content: `Receipt text:\n\n${text}` }],
      }),
    );
  }

  async readPages(pages: Buffer[]): Promise<ReceiptFields> {
    const model = this.config.getOrThrow<string>("RECEIPT_VISION_MODEL");
    const images = pages.map((p) => ({
      type: "image" as const,
      source: { type: "base64" as const, media_type: "image/png" as const, data: p.toString("base64") },
    }));
    return this.withRetries(model, () =>
      this.anthropic.messages.create({ // expect-not: model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt, batchable-fanout, unbounded-fanout
        model,
        max_tokens: OUTPUT_TOKENS,
        system: RECEIPT_RULES,
        tools: [READ_RECEIPT],
        tool_choice: { type: "tool", name: "read_receipt" },
        messages: [{ role: "user", content: [{ type: "text", text: "Read this receipt." }, ...images] }],
      }),
    );
  }

  private async withRetries(model: string, call: () => Promise<Message>): Promise<ReceiptFields> {
    let lastError: unknown;
    for (let attempt = 0; attempt <= ATTEMPTS; attempt++) { // expect: naive-retry
      try {
        const message = await call();
        const use = message.content.find((b) => b.type === "tool_use");
        if (!use || use.type !== "tool_use") throw new UnusableAnswerError("no tool call in the reply");
        return { ...(use.input as Omit<ReceiptFields, "model">), model };
      } catch (error) {
        lastError = error;
        if (!this.worthRetrying(error) || attempt === ATTEMPTS) throw error;
        await new Promise((done) => setTimeout(done, FIRST_WAIT_MS * 2 ** attempt));
      }
    }
    throw lastError;
  }

  private worthRetrying(error: unknown): boolean {
    if (error instanceof UnusableAnswerError) return true;
    if (error instanceof APIConnectionError) return true;
    if (error instanceof APIError) return error.status === 429 || error.status >= 500; // expect-not: string-matched-error
    return false;
  }
}
