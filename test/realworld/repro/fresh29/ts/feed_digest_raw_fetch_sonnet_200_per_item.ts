// realworld repro (positive + negative): batchable-fanout, model-routing -- a scheduled script reads a JSON file of
// headlines, takes up to 30 that still lack a one-line Norwegian blurb and, through a same-file helper, sends one
// raw fetch to /v1/messages per headline (Sonnet 4 at max_tokens 200, no system prompt), sets each answer on its
// item and writes the whole file back after the loop; look-alikes: a failed response logged and skipped (nothing
// re-sent), the status checked without reading the text, the key from the environment, a placeholder in the help
// source: friisnaes/unbiased-ish scripts/summarize.ts:63
// source: friisnaes/unbiased-ish scripts/summarize.ts:120
// source: friisnaes/unbiased-ish scripts/summarize.ts:77
// source: friisnaes/unbiased-ish scripts/summarize.ts:30
// source: friisnaes/unbiased-ish scripts/summarize.ts:98
import { readFileSync, writeFileSync } from "node:fs";

type Headline = { id: string; outlet: string; title: string; lede: string; blurbNo?: string };

const FILE = "public/data/headlines.json";
const KEY = process.env.ANTHROPIC_API_KEY; // expect-not: hardcoded-api-key

async function blurb(item: Headline): Promise<string | null> {
  if (!KEY) return null;
  const prompt = `Skriv én kort norsk setning (maks 140 tegn) som forklarer hva denne saken handler om.\nKilde: ${item.outlet}\nTittel: ${item.title}\nIngress: ${item.lede}\nSvar bare med setningen.`;
  try {
    const res = await fetch("https://api.anthropic.com/v1/messages", { // expect: batchable-fanout, model-routing; expect-not: missing-max-tokens, nonstreaming-max-tokens, uncached-prompt, unbounded-fanout
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": KEY, "anthropic-version": "2023-06-01" },
      body: JSON.stringify({
        model: "claude-sonnet-4-20250514",
        max_tokens: 200,
        messages: [{ role: "user", content: prompt }],
      }),
    });
    if (!res.ok) { // expect-not: string-matched-error
      console.error(`status ${res.status} for ${item.id}`);
      return null;
    }
    const body = await res.json();
    return body.content?.[0]?.text?.trim() || null;
  } catch (err) {
    console.error(`request failed for ${item.id}`, err);
    return null;
  }
}

async function main() {
  if (!KEY) {
    console.log("No key. Run: export ANTHROPIC_API_KEY=your-key"); // expect-not: hardcoded-api-key
    return;
  }
  const items: Headline[] = JSON.parse(readFileSync(FILE, "utf-8"));
  const todo = items.filter((h) => !h.blurbNo).slice(0, 30);
  for (const item of todo) { // expect-not: naive-retry
    const text = await blurb(item);
    if (text) item.blurbNo = text;
    await new Promise((done) => setTimeout(done, 500));
  }
  writeFileSync(FILE, JSON.stringify(items, null, 2));
}

main();
