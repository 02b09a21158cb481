// realworld repro (negative): naive-retry and string-matched-error -- a web route asks for two to four fund
// suggestions through callWithOverloadRetry imported from a sibling module, which re-sends only on 500/503/529 or an
// "overload" message and throws a 429 at once; the route's catch asks the imported overload predicate for a busy
// message
// source: nayaserretropicale-source/naya-trade-copilote app/api/watchlist/suggest/route.ts:33
// source: nayaserretropicale-source/naya-trade-copilote app/api/watchlist/suggest/route.ts:54
// source: nayaserretropicale-source/naya-trade-copilote app/api/watchlist/suggest/route.ts:32
import Anthropic from "@anthropic-ai/sdk";
import { callWithOverloadRetry, looksOverloaded } from "./etf_suggest_overload_only_retry";

const SUGGEST_SYSTEM = `You help a beginner diversify a practice portfolio. Suggest two to four US-listed funds that fill
gaps in the list you are given, never one already in it. Never predict prices. Answer with a JSON array of
{"symbol", "name", "reason"} objects and nothing else.`;

export async function POST(request: Request): Promise<Response> {
  const { watchlist } = (await request.json()) as { watchlist: string[] };
  try {
    const anthropic = new Anthropic(); // expect-not: retries-disabled, hardcoded-api-key
    const reply = await callWithOverloadRetry(anthropic, { model: "claude-sonnet-4-6", max_tokens: 900, system: SUGGEST_SYSTEM, messages: [{ role: "user", content: `Current list: ${JSON.stringify(watchlist)}` }] }); // expect-not: naive-retry, missing-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout
    const text = reply.content.map((b) => (b.type === "text" ? b.text : "")).join("");
    return Response.json({ suggestions: JSON.parse(text) });
  } catch (error) {
    if (looksOverloaded(error)) return Response.json({ error: "Busy, try again in a moment" }, { status: 503 }); // expect-not: string-matched-error
    return Response.json({ error: String(error) }, { status: 500 });
  }
}
