// realworld repro (positive + negative): batchable-fanout -- an offline npm script walks a bundled list of shrine
// entries and, through a same-file helper, sends one Sonnet create per entry (a three-sentence note, max_tokens
// 300), collects the answers and rewrites the data module with them after the loop; look-alikes: Sonnet at 300
// tokens (above the 256 model-routing threshold), a short constant system prompt, no try around the loop, key
// placeholders in the help text
// source: erickcap14/marian-apparitions scripts/generate-summaries.ts:51
// source: erickcap14/marian-apparitions scripts/generate-summaries.ts:106
// source: erickcap14/marian-apparitions scripts/generate-summaries.ts:36
// source: erickcap14/marian-apparitions scripts/generate-summaries.ts:12
import Anthropic from "@anthropic-ai/sdk";
import { writeFileSync } from "node:fs";
import { shrines, type Shrine } from "../src/data/shrines.js";

const key = process.env.ANTHROPIC_API_KEY;
if (!key) {
  console.error("Set ANTHROPIC_API_KEY first, e.g. export ANTHROPIC_API_KEY=sk-ant-..."); // expect-not: hardcoded-api-key
  process.exit(1);
}

const claude = new Anthropic({ apiKey: key }); // expect-not: retries-disabled, hardcoded-api-key

const VOICE =
  "You write short, neutral notes about pilgrimage shrines for a travel reference. " +
  "Three sentences: where it is, why people visit, and one detail of its history. No opinions.";

async function noteFor(shrine: Shrine): Promise<string> {
  const reply = await claude.messages.create({ // expect: batchable-fanout; expect-not: model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt, unbounded-fanout
    model: "claude-sonnet-4-5",
    max_tokens: 300,
    system: VOICE,
    messages: [{ role: "user", content: `Shrine: ${shrine.name}\nTown: ${shrine.town}\nFounded: ${shrine.founded}` }],
  });
  const first = reply.content[0];
  if (first.type !== "text") throw new Error("expected text");
  return first.text.trim();
}

function render(list: Shrine[]): string {
  return `export const shrines = ${JSON.stringify(list, null, 2)};\n`;
}

async function main() {
  const out: Shrine[] = [];
  for (let i = 0; i < shrines.length; i++) { // expect-not: naive-retry
    console.log(`[${i + 1}/${shrines.length}] ${shrines[i].name}`);
    const note = await noteFor(shrines[i]);
    out.push({ ...shrines[i], note });
  }
  writeFileSync("src/data/shrines.ts", render(out), "utf-8");
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
