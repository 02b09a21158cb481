// realworld repro (negative): naive-retry, nonstreaming-max-tokens, uncached-prompt -- a daily news digest resumes a
// web-search turn in a bounded loop only when stop_reason is pause_turn (not an error; an API error leaves the loop at
// once), on Haiku at 16000 tokens with a thinking budget, then normalises the prose with messages.parse; a post writer
// sends a short constant system prompt once per user request
// source: moralesangel/radai functions/src/claude.ts:59
// source: moralesangel/radai functions/src/claude.ts:60
// source: moralesangel/radai functions/src/claude.ts:109
// source: moralesangel/radai functions/src/claude.ts:146
// source: moralesangel/radai functions/src/claude.ts:15
import Anthropic from "@anthropic-ai/sdk";

const DIGEST_MODEL = "claude-haiku-4-5";
let shared: Anthropic | null = null;
const claude = () => (shared ??= new Anthropic()); // expect-not: retries-disabled, hardcoded-api-key

async function searchTurns(question: string): Promise<string> {
  const history: Anthropic.MessageParam[] = [{ role: "user", content: question }];
  for (let turn = 0; turn < 8; turn++) { // expect-not: naive-retry
    const reply = await claude().messages.create({ // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout, string-matched-error
      model: DIGEST_MODEL,
      max_tokens: 16000,
      thinking: { type: "enabled", budget_tokens: 4000 },
      tools: [{ type: "web_search_20250305", name: "web_search", max_uses: 6 }],
      messages: history,
    });
    if (reply.stop_reason === "pause_turn") {
      history.push({ role: "assistant", content: reply.content });
      continue;
    }
    return reply.content.flatMap((b) => (b.type === "text" ? [b.text] : [])).join("\n");
  }
  throw new Error("search never finished");
}

export async function dailyHeadlines(day: string): Promise<unknown> {
  const notes = await searchTurns(`List notable machine-learning news published on ${day}, with links.`);
  const shaped = await claude().messages.parse({ // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout
    model: DIGEST_MODEL,
    max_tokens: 16000,
    messages: [{ role: "user", content: `Turn these notes into JSON {"items": [...]}:\n${notes}` }],
  });
  return shaped.parsed_output;
}

export async function draftPost(title: string, summary: string): Promise<string> {
  const reply = await claude().messages.create({ // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout
    model: DIGEST_MODEL,
    max_tokens: 4000,
    system: "You write short professional posts about research news. 150 words at most, no hashtags beyond two.",
    messages: [{ role: "user", content: `${title}\n\n${summary}` }],
  });
  return reply.content.flatMap((b) => (b.type === "text" ? [b.text] : [])).join("\n");
}
