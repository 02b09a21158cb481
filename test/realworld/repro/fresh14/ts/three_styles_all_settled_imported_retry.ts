// realworld repro (negative): unbounded-fanout, batchable-fanout, naive-retry and model-routing look-alikes -- a
// request-time pipeline step starts one Sonnet request per entry of a module-level literal of three styles with
// Promise.allSettled, each create handed to a withRetry imported from another module; each page needs 4,096-6,000
// tokens and the system prompt is two sentences
// source: bhisoftware/page-refresh lib/ai/generate-layouts.ts:238
// source: bhisoftware/page-refresh lib/ai/generate-layouts.ts:189
// source: bhisoftware/page-refresh lib/ai/generate-layouts.ts:187
// source: bhisoftware/page-refresh lib/ai/generate-layouts.ts:14
import Anthropic from "@anthropic-ai/sdk";
import { withRetry } from "./retry";

const api = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY }); // expect-not: retries-disabled, hardcoded-api-key
const STYLES = [
  { name: "Bold", hint: "Large type and strong contrast." },
  { name: "Calm", hint: "Whitespace and muted colours." },
  { name: "Warm", hint: "Story-led sections and soft tones." },
] as const;

async function onePage(brief: string, name: string, hint: string, budget: number) {
  const reply = await withRetry(() => // expect-not: naive-retry
    api.messages.create({ // expect-not: batchable-fanout, model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt
      model: "claude-sonnet-4-5",
      max_tokens: Math.max(4096, Math.min(6000, budget)),
      system: "You design landing pages. Return only JSON.",
      messages: [{ role: "user", content: `${brief}\n\nStyle: ${name}. ${hint}` }],
    }),
  );
  const block = reply.content.find((b) => b.type === "text");
  return { name, html: block && "text" in block ? block.text : "" };
}

export async function threePages(brief: string, budget: number) {
  const settled = await Promise.allSettled( // expect-not: unbounded-fanout
    STYLES.map(({ name, hint }) => onePage(brief, name, hint, budget)),
  );
  return settled.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
}
