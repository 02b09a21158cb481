// realworld repro (negative): naive-retry, retries-disabled -- an exported helper audits one lead's screenshots with
// one Sonnet 5 create per call, inside a two-attempt loop that re-asks in the same conversation only when the reply
// fails validation; any API error leaves the loop at once; the client keeps one SDK retry and a 60 s timeout;
// look-alikes: a short constant system prompt, 1,300 tokens from a constant, the model from a same-file function,
// the caught message only kept as a note, the key from the environment
// source: remati037/sajtoskop apps/worker/src/lib/ai-audit.ts:568
// source: remati037/sajtoskop apps/worker/src/lib/ai-audit.ts:573
// source: remati037/sajtoskop apps/worker/src/lib/ai-audit.ts:586
// source: remati037/sajtoskop apps/worker/src/lib/ai-audit.ts:465
import Anthropic from "@anthropic-ai/sdk";

const OUT_TOKENS = 1300;
const REVIEWER = "You review small-business websites from screenshots. Reply with JSON only: {ok, findings, summary}.";

function reviewModel(): string {
  return process.env.REVIEW_MODEL?.trim() || "claude-sonnet-5";
}

let shared: Anthropic | null = null;
function sdk(): Anthropic {
  if (shared) return shared;
  shared = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY, timeout: 60_000, maxRetries: 1 }); // expect-not: retries-disabled, hardcoded-api-key
  return shared;
}

function valid(raw: string): boolean {
  try {
    const parsed = JSON.parse(raw);
    return typeof parsed.ok === "boolean" && Array.isArray(parsed.findings);
  } catch {
    return false;
  }
}

export async function reviewShots(images: Anthropic.ImageBlockParam[]): Promise<{ raw?: string; note: string }> {
  const messages: Anthropic.MessageParam[] = [{ role: "user", content: [...images, { type: "text", text: "Review these." }] }];
  let note = "unknown";
  for (let round = 0; round < 2; round++) { // expect-not: naive-retry
    let reply: Anthropic.Message;
    try {
      reply = await sdk().messages.create({ // expect-not: batchable-fanout, model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
        model: reviewModel(),
        max_tokens: OUT_TOKENS,
        system: REVIEWER,
        messages,
      });
    } catch (err) { // expect-not: string-matched-error
      note = err instanceof Error ? err.message.split("\n")[0] : String(err);
      break;
    }
    const raw = reply.content.map((b) => (b.type === "text" ? b.text : "")).join("");
    if (valid(raw)) return { raw, note: "ok" };
    note = "reply failed validation";
    messages.push({ role: "assistant", content: raw });
    messages.push({ role: "user", content: "That was not valid. Send only the JSON object." });
  }
  return { note };
}
