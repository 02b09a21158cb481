// realworld repro (negative): retries-disabled, nonstreaming-max-tokens, string-matched-error, naive-retry -- an edge
// function's structured call on an injected beta messages client turns the SDK's retries off per request beside a
// per-request timeout, with a comment that the job runner retries the whole job instead; errors are mapped by class
// and numeric status to an error with a retryable flag, nothing is re-sent here
// source: agentflowhub/ai-film-studio supabase/functions/_shared/claude.ts:73
// source: agentflowhub/ai-film-studio supabase/functions/_shared/claude.ts:57
// source: agentflowhub/ai-film-studio supabase/functions/_shared/claude.ts:105
import Anthropic from "@anthropic-ai/sdk";

export class StoryboardError extends Error {
  constructor(
    readonly kind: "rate_limited" | "overloaded" | "upstream" | "truncated",
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

export interface StoryboardConfig {
  model: string;
  maxTokens: number;
  timeoutMs: number;
}

type BetaParse = Pick<Anthropic["beta"]["messages"], "parse">;

export async function draftStoryboard(messages: BetaParse, config: StoryboardConfig, system: string, brief: string) {
  let reply;
  try {
    reply = await messages.parse( // expect-not: nonstreaming-max-tokens, missing-max-tokens, model-routing, uncached-prompt, naive-retry, batchable-fanout, unbounded-fanout, hardcoded-api-key
      {
        model: config.model,
        max_tokens: config.maxTokens,
        system,
        messages: [{ role: "user", content: brief }],
      },
      // No SDK retries: several attempts in a row would outlast the edge function; the job queue retries the job.
      { timeout: config.timeoutMs, maxRetries: 0 }, // expect-not: retries-disabled
    );
  } catch (err) {
    throw classify(err);
  }
  if (reply.stop_reason === "max_tokens") {
    throw new StoryboardError("truncated", "the storyboard was cut off", true);
  }
  return reply;
}

function classify(err: unknown): StoryboardError {
  if (err instanceof Anthropic.RateLimitError) { // expect-not: string-matched-error
    return new StoryboardError("rate_limited", "Claude rate limit", true);
  }
  if (err instanceof Anthropic.APIError) {
    const status = err.status ?? 0;
    if (status === 529) return new StoryboardError("overloaded", "Claude overloaded", true);
    return new StoryboardError("upstream", `Claude answered ${status}`, status >= 500);
  }
  return new StoryboardError("upstream", "unknown failure calling Claude", true);
}
