// realworld repro (positive + negative): retries-disabled, naive-retry, string-matched-error -- a lender-brief
// service class builds its client with maxRetries 0 (the comment says the class retries on its own), but only the
// streamed brief goes through the class's retry wrapper: a for loop of three attempts waiting 1 s then 2 s when a
// predicate method says the error is retryable (a status of 429 or 5xx, or socket, overload or 'rate limit' words in
// the lower-cased message), never reading retry-after; the source search and the page digest are sent on the same
// client with no retry at all; look-alikes: a streamed 16,000-token brief, 4,000 and 8,000-token creates, short
// literal system prompts, one request per method call
// (the lead moved the string-matched-error marker from the text test to the predicate's call, where the original's alt line puts the finding)
// source: gregjacobi/Banks server/services/claudeService.js:23
// source: gregjacobi/Banks server/services/claudeService.js:220
// source: gregjacobi/Banks server/services/claudeService.js:269
// source: gregjacobi/Banks server/services/claudeService.js:115
// source: gregjacobi/Banks server/services/claudeService.js:823
// source: gregjacobi/Banks server/services/claudeService.js:874
const Anthropic = require("@anthropic-ai/sdk");

const BRIEF_SYSTEM = "You are a credit analyst. Write a short, sourced brief about the lender.";

class LenderBriefService {
  constructor() {
    this.client = new Anthropic({ // expect-not: hardcoded-api-key
      apiKey: process.env.ANTHROPIC_API_KEY,
      timeout: 240000,
      // the class retries on its own
      maxRetries: 0, // expect: retries-disabled
    });
    this.model = "claude-sonnet-4-20250514";
    this.attempts = 3;
    this.firstWaitMs = 1000;
  }

  async writeBrief(lender, onText) {
    return this._withRetry(async () => {
      const stream = this.client.messages.stream({ // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, unbounded-fanout
        model: this.model,
        max_tokens: 16000,
        system: BRIEF_SYSTEM,
        messages: [{ role: "user", content: `Lender: ${lender.name}\nFigures:\n${lender.figures}` }],
      });
      let text = "";
      for await (const event of stream) {
        if (event.type === "content_block_delta" && event.delta.type === "text_delta") {
          text += event.delta.text;
          if (onText) onText(event.delta.text);
        }
      }
      return text;
    });
  }

  async _withRetry(work) {
    let lastError;
    for (let attempt = 1; attempt <= this.attempts; attempt++) { // expect: naive-retry
      try {
        return await work(attempt);
      } catch (error) {
        lastError = error;
        const again = this._canRetry(error); // expect: string-matched-error
        if (!again || attempt === this.attempts) {
          throw new Error(`brief failed: ${error.message}`);
        }
        const waitMs = this.firstWaitMs * Math.pow(2, attempt - 1);
        await new Promise((resolve) => setTimeout(resolve, waitMs));
      }
    }
    throw lastError;
  }

  _canRetry(error) {
    const text = (error.message || "").toLowerCase();
    if (text.includes("socket") ||
        text.includes("overloaded") ||
        text.includes("rate limit") ||
        text.includes("econnreset")) {
      return true;
    }
    return error.status === 429 || error.status >= 500;
  }

  async findSources(lender, topic) {
    try {
      const reply = await this.client.messages.create({ // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, naive-retry
        model: this.model,
        max_tokens: 4000,
        system: "List public sources as a JSON array.",
        messages: [{ role: "user", content: `Sources about ${lender.name} on ${topic}` }],
      });
      return reply.content.filter((b) => b.type === "text").map((b) => b.text).join("");
    } catch (error) {
      console.error("source search failed", error);
      throw error;
    }
  }

  async digestPage(url) {
    try {
      const reply = await this.client.messages.create({ // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, batchable-fanout, naive-retry
        model: this.model,
        max_tokens: 8000,
        messages: [{ role: "user", content: `Summarise the page at ${url} in three paragraphs.` }],
      });
      return reply.content.filter((b) => b.type === "text").map((b) => b.text).join("");
    } catch (error) {
      console.error("page digest failed", error);
      throw error;
    }
  }
}

module.exports = LenderBriefService;
