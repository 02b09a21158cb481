// realworld repro (positive + negative): naive-retry -- a cloud function runs a tool-use chat for a league desk; a
// nested helper retries the Haiku request up to three times when the error's status is 429, 503 or 529, waiting
// 2 s then 4 s (linear) and never reading retry-after, on a client that keeps the SDK's own retries; look-alikes:
// the status test itself (not error text), a single re-call after the helper gives up (meant as a model fallback),
// Haiku with 4,096 tokens per turn, the client built from a secret
// source: charlieyh0304-del/showdown-live functions/src/chatbot.ts:130
// source: charlieyh0304-del/showdown-live functions/src/chatbot.ts:141
// source: charlieyh0304-del/showdown-live functions/src/chatbot.ts:157
// source: charlieyh0304-del/showdown-live functions/src/chatbot.ts:132
// source: charlieyh0304-del/showdown-live functions/src/chatbot.ts:98
import Anthropic from "@anthropic-ai/sdk";
import { DESK_TOOLS, runDeskTool } from "./league_desk_tools";

const DESK_PROMPT = `You help volunteers run a table-tennis league: fixtures, results and court bookings.
Always call a tool before saying a task is done. Ask before deleting anything.`;

const MAX_ROUNDS = 8;

export async function answerDesk(
  secretKey: string,
  history: { role: "user" | "assistant"; content: string }[],
): Promise<{ reply: string; used: string[] }> {
  const client = new Anthropic({ apiKey: secretKey }); // expect-not: retries-disabled, hardcoded-api-key
  const turns: Anthropic.MessageParam[] = history.map((h) => ({ role: h.role, content: h.content }));
  const used: string[] = [];
  const CANDIDATES = ["claude-haiku-4-5"];
  const ATTEMPTS = 2;

  async function ask(model: string): Promise<Anthropic.Message> {
    for (let attempt = 0; attempt <= ATTEMPTS; attempt++) { // expect: naive-retry
      try {
        return await client.messages.create({ // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, unbounded-fanout, batchable-fanout
          model,
          max_tokens: 4096,
          system: DESK_PROMPT,
          messages: turns,
          tools: DESK_TOOLS,
        });
      } catch (err: unknown) {
        const failure = err as { status?: number };
        if (failure.status === 429 || failure.status === 503 || failure.status === 529) { // expect-not: string-matched-error
          console.log(`desk: ${model} busy, attempt ${attempt + 1}`);
          await new Promise((r) => setTimeout(r, 2000 * (attempt + 1)));
          continue;
        }
        throw err;
      }
    }
    throw new Error("desk model stayed busy");
  }

  let model = CANDIDATES[0];
  let reply: Anthropic.Message;
  try {
    reply = await ask(model);
  } catch { // expect-not: naive-retry
    model = CANDIDATES[1];
    reply = await ask(model);
  }

  let rounds = 0;
  while (reply.stop_reason === "tool_use" && rounds < MAX_ROUNDS) {
    rounds++;
    const results: Anthropic.ToolResultBlockParam[] = [];
    for (const block of reply.content) {
      if (block.type !== "tool_use") continue;
      used.push(block.name);
      results.push({ type: "tool_result", tool_use_id: block.id, content: await runDeskTool(block.name, block.input) });
    }
    turns.push({ role: "assistant", content: reply.content });
    turns.push({ role: "user", content: results });
    reply = await ask(model);
  }

  const text = reply.content.map((b) => (b.type === "text" ? b.text : "")).join("\n");
  return { reply: text || "Done.", used };
}
