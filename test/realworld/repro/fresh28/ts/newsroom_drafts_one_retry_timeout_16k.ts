// realworld repro (negative): a newsroom service keeps one client with a 120 s timeout and a single SDK retry (a
// comment ties both to the cycle's time budget); one same-file JSON call serves scoring (many items in one
// request, budget grown with the item count up to 16,000) and drafting (16,000 tokens, not streamed, under the
// 21,333 bound); the catch maps error classes to the app's errors and tests a BadRequestError's message for a
// workspace misconfiguration (not a rate limit); constant system prompts of one to two thousand characters;
// models from configuration
// source: yeyodev1/off-the-record-news-backapp src/services/anthropic.service.ts:32
// source: yeyodev1/off-the-record-news-backapp src/services/anthropic.service.ts:243
// source: yeyodev1/off-the-record-news-backapp src/services/anthropic.service.ts:262
import Anthropic from "@anthropic-ai/sdk";

class DeskError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

let shared: Anthropic | null = null;

function desk(): Anthropic {
  if (!process.env.ANTHROPIC_API_KEY) throw new DeskError("AI is not configured", 503);
  // short timeout and one retry: the whole cycle has to fit in about four minutes
  shared ??= new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY, timeout: 120_000, maxRetries: 1 }); // expect-not: retries-disabled, hardcoded-api-key
  return shared;
}

const WRITING_RULES = `You are the copy desk of a small regional news site.
Write short, neutral sentences in the active voice. Never invent figures, dates, names or quotes.
Attribute every fact to its source. Leave an optional field empty rather than guess.
Return: title (at most 70 characters), lede (one sentence), whyItMatters (one or two sentences),
details (two to four bullets), body (two to five short paragraphs), tags (two to five, lower case).`;

const RANKING_RULES = `You are the editor in chief. Score each item from 0 to 10 for proximity, freshness, public interest
and impact, give one sentence of reasoning, and mark items that repeat a headline already published.`;

async function askJson<T>(opts: { model: string; system: string; prompt: string; schema: object; maxTokens: number }): Promise<T> {
  let reply: Anthropic.Message;
  try {
    reply = await desk().messages.create({ // expect-not: nonstreaming-max-tokens, missing-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout, naive-retry
      model: opts.model,
      max_tokens: opts.maxTokens,
      system: opts.system,
      messages: [{ role: "user", content: opts.prompt }],
      output_config: { format: { type: "json_schema", schema: opts.schema } },
    });
  } catch (err) {
    if (err instanceof Anthropic.RateLimitError) throw new DeskError("AI is busy, try again in a few minutes", 503);
    if (err instanceof Anthropic.BadRequestError && /workspace/i.test(err.message)) { // expect-not: string-matched-error
      throw new DeskError("the key is not tied to a workspace", 503);
    }
    if (err instanceof Anthropic.APIError) throw new DeskError(`AI error (${err.status})`, 502);
    throw err;
  }
  if (reply.stop_reason === "max_tokens") throw new DeskError("AI answer cut short", 502);
  const text = reply.content.map((b) => (b.type === "text" ? b.text : "")).join("");
  return JSON.parse(text) as T;
}

export async function rankItems(items: { ref: string; title: string; summary: string }[]) {
  const list = items.map((i) => `[${i.ref}] ${i.title}\n${i.summary}`).join("\n\n");
  return askJson<{ results: { ref: string; score: number; reasoning: string }[] }>({
    model: process.env.RANKING_MODEL ?? "claude-haiku-4-5",
    system: RANKING_RULES,
    prompt: `Score every item, one result per [ref]:\n\n${list}`,
    schema: { type: "object", properties: { results: { type: "array" } }, required: ["results"] },
    maxTokens: Math.min(16000, 400 + items.length * 180),
  });
}

export async function draftStory(source: { title: string; summary: string; url: string }) {
  return askJson<{ title: string; lede: string }>({
    model: process.env.WRITING_MODEL ?? "claude-sonnet-4-5",
    system: WRITING_RULES,
    prompt: `Write a short story from this material only.\nTitle: ${source.title}\nSummary: ${source.summary}\nURL: ${source.url}`,
    schema: { type: "object", properties: { title: { type: "string" }, lede: { type: "string" } }, required: ["title", "lede"] },
    maxTokens: 16000,
  });
}
