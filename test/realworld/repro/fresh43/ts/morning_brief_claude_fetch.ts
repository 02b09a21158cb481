// realworld repro (negative): a small module the app's routes import -- one raw fetch to the Messages endpoint per
// call (Sonnet, max_tokens from a parameter, key from the environment); a non-ok status is thrown with the code in
// the message and never tested; no loop, no retry
// source: wysskz48mv-eng/pios src/lib/ai/client.ts:10
// source: wysskz48mv-eng/pios src/lib/ai/client.ts:24
// source: wysskz48mv-eng/pios src/lib/ai/client.ts:14
const MESSAGES_URL = "https://api.anthropic.com/v1/messages";

export interface BriefTurn {
  role: "user" | "assistant";
  content: string;
}

export async function askClaude(turns: BriefTurn[], system: string, maxTokens = 1000): Promise<string> {
  const res = await fetch(MESSAGES_URL, { // expect-not: naive-retry, missing-max-tokens, nonstreaming-max-tokens, model-routing, batchable-fanout, uncached-prompt
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-api-key": process.env.BRIEF_ANTHROPIC_KEY ?? "", // expect-not: hardcoded-api-key
      "anthropic-version": "2023-06-01",
    },
    body: JSON.stringify({ model: "claude-sonnet-4-20250514", max_tokens: maxTokens, system, messages: turns }),
  });
  if (!res.ok) throw new Error(`brief model failed: ${res.status}`); // expect-not: string-matched-error
  const data = await res.json();
  return data.content?.[0]?.text ?? "";
}
