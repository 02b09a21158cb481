// realworld repro (positive + negative): naive-retry -- a review tool's provider class turns the SDK's retries off
// (comment: the class retries itself) and wraps its forced-tool create, and the one schema-repair create after it,
// in a three-attempt for loop: a rate limit, a 5xx, a connection error or a network error code goes round again
// after 1 s then 2 s, never reading retry-after; look-alikes: retries off on a client whose every call sits in that
// loop, an abort test on the error text, caller-supplied model, budget and system prompt
// source: veriks/verik src/inference/anthropic-provider.ts:43
// source: veriks/verik src/inference/anthropic-provider.ts:22
// source: veriks/verik src/inference/anthropic-provider.ts:63
// source: veriks/verik src/inference/anthropic-provider.ts:95
// source: veriks/verik src/inference/anthropic-provider.ts:222
// source: veriks/verik src/inference/anthropic-provider.ts:20
import Anthropic from "@anthropic-ai/sdk";

const ATTEMPTS = 3;
const FIRST_WAIT_MS = 1000;
const NET_CODES = new Set(["ECONNRESET", "ETIMEDOUT", "EAI_AGAIN"]);

export class ReviewFailure extends Error {}

export interface StageCall {
  stage: string;
  model: string;
  system: string;
  diff: string;
  budget: number;
  schema: Record<string, unknown>;
  check: (value: unknown) => boolean;
  signal?: AbortSignal;
}

export class ClaudeReviewer {
  private readonly api: Anthropic;

  constructor(key?: string) {
    this.api = new Anthropic({ // expect-not: hardcoded-api-key
      apiKey: key ?? process.env.ANTHROPIC_API_KEY,
      // retried below, so our messages stay readable
      maxRetries: 0, // expect-not: retries-disabled
    });
  }

  async review(call: StageCall): Promise<unknown> {
    let failure: unknown;
    for (let n = 0; n < ATTEMPTS; n++) { // expect: naive-retry
      if (n > 0) await wait(FIRST_WAIT_MS * 2 ** (n - 1));
      try {
        const limit = new AbortController();
        const timer = setTimeout(() => limit.abort(), 120_000);
        const first = await this.api.messages.create( // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout
          {
            model: call.model,
            max_tokens: call.budget,
            system: call.system,
            messages: [{ role: "user", content: call.diff }],
            tools: [{ name: "report", description: `Report for ${call.stage}`, input_schema: call.schema as Anthropic.Tool["input_schema"] }],
            tool_choice: { type: "tool", name: "report" },
          },
          { signal: limit.signal },
        ).finally(() => clearTimeout(timer));
        const used = first.content.find((b): b is Anthropic.ToolUseBlock => b.type === "tool_use");
        if (!used) throw new ReviewFailure(`no report from ${call.stage}`);
        if (call.check(used.input)) return used.input;
        const fixed = await this.api.messages.create( // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing
          {
            model: call.model,
            max_tokens: call.budget,
            system: call.system,
            messages: [
              { role: "user", content: call.diff },
              { role: "assistant", content: first.content },
              { role: "user", content: "That report did not match the schema. Call report again, corrected." },
            ],
            tools: [{ name: "report", description: `Report for ${call.stage}`, input_schema: call.schema as Anthropic.Tool["input_schema"] }],
            tool_choice: { type: "tool", name: "report" },
          },
          { signal: call.signal },
        );
        const again = fixed.content.find((b): b is Anthropic.ToolUseBlock => b.type === "tool_use");
        if (!again || !call.check(again.input)) throw new ReviewFailure(`${call.stage}: report still invalid`);
        return again.input;
      } catch (err) {
        if (err instanceof ReviewFailure) throw err;
        if (err instanceof Anthropic.AuthenticationError) throw new ReviewFailure("the API key was refused");
        if (wasCancelled(err)) throw new ReviewFailure(`${call.stage} cancelled`);
        if (
          err instanceof Anthropic.RateLimitError ||
          err instanceof Anthropic.InternalServerError ||
          err instanceof Anthropic.APIConnectionError ||
          NET_CODES.has((err as NodeJS.ErrnoException).code ?? "")
        ) {
          failure = err;
          continue;
        }
        throw new ReviewFailure(`${call.stage}: ${String(err)}`);
      }
    }
    throw new ReviewFailure(`${call.stage} gave up after ${ATTEMPTS} tries: ${String(failure)}`);
  }
}

function wait(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

function wasCancelled(err: unknown): boolean {
  return err instanceof Error && (err.name === "AbortError" || err.message.includes("aborted")); // expect-not: string-matched-error
}
