// realworld repro (positive + negative): retries-disabled -- a Nest-style help-chat service builds its client with
// maxRetries 0 and a timeout; its only request answers one user question from retrieved help articles inside a
// try whose catch logs and throws a 503, with no loop, wrapper or comment taking over the retries; look-alikes:
// the key from the configuration, Haiku for a chat answer, max_tokens from configuration with a default, a
// prompt built per question (nothing constant to cache), one request per message (nothing to batch), the catch
// logging the error's name (no message text tested)
// source: teemm/nestjs-news-api src/anthropic/anthropic.service.ts:24
// source: teemm/nestjs-news-api src/anthropic/anthropic.service.ts:44
// source: teemm/nestjs-news-api src/anthropic/anthropic.service.ts:58
import { Injectable, Logger, ServiceUnavailableException } from "@nestjs/common";
import { ConfigService } from "@nestjs/config";
import Anthropic from "@anthropic-ai/sdk";
import { HelpArticleIndex } from "../help/help-article.index";

@Injectable()
export class HelpChatService {
  private readonly logger = new Logger(HelpChatService.name);
  private readonly claude: Anthropic | null = null;
  private readonly model: string;
  private readonly replyTokens: number;

  constructor(
    private readonly config: ConfigService,
    private readonly articles: HelpArticleIndex,
  ) {
    const apiKey = this.config.get<string>("ANTHROPIC_API_KEY");
    if (apiKey) {
      this.claude = new Anthropic({ apiKey, timeout: 30000, maxRetries: 0 }); // expect: retries-disabled; expect-not: hardcoded-api-key
    } else {
      this.logger.warn("no ANTHROPIC_API_KEY: the help chat answers 503");
    }
    this.model = this.config.get<string>("HELP_CHAT_MODEL") ?? "claude-haiku-4-5";
    this.replyTokens = this.config.get<number>("HELP_CHAT_MAX_TOKENS") ?? 800;
  }

  async answer(question: string): Promise<{ reply: string }> {
    if (!this.claude) throw new ServiceUnavailableException("help chat is not configured");

    const hits = await this.articles.search(question, 3);
    const prompt = [
      "Answer the customer's question using only these help articles.",
      ...hits.map((h, i) => `Article ${i + 1}: ${h.title}\n${h.body}`),
      `Question: ${question}`,
    ].join("\n\n");

    try {
      const res = await this.claude.messages.create({ // expect-not: naive-retry, model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt, batchable-fanout, unbounded-fanout
        model: this.model,
        max_tokens: this.replyTokens,
        messages: [{ role: "user", content: prompt }],
      });
      const reply = res.content
        .filter((b) => b.type === "text")
        .map((b) => (b.type === "text" ? b.text : ""))
        .join("\n")
        .trim();
      if (!reply) throw new Error("empty reply");
      return { reply };
    } catch (error) {
      this.logger.error("help chat request failed", error instanceof Error ? error.name : "unknown"); // expect-not: string-matched-error
      throw new ServiceUnavailableException("The help chat is unavailable right now. Please try again.");
    }
  }
}
