// realworld repro (positive): naive-retry -- a dossier orchestrator's three helpers each hand one create to
// withAnthropicRetry imported from a sibling module; the wrapper retries 408, 409, 425, 429, 5xx and 529 and network
// codes, four attempts, 500 ms doubling to 8 s plus jitter, never reading retry-after
// source: johnkf5-ops/Atelier lib/agents/orchestrator.ts:49
import Anthropic from "@anthropic-ai/sdk";
import { withAnthropicRetry } from "./dossier_retry";

let cached: Anthropic | null = null;
function getAnthropic(): Anthropic {
  cached ??= new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });
  return cached;
}

function textOf(resp: Anthropic.Message): string {
  return resp.content.map((b) => (b.type === "text" ? b.text : "")).join("").trim();
}

export async function writeCoverLetter(artistSummary: string): Promise<string> {
  const client = getAnthropic();
  const resp = await withAnthropicRetry( // expect: naive-retry
    () =>
      client.messages.create({
        model: "claude-opus-4-5",
        max_tokens: 4000,
        messages: [{ role: "user", content: `Write a three-paragraph cover letter for this artist:\n${artistSummary}` }],
      }),
    { label: "cover" },
  );
  return textOf(resp);
}

export async function writeRankingNotes(rankedList: string): Promise<string> {
  const client = getAnthropic();
  const resp = await withAnthropicRetry( // (same wrapper again: folded into the first site)
    () =>
      client.messages.create({
        model: "claude-opus-4-5",
        max_tokens: 4000,
        messages: [{ role: "user", content: `Explain this ranking of opportunities:\n${rankedList}` }],
      }),
    { label: "ranking" },
  );
  return textOf(resp);
}

export async function writeSkipReason(title: string, reasoning: string): Promise<string> {
  const client = getAnthropic();
  const resp = await withAnthropicRetry( // (same wrapper again: folded into the first site)
    () =>
      client.messages.create({
        model: "claude-opus-4-5",
        max_tokens: 200,
        messages: [{ role: "user", content: `In one sentence, why was "${title}" left out? Notes: ${reasoning}` }],
      }),
    { label: "skip-reason" },
  );
  return textOf(resp);
}
