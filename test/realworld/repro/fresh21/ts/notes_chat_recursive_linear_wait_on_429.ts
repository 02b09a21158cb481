// realworld repro (positive + negative): naive-retry -- an edge function's request helper that, on a 429 response,
// waits one second times the retry number (1, 2, 3 s) and calls itself with the same messages, up to three times, on
// raw fetch and never reading retry-after; look-alikes: the numeric status test, a 4,096-token chat turn per request,
// no system prompt, the key from the environment
// source: ashmcr/notionify-converse-create supabase/functions/claude-chat/index.ts:45
// source: ashmcr/notionify-converse-create supabase/functions/claude-chat/index.ts:42
// source: ashmcr/notionify-converse-create supabase/functions/claude-chat/index.ts:22
// source: ashmcr/notionify-converse-create supabase/functions/claude-chat/index.ts:4
import { serve } from "https://deno.land/std@0.168.0/http/server.ts";

const CLAUDE_KEY = Deno.env.get("NOTES_CLAUDE_KEY"); // expect-not: hardcoded-api-key
const LIMIT = 3;
const STEP_MS = 1000;

async function sendTurn(history: unknown[], round = 0): Promise<unknown> {
  if (!CLAUDE_KEY) throw new Error("NOTES_CLAUDE_KEY missing");
  const res = await fetch("https://api.anthropic.com/v1/messages", { // expect-not: nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": CLAUDE_KEY, "anthropic-version": "2023-06-01" },
    body: JSON.stringify({ model: "claude-sonnet-4-5", messages: history, max_tokens: 4096 }),
  });
  const payload = await res.json();
  if (!res.ok) {
    if (res.status === 429 && round < LIMIT) { // expect-not: string-matched-error
      await new Promise((r) => setTimeout(r, STEP_MS * (round + 1)));
      return sendTurn(history, round + 1); // expect: naive-retry
    }
    throw new Error(payload.error?.message ?? "chat turn failed");
  }
  return payload;
}

serve(async (req) => {
  const { messages } = await req.json();
  try {
    return new Response(JSON.stringify(await sendTurn(messages)), { headers: { "content-type": "application/json" } });
  } catch (e) {
    return new Response(JSON.stringify({ error: (e as Error).message }), { status: 500 });
  }
});
