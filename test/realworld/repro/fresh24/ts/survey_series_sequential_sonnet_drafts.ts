// realworld repro (positive + negative): batchable-fanout -- an offline tsx script lists the statistical series of a
// public survey API and, for each one without a draft, sends one Sonnet create through a same-file function; each
// answer is appended to a content file for an editor to review later, so nobody waits on it live; look-alikes: a
// one-second pause after each series (pacing), a catch that prints FAILED and moves on (no retry), Sonnet with
// 1,024 tokens for prose fields (no routing advice), a sequential awaited loop (no concurrent fan-out)
// source: mberelso/uba-datacube scripts/generate-descriptions.ts:136
// source: mberelso/uba-datacube scripts/generate-descriptions.ts:217
// source: mberelso/uba-datacube scripts/generate-descriptions.ts:194
import Anthropic from "@anthropic-ai/sdk";
import * as fs from "fs";

const DRAFTS_FILE = "content/series-drafts.ts";

interface Series {
  code: string;
  label: string;
  notes: string;
}

async function listSeries(): Promise<Series[]> {
  const res = await fetch("https://stats.example.org/api/series");
  return (await res.json()) as Series[];
}

function knownCodes(): Set<string> {
  const text = fs.existsSync(DRAFTS_FILE) ? fs.readFileSync(DRAFTS_FILE, "utf-8") : "";
  return new Set([...text.matchAll(/^\s+(S_[A-Z0-9_]+):/gm)].map((m) => m[1]));
}

async function draftFor(client: Anthropic, series: Series): Promise<Record<string, string>> {
  const reply = await client.messages.create({ // expect: batchable-fanout; expect-not: model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt
    model: "claude-sonnet-4-6",
    max_tokens: 1024,
    messages: [
      {
        role: "user",
        content: `Write a short explainer for readers who are not statisticians.\nSeries: ${series.code} (${series.label})\nNotes: ${series.notes}\nReturn JSON with "title", "summary" and "caveats".`,
      },
    ],
  });
  const raw = reply.content[0].type === "text" ? reply.content[0].text : "{}";
  return JSON.parse(raw.replace(/^```(?:json)?\s*/m, "").replace(/\s*```\s*$/m, ""));
}

async function main() {
  const client = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY }); // expect-not: retries-disabled, hardcoded-api-key
  const known = knownCodes();
  const todo = (await listSeries()).filter((s) => !known.has(s.code));
  for (const series of todo) { // expect-not: naive-retry, unbounded-fanout
    try {
      const draft = await draftFor(client, series);
      fs.appendFileSync(DRAFTS_FILE, `  ${series.code}: ${JSON.stringify(draft)},\n`);
      console.log(`${series.code} done`);
      await new Promise((r) => setTimeout(r, 1000));
    } catch (err: any) {
      console.log(`${series.code} FAILED: ${err.message}`);
    }
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
