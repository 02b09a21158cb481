// realworld repro (positive): naive-retry -- a server module aliases withAnthropicRetry, imported from a sibling
// module, as withRetry and runs its one create through it; the wrapper retries 429, 529 and 5xx up to five times with
// a doubling 2 s wait capped at 20 s plus jitter and never reads retry-after
// source: eglvn77/talental lib/kickoff/claude.ts:167
import Anthropic from "@anthropic-ai/sdk";
import { withAnthropicRetry } from "./kickoff_retry";

const c = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });
const withRetry = withAnthropicRetry;

export async function draftKickoff(notes: string, model = "claude-sonnet-4-5"): Promise<string> {
  const response = await withRetry("generate", () => // expect: naive-retry
    c.messages.create({
      model,
      max_tokens: 4096,
      messages: [{ role: "user", content: `Turn these meeting notes into a kickoff brief:\n\n${notes}` }],
    }),
  );
  return response.content.map((b) => (b.type === "text" ? b.text : "")).join("");
}
