// realworld repro (positive + negative): naive-retry, string-matched-error -- a script helper module keeps one
// client (default SDK retries) and exports a one-call helper whose create takes the caller's system prompt and
// budget; an exported wrapper loops up to four attempts around that helper and, when the error is a rate limit
// (its class, or '429' found in the message text), waits 2, 4 then 8 s and goes round again without reading
// retry-after; look-alikes: the Message Batches helpers (create with caller-built requests, a 30 s status poll
// loop), placeholders in the missing-key help text, the key read from a local env file
// source: AIMS-Product/InstaSetter scripts/lib/claude-client.ts:89
// source: AIMS-Product/InstaSetter scripts/lib/claude-client.ts:95
// source: AIMS-Product/InstaSetter scripts/lib/claude-client.ts:66
// source: AIMS-Product/InstaSetter scripts/lib/claude-client.ts:115
// source: AIMS-Product/InstaSetter scripts/lib/claude-client.ts:126
// source: AIMS-Product/InstaSetter scripts/lib/claude-client.ts:25
import Anthropic from "@anthropic-ai/sdk";
import { readFileSync } from "node:fs";

function readKey(): string {
  try {
    const found = readFileSync(".env.local", "utf-8").match(/^ANTHROPIC_API_KEY=(.+)$/m);
    if (found) return found[1].trim();
  } catch {
    // no local file
  }
  if (process.env.ANTHROPIC_API_KEY) return process.env.ANTHROPIC_API_KEY;
  console.error(
    "ANTHROPIC_API_KEY missing. Put ANTHROPIC_API_KEY=sk-ant-... in .env.local " + // expect-not: hardcoded-api-key
      "or run: export ANTHROPIC_API_KEY=sk-ant-...",
  );
  process.exit(1);
}

let shared: Anthropic | null = null;

export function client(): Anthropic {
  if (!shared) shared = new Anthropic({ apiKey: readKey() }); // expect-not: retries-disabled, hardcoded-api-key
  return shared;
}

export const SMALL_MODEL = "claude-haiku-4-5";

export async function askOnce(opts: { model: string; system: string; text: string; maxTokens?: number }): Promise<string> {
  const reply = await client().messages.create({ // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout
    model: opts.model,
    max_tokens: opts.maxTokens ?? 2048,
    system: opts.system,
    messages: [{ role: "user", content: opts.text }],
  });
  return reply.content.map((b) => (b.type === "text" ? b.text : "")).join("");
}

export async function askWithBackoff(opts: Parameters<typeof askOnce>[0], tries = 3): Promise<string> {
  for (let n = 0; n <= tries; n++) { // expect: naive-retry
    try {
      return await askOnce(opts);
    } catch (err: unknown) {
      const limited =
        err instanceof Anthropic.RateLimitError ||
        (err instanceof Error && err.message.includes("429")); // expect: string-matched-error
      if (!limited || n === tries) throw err;
      const wait = 2 ** (n + 1) * 1000;
      console.log(`rate limited, sleeping ${wait / 1000}s`);
      await pause(wait);
    }
  }
  throw new Error("not reached");
}

export async function submitBatch(requests: Anthropic.Messages.Batches.BatchCreateParams.Request[]): Promise<string> {
  const batch = await client().messages.batches.create({ requests }); // expect-not: missing-max-tokens, batchable-fanout
  return batch.id;
}

export async function waitForBatch(id: string, everyMs = 30_000): Promise<void> {
  while (true) { // expect-not: naive-retry
    const batch = await client().messages.batches.retrieve(id);
    console.log(`batch ${id}: ${batch.processing_status}`);
    if (batch.processing_status === "ended") return;
    await pause(everyMs);
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
