// realworld repro (negative): uncached-prompt -- a Nest-style service grades one shop-assistant conversation with a
// forced tool; a long constant rule block goes first in the user turn with cache_control ephemeral (after a constant
// tool definition), and only the per-chat context follows it, so the repeated prefix is already cached; other
// look-alikes: one chat per call (the daily report's loop lives in another module), a model from configuration at
// 2,000 tokens for a written review, no error handling around the create, the client from an imported factory
// source: magicbagkate-coder/analitika src/claude/claude.service.ts:24
import Anthropic from "@anthropic-ai/sdk";
import { Injectable } from "@nestjs/common";
import { SettingsService } from "../settings/settings.service";
import { buildClaudeClient } from "./claude-client";
import type { Conversation, ConversationGrade } from "./grading.types";

const GRADE_TOOL = "record_grade";

@Injectable()
export class ConversationGraderService {
  private readonly client: Anthropic;

  constructor(private readonly settings: SettingsService) {
    this.client = buildClaudeClient(this.settings.anthropicKey());
  }

  async grade(chat: Conversation): Promise<ConversationGrade> {
    const reply = await this.client.messages.create({ // expect-not: uncached-prompt, batchable-fanout, model-routing, missing-max-tokens, nonstreaming-max-tokens, unbounded-fanout, naive-retry, string-matched-error
      model: this.settings.gradingModel(),
      max_tokens: 2000,
      tools: [this.gradeTool()],
      tool_choice: { type: "tool", name: GRADE_TOOL },
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: this.rules(), cache_control: { type: "ephemeral" } },
            { type: "text", text: `Customer: ${chat.customer}\nAssistants: ${chat.staff.join(", ")}\n\n${chat.transcript}` },
          ],
        },
      ],
    });
    const use = reply.content.find((b) => b.type === "tool_use");
    if (!use || use.type !== "tool_use") throw new Error("no grade returned");
    return use.input as ConversationGrade;
  }

  private rules(): string {
    return [
      "You coach the assistants of a small online shop that sells handmade ceramics and kitchenware.",
      "Read the conversation between a shop assistant and a customer and grade how the assistant handled it.",
      "All timestamps are local shop time. The shop answers messages from 09:00 to 21:00; silence at night is not a fault.",
      "Several assistants may have written in one conversation. Each message carries the writer's name and role.",
      "When a specific person made a mistake, name that person instead of writing 'the assistant'.",
      "Roles differ. A trainee is judged on speed (a first answer within ten minutes) and a correct basic reply.",
      "A follow-up assistant is judged on whether a polite reminder went out about an hour after the customer went quiet.",
      "A senior assistant owns the whole consultation: product advice, suggesting a matching item and closing the order.",
      "An after-sales assistant handles returns, breakages and delivery questions and is not judged on selling.",
      "A good first answer describes what makes the item special, then gives the price, then sends photos, then asks a question.",
      "If an automatic greeting bot already named the item and its price, sending photos straight away is fine.",
      "Suggest a second item only after the payment details were sent; before that, not suggesting one is not a mistake.",
      "If the customer says she will think about it during the consultation, check whether her doubt was explored.",
      "A reminder about an unpaid order belongs two or three hours before closing time, not in the last half hour.",
      "Assistants sign with the shift lead's first name by company policy. Never mention this and never count it as an error.",
      "A promise (to send photos, to write back tomorrow) left without any message for more than a working day is a serious mistake.",
      "Grade strictly but fairly: an order that is not closed yet is not by itself a reason for a low grade.",
      "Five means excellent work, four good work with small slips, three clear missed chances, two real errors, one gross errors.",
      "Write briefly and concretely so the owner can read the result in ten seconds.",
      "Separately from the grade, report whether the customer openly complained about the way she was being written to.",
      "Count a single irritated sentence as a complaint even when the assistant apologised afterwards.",
      "A plain refusal to buy without irritation is not a complaint. When in doubt, report a complaint.",
      "Always give one concrete, tactical piece of advice for this conversation, even when nothing went wrong.",
      "Never invent events that are not in the transcript, and quote the customer's words only when they are there.",
    ].join("\n");
  }

  private gradeTool(): Anthropic.Tool {
    return {
      name: GRADE_TOOL,
      description: "Record the grade, the review and whether the customer complained.",
      input_schema: {
        type: "object",
        properties: {
          grade: { type: "integer", minimum: 1, maximum: 5 },
          ordered: { type: ["boolean", "null"] },
          strengths: { type: "string" },
          mistakes: { type: "string" },
          advice: { type: "string" },
          complained: { type: "boolean" },
        },
        required: ["grade", "ordered", "strengths", "mistakes", "advice", "complained"],
      },
    };
  }
}
