// realworld repro (positive + negative): naive-retry, string-matched-error -- an exported matcher asks Haiku which
// known assays a policy page mentions, inside a for loop of three attempts: a 429 or 529 status, or 'overloaded' in
// the message, is retried after 1 s then 2 s (slept at the top of the next attempt), never reading retry-after, on a
// client that keeps the SDK's retries; look-alikes: the only text test is for overload, a constant 1024-token
// budget, a constant system prompt under Haiku 3.5's cache minimum, one request per call
// source: OpenOnco/V0 daemon/src/utils/ai-test-matcher.js:162
// source: OpenOnco/V0 daemon/src/utils/ai-test-matcher.js:220
// source: OpenOnco/V0 daemon/src/utils/ai-test-matcher.js:169
// source: OpenOnco/V0 daemon/src/utils/ai-test-matcher.js:160
import Anthropic from "@anthropic-ai/sdk";
import { settings } from "./settings.js";

const MATCH_MODEL = "claude-3-5-haiku-latest";
const MATCH_BUDGET = 1024;
const EXTRA_TRIES = 2;
const FIRST_WAIT_MS = 1000;

const MATCH_SYSTEM = `You read insurance policy pages and list which laboratory assays from a given list they name.
Count an assay only when its product name or billing code appears, not when only the company is named.
Answer with JSON: {"found": [], "maybe": []}.`;

const pause = (ms) => new Promise((done) => setTimeout(done, ms));

export async function findAssayMentions(pageText, assays) {
  const listing = assays.map((a) => `- ${a.name} (${a.maker})`).join("\n");
  const client = new Anthropic({ apiKey: settings.anthropicKey }); // expect-not: hardcoded-api-key, retries-disabled

  for (let attempt = 0; attempt <= EXTRA_TRIES; attempt++) { // expect: naive-retry
    try {
      if (attempt > 0) {
        await pause(FIRST_WAIT_MS * Math.pow(2, attempt - 1));
      }
      const reply = await client.messages.create({ // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout
        model: MATCH_MODEL,
        max_tokens: MATCH_BUDGET,
        system: MATCH_SYSTEM,
        messages: [{ role: "user", content: `ASSAYS:\n${listing}\n\nPAGE:\n${pageText}` }],
      });
      const raw = reply.content[0]?.text ?? "{}";
      const parsed = JSON.parse(raw.slice(raw.indexOf("{"), raw.lastIndexOf("}") + 1));
      return { found: parsed.found ?? [], maybe: parsed.maybe ?? [], error: null };
    } catch (error) {
      const busy = error.status === 429 || error.status === 529 ||
                   error.message?.includes("overloaded"); // expect-not: string-matched-error
      if (attempt === EXTRA_TRIES || !busy) {
        return { found: [], maybe: [], error: error.message ?? "unknown" };
      }
    }
  }
  return { found: [], maybe: [], error: "out of attempts" };
}
