// realworld repro (negative): naive-retry -- a structured-output helper tries each configured provider once in
// order (primary first, the list de-duplicated), recording each failure's message before moving on: a fallback
// across providers, not a retry of the Claude call; a streamed chapter hands its text deltas to a callback
// source: DB8-Intelligence/manuscry apps/api/src/services/claude.service.ts:114
// source: DB8-Intelligence/manuscry apps/api/src/services/claude.service.ts:128
// source: DB8-Intelligence/manuscry apps/api/src/services/claude.service.ts:56
// source: DB8-Intelligence/manuscry apps/api/src/services/claude.service.ts:147
import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";

type Vendor = "anthropic" | "openai";

const claude = process.env.ANTHROPIC_API_KEY ? new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY }) : null; // expect-not: retries-disabled, hardcoded-api-key
const gpt = process.env.OPENAI_API_KEY ? new OpenAI({ apiKey: process.env.OPENAI_API_KEY }) : null;

function order(): Vendor[] {
  const first = (process.env.PRIMARY_VENDOR === "openai" ? "openai" : "anthropic") as Vendor;
  return [first, ...(["anthropic", "openai"] as Vendor[]).filter((v) => v !== first)];
}

async function viaClaude<T>(system: string, user: string, maxTokens: number): Promise<T> {
  if (!claude) throw new Error("no Anthropic key");
  const reply = await claude.messages.create({ model: process.env.ANTHROPIC_MODEL ?? "claude-sonnet-4-5", max_tokens: maxTokens, system, messages: [{ role: "user", content: user }] }); // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout
  return JSON.parse(reply.content[0]?.type === "text" ? reply.content[0].text : "{}") as T;
}

async function viaGpt<T>(system: string, user: string): Promise<T> {
  if (!gpt) throw new Error("no OpenAI key");
  const out = await gpt.chat.completions.create({ model: "gpt-4.1", messages: [{ role: "system", content: system }, { role: "user", content: user }] });
  return JSON.parse(out.choices[0]?.message?.content ?? "{}") as T;
}

export async function outline<T>(system: string, user: string, maxTokens = 4096): Promise<T> {
  const failures: string[] = [];
  for (const vendor of order()) { // expect-not: naive-retry
    try {
      return vendor === "anthropic" ? await viaClaude<T>(system, user, maxTokens) : await viaGpt<T>(system, user);
    } catch (err) { // expect-not: string-matched-error
      failures.push(`${vendor}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  throw new Error(`every provider failed: ${failures.join(" | ")}`);
}

export async function streamChapter(system: string, user: string, onText: (t: string) => void): Promise<void> {
  if (!claude) throw new Error("streaming needs an Anthropic key");
  const stream = claude.messages.stream({ model: "claude-sonnet-4-5", max_tokens: 8096, system, messages: [{ role: "user", content: user }] }); // expect-not: missing-max-tokens, nonstreaming-max-tokens, batchable-fanout, uncached-prompt
  for await (const event of stream) {
    if (event.type === "content_block_delta" && event.delta.type === "text_delta") onText(event.delta.text);
  }
}
