// realworld repro (positive + negative): batchable-fanout -- an offline tsx script walks every English namespace file
// of a locales folder and, for every target language of an imported list, sends one Sonnet create translating the
// whole file and writes the parsed answer to that language's folder; look-alikes: 8,192 tokens (no short label, no
// non-streaming bound), no system prompt, a catch that logs and moves to the next language, sequential awaits, the
// SDK's default retries, the key from the environment
// source: marktoflow/marktoflow packages/i18n/src/generate.ts:61
// source: marktoflow/marktoflow packages/i18n/src/generate.ts:41
// source: marktoflow/marktoflow packages/i18n/src/generate.ts:89
// source: marktoflow/marktoflow packages/i18n/src/generate.ts:29
import Anthropic from "@anthropic-ai/sdk";
import { readdirSync, readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { TARGETS } from "./targets.js";

const ROOT = join(process.cwd(), "locales");

async function run() {
  const claude = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY }); // expect-not: retries-disabled, hardcoded-api-key
  const files = readdirSync(join(ROOT, "en")).filter((name) => name.endsWith(".json"));

  for (const file of files) {
    const source = readFileSync(join(ROOT, "en", file), "utf-8");
    for (const target of TARGETS) { // expect-not: naive-retry
      const ask = `Translate the values of this JSON file into ${target.name}. Keep every key and every {{placeholder}}.
Answer with the JSON object only.

${source}`;
      try {
        const reply = await claude.messages.create({ // expect: batchable-fanout; expect-not: model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt, unbounded-fanout
          model: "claude-sonnet-4-5-20250929",
          max_tokens: 8192,
          messages: [{ role: "user", content: ask }],
        });
        const text = reply.content[0].type === "text" ? reply.content[0].text : "";
        const body = text.replace(/^```(?:json)?\s*/, "").replace(/```\s*$/, "");
        writeFileSync(join(ROOT, target.code, file), JSON.stringify(JSON.parse(body), null, 2) + "\n");
      } catch (err) { // expect-not: string-matched-error
        console.error(`skipped ${target.code}/${file}: ${err instanceof Error ? err.message : err}`);
      }
    }
  }
}

run().catch(console.error);
