// realworld repro (negative): model-routing, batchable-fanout, naive-retry -- a trading helper module exports a
// one-call grader that asks Opus for a 0-100 score and a one-line reason at max_tokens 400 (above the 256
// classification threshold); its per-candidate caller lives in another module, and a failure returns a neutral grade
// source: swolkov/trading src/lib/meme-signals.ts:104
// source: swolkov/trading src/lib/meme-signals.ts:9
import Anthropic from "@anthropic-ai/sdk";

const claude = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY || "" }); // expect-not: hardcoded-api-key, retries-disabled

export interface Grade {
  score: number;
  reason: string;
}

export async function gradeSetup(symbol: string, stats: string, checks: string): Promise<Grade> {
  if (!process.env.ANTHROPIC_API_KEY) return { score: 50, reason: "no key: neutral" };
  try {
    const prompt = `Grade this short-term momentum setup from 0 to 100.
Symbol: ${symbol}
Stats: ${stats}
Checks: ${checks}
Reply with JSON only: {"score": <integer>, "reason": "<one short sentence>"}`;
    const reply = await claude.messages.create({ model: "claude-opus-4-8", max_tokens: 400, messages: [{ role: "user", content: prompt }] }); // expect-not: model-routing, batchable-fanout, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt, naive-retry, unbounded-fanout
    const text = reply.content
      .filter((b): b is Anthropic.TextBlock => b.type === "text")
      .map((b) => b.text)
      .join("");
    const found = text.match(/\{[\s\S]*\}/);
    const parsed = found ? JSON.parse(found[0]) : {};
    return {
      score: Math.max(0, Math.min(100, Math.round(Number(parsed.score) || 50))),
      reason: String(parsed.reason || "").slice(0, 160),
    };
  } catch {
    return { score: 50, reason: "grader error: neutral" };
  }
}
