// realworld repro (positive + negative): unbounded-fanout -- a browser service fixes OCR'd book titles: a list longer
// than 40 is cut into slices of 40 and every slice is started at once with Promise.all over the slices, the callback
// re-entering the same function, which sends one create per slice; the number of requests in flight grows with the
// shelf scanned; look-alikes: the single-title fix (Sonnet 4.5 at 100 tokens, but one title per call and no loop),
// the per-slice request returned to the screen the user is looking at (not batch work), catches that return the OCR
// text unchanged (no retry), the key from a Vite variable
// source: aensner/mtga-collector src/services/anthropic.ts:58
// source: aensner/mtga-collector src/services/anthropic.ts:62
// source: aensner/mtga-collector src/services/anthropic.ts:16
// source: aensner/mtga-collector src/services/anthropic.ts:9
import Anthropic from "@anthropic-ai/sdk";

const key = import.meta.env.VITE_CLAUDE_KEY;

const claude = new Anthropic({ apiKey: key || "", dangerouslyAllowBrowser: true }); // expect-not: hardcoded-api-key, retries-disabled

export async function fixTitle(ocr: string): Promise<string> {
  try {
    const reply = await claude.messages.create({ // expect-not: model-routing, missing-max-tokens
      model: "claude-sonnet-4-5-20250929",
      max_tokens: 100,
      messages: [{ role: "user", content: `This book title was read by OCR: "${ocr}". Reply with the corrected title only.` }],
    });
    return reply.content[0].type === "text" ? reply.content[0].text.trim() : ocr;
  } catch (err) { // expect-not: naive-retry, string-matched-error
    console.error("title fix failed", err);
    return ocr;
  }
}

export async function fixTitles(ocrs: string[]): Promise<string[]> {
  try {
    if (ocrs.length > 40) {
      const slices: string[][] = [];
      for (let i = 0; i < ocrs.length; i += 40) slices.push(ocrs.slice(i, i + 40));
      const parts = await Promise.all(slices.map((slice) => fixTitles(slice))); // expect: unbounded-fanout
      return parts.flat();
    }
    const reply = await claude.messages.create({ // expect-not: batchable-fanout, model-routing, nonstreaming-max-tokens
      model: "claude-sonnet-4-20250514",
      max_tokens: 2000,
      messages: [
        {
          role: "user",
          content: `Correct these OCR'd book titles, one per line, same order:\n${ocrs.map((t, i) => `${i + 1}. ${t}`).join("\n")}`,
        },
      ],
    });
    const text = reply.content[0].type === "text" ? reply.content[0].text : "";
    return text.split("\n").map((l) => l.trim()).filter(Boolean);
  } catch (err: any) { // expect-not: naive-retry, string-matched-error
    console.error("batch title fix failed", err?.message);
    return ocrs;
  }
}
