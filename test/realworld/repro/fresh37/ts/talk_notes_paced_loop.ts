// realworld repro (positive + negative): batchable-fanout -- an offline script walks every talk of a JSON file that
// has no summary, fetches its page and sends one Sonnet create per talk through a same-file helper whose catch logs
// and returns null; the summary is written into the talk and the whole list saved after each, with a one-second
// pause between talks (pacing, not a retry)
// source: aaronbatchelder/product-management-case-studies scripts/generate-summaries.ts:92
// source: aaronbatchelder/product-management-case-studies scripts/generate-summaries.ts:128
import Anthropic from "@anthropic-ai/sdk";
import * as fs from "fs";

interface Talk {
  title: string;
  url: string;
  summary?: string;
}

const FILE = "data/talks.json";
const claude = new Anthropic(); // expect-not: retries-disabled, hardcoded-api-key

async function summarise(talk: Talk, page: string): Promise<string | null> {
  try {
    const reply = await claude.messages.create({ // expect: batchable-fanout; expect-not: model-routing, uncached-prompt, naive-retry, missing-max-tokens, nonstreaming-max-tokens
      model: "claude-sonnet-4-20250514",
      max_tokens: 1024,
      messages: [{ role: "user", content: `Summarise the talk "${talk.title}" in two short paragraphs.\n\n${page}` }],
    });
    const block = reply.content[0];
    return block.type === "text" ? block.text.trim() : null;
  } catch (err) { // expect-not: string-matched-error
    console.log(`  api error: ${(err as Error).message}`);
    return null;
  }
}

async function main() {
  const talks: Talk[] = JSON.parse(fs.readFileSync(FILE, "utf-8"));
  for (let i = 0; i < talks.length; i++) {
    const talk = talks[i];
    if (talk.summary) continue;
    const page = await (await fetch(talk.url)).text();
    const summary = await summarise(talk, page.slice(0, 8000));
    if (summary) {
      talk.summary = summary;
      fs.writeFileSync(FILE, JSON.stringify(talks, null, 2));
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

main().catch(console.error);
