// realworld repro (negative): model-routing -- a Nest-style service reads one expense note into a JSON schema with
// an Opus model by default (overridable by configuration) at low effort and 1,024 tokens; there is no loop over
// notes in the file (one request per note submitted to the service) and the budget is above the small-answer
// threshold, so a reviewer would at most suggest trying a smaller model; other look-alikes: a constant system
// prompt of a few hundred characters, the error handed to an imported mapper (no message text tested), no retry
// source: jlnovais/Classification-demo src/claude/claude.service.ts:99
// source: jlnovais/Classification-demo src/claude/claude.service.ts:109
// source: jlnovais/Classification-demo src/claude/claude.service.ts:86
import { Injectable } from "@nestjs/common";
import { ConfigService } from "@nestjs/config";
import Anthropic from "@anthropic-ai/sdk";
import { toHttpError } from "./claude-errors";

export interface ExpenseNote {
  vendor: string | null;
  date: string | null;
  amount: number | null;
  currency: string | null;
  tags: string[];
}

const NOTE_RULES = `Extract the fields of one expense note.
- vendor: the business name only. date: YYYY-MM-DD or null. amount: the final total as a plain number.
- currency: ISO 4217, inferred from symbols when needed. tags: one or more spending categories.
Use only what the note says.`;

const NOTE_SCHEMA = {
  type: "object",
  properties: {
    vendor: { anyOf: [{ type: "string" }, { type: "null" }] },
    date: { anyOf: [{ type: "string" }, { type: "null" }] },
    amount: { anyOf: [{ type: "number" }, { type: "null" }] },
    currency: { anyOf: [{ type: "string" }, { type: "null" }] },
    tags: { type: "array", items: { type: "string" } },
  },
  required: ["vendor", "date", "amount", "currency", "tags"],
  additionalProperties: false,
};

@Injectable()
export class ExpenseNoteReader {
  private readonly client: Anthropic;
  private readonly model: string;

  constructor(private readonly config: ConfigService) {
    this.client = new Anthropic({ apiKey: this.config.get<string>("ANTHROPIC_API_KEY") }); // expect-not: retries-disabled, hardcoded-api-key
    this.model = this.config.get<string>("EXPENSE_MODEL") ?? "claude-opus-4-1";
  }

  async read(note: string): Promise<ExpenseNote> {
    let res: Anthropic.Message;
    try {
      res = await this.client.messages.create({ // expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens, batchable-fanout, unbounded-fanout, naive-retry
        model: this.model,
        max_tokens: 1024,
        system: NOTE_RULES,
        messages: [{ role: "user", content: note }],
        output_config: { effort: "low", format: { type: "json_schema", schema: NOTE_SCHEMA } },
      });
    } catch (error) { // expect-not: string-matched-error
      throw toHttpError(error);
    }
    const block = res.content.find((b) => b.type === "text");
    if (!block || block.type !== "text") throw new Error("no text in the reply");
    return JSON.parse(block.text) as ExpenseNote;
  }
}
