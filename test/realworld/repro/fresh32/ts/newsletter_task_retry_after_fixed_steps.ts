// realworld repro (negative): naive-retry, string-matched-error, batchable-fanout -- a background task writes four
// different pieces for one topic (article, posts, thread, newsletter) through a same-file helper whose retry wrapper
// goes round only on a 429 (numeric status or the error body's type field) and waits the retry-after header's
// seconds, doubling from 15 s to a 120 s cap only when the header is missing; every other error is rethrown; the four
// steps are a fixed handful, 8 s apart, not one request per data item
// source: posiajiboyecom/ascentor-mvp src/trigger/content-writer.ts:27
// source: posiajiboyecom/ascentor-mvp src/trigger/content-writer.ts:31
// source: posiajiboyecom/ascentor-mvp src/trigger/content-writer.ts:49
// source: posiajiboyecom/ascentor-mvp src/trigger/content-writer.ts:12
import Anthropic from "@anthropic-ai/sdk";

const claude = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY }); // expect-not: hardcoded-api-key, retries-disabled
const STEP_GAP_MS = 8_000;

async function politely(
  send: () => Promise<Anthropic.Message>,
  tag: string,
  tries = 4,
): Promise<Anthropic.Message> {
  for (let n = 1; n <= tries; n++) { // expect-not: naive-retry
    try {
      return await send();
    } catch (err: any) {
      const limited = err?.status === 429 || err?.error?.type === "rate_limit_error"; // expect-not: string-matched-error
      if (limited && n < tries) {
        const header = err?.headers?.["retry-after"];
        const waitMs = header ? parseInt(header, 10) * 1000 : Math.min(15_000 * 2 ** (n - 1), 120_000);
        console.warn(`[${tag}] rate limited, waiting ${waitMs} ms`);
        await new Promise((r) => setTimeout(r, waitMs));
        continue;
      }
      throw err;
    }
  }
  throw new Error(`[${tag}] out of attempts`);
}

async function write(prompt: string, budget: number, tag: string): Promise<string> {
  const reply = await politely(
    () => claude.messages.create({ // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout
      model: "claude-sonnet-4-20250514",
      max_tokens: budget,
      messages: [{ role: "user", content: prompt }],
    }),
    tag,
  );
  const first = reply.content[0];
  return first.type === "text" ? first.text : "";
}

export async function writeTopicPack(topic: string) {
  const article = await write(`Write a 700-word article about "${topic}". Return JSON.`, 1500, "article");
  await new Promise((r) => setTimeout(r, STEP_GAP_MS));
  const posts = await write(`Write five short social posts about "${topic}". Return JSON.`, 1200, "posts");
  await new Promise((r) => setTimeout(r, STEP_GAP_MS));
  const thread = await write(`Write a six-part thread about "${topic}". Return JSON.`, 1000, "thread");
  await new Promise((r) => setTimeout(r, STEP_GAP_MS));
  const letter = await write(`Write a 500-word newsletter section about "${topic}". Return JSON.`, 800, "letter");
  return { article, posts, thread, letter };
}
