// realworld repro (positive + negative): string-matched-error -- a shared page-editing helper streams one Opus
// request per edit instruction (finalMessage, 16,000 tokens, a client with a five-minute timeout) and, in the catch
// around it, decides that a failure was a rate limit by testing the caught error's message for "rate_limit" or "429"
// to pick the reply; look-alikes: the timeout and authentication text tests in the same catch, a usage row written
// with a database model's create, a long system prompt built per call and sent once per request
// source: jkolsun/bright_engine src/lib/ai-site-editor.ts:374
// source: jkolsun/bright_engine src/lib/ai-site-editor.ts:371
// source: jkolsun/bright_engine src/lib/ai-site-editor.ts:377
// source: jkolsun/bright_engine src/lib/ai-site-editor.ts:358
// source: jkolsun/bright_engine src/lib/ai-site-editor.ts:238
import Anthropic from "@anthropic-ai/sdk";
import { store } from "./store";

const EDIT_MODEL = "claude-opus-4-6";

let shared: Anthropic | null = null;
function editorClient(): Anthropic {
  if (!shared) {
    shared = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY, timeout: 5 * 60 * 1000 }); // expect-not: retries-disabled
  }
  return shared;
}

function editorInstructions(siteName: string): string {
  return `You edit static HTML pages. Reply with JSON only: {"edits": [{"find": "...", "put": "..."}], "note": "..."}.
Copy every "find" string exactly from the page. Keep edits small. The page belongs to ${siteName}.`;
}

export async function editPage(page: string, instruction: string, siteName: string): Promise<{ page: string } | { error: string }> {
  try {
    const anthropic = editorClient();
    const stream = anthropic.messages.stream({ // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout, naive-retry
      model: EDIT_MODEL,
      max_tokens: 16000,
      system: editorInstructions(siteName),
      messages: [{ role: "user", content: `Page:\n\n${page}\n\nInstruction: ${instruction}` }],
    });
    const reply = await stream.finalMessage();

    const text = reply.content
      .filter((b): b is Anthropic.TextBlock => b.type === "text")
      .map((b) => b.text)
      .join("");
    const { edits } = JSON.parse(text) as { edits: { find: string; put: string }[] };
    let updated = page;
    for (const edit of edits) {
      updated = updated.replace(edit.find, edit.put);
    }

    await store.usage.create({ data: { service: "anthropic", action: "page_edit" } }).catch((err: unknown) => { // expect-not: missing-max-tokens
      console.error("usage row failed", err);
    });

    return { page: updated };
  } catch (error) {
    const message = error instanceof Error ? error.message : "unknown error";
    if (message.includes("timeout") || message.includes("TIMEOUT")) { // expect-not: string-matched-error
      return { error: "The edit took too long. Try a shorter instruction." };
    }
    if (message.includes("rate_limit") || message.includes("429")) { // expect: string-matched-error
      return { error: "Too many edits right now. Wait a moment and try again." };
    }
    if (message.includes("invalid_api_key") || message.includes("authentication")) { // expect-not: string-matched-error
      return { error: "The editing service is not configured." };
    }
    return { error: `Edit failed: ${message}` };
  }
}
