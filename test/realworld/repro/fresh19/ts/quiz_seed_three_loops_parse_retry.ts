// realworld repro (positive + negative): naive-retry, batchable-fanout -- an offline seed script (the app never calls
// the API) has a same-file helper that sends an Opus 5 messages.parse in a four-attempt loop: a RateLimitError,
// connection error or 5xx waits 2 s, 4 s, 8 s (doubling, no jitter, retry-after never read) on a default client;
// three sequential loops (topic cells, lessons, levels) call the helper once per item and write each validated batch
// to its own JSON file; look-alikes: instanceof and status tests, 16,000 tokens non-streaming (below the bar), a
// short constant system prompt, sequential for ... await, an sk-ant-... placeholder in the help text
// source: kaoticfen/DeutchA1-B2PracticeTool scripts/generate-seed.ts:111
// source: kaoticfen/DeutchA1-B2PracticeTool scripts/generate-seed.ts:113
// source: kaoticfen/DeutchA1-B2PracticeTool scripts/generate-seed.ts:131
// source: kaoticfen/DeutchA1-B2PracticeTool scripts/generate-seed.ts:214
// source: kaoticfen/DeutchA1-B2PracticeTool scripts/generate-seed.ts:100
// source: kaoticfen/DeutchA1-B2PracticeTool scripts/generate-seed.ts:94
import Anthropic from "@anthropic-ai/sdk";
import { zodOutputFormat } from "@anthropic-ai/sdk/helpers/zod";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";

const MODEL = "claude-opus-5";
const OUT = join(process.cwd(), "seed-out");
const LEVELS = ["easy", "medium", "hard"];
const TOPICS = ["food", "travel", "work"];
const LESSONS = ["past tense", "plurals", "word order"];

if (!process.env.ANTHROPIC_API_KEY) {
  console.error("Set the key first:\n  export ANTHROPIC_API_KEY=sk-ant-...\n"); // expect-not: hardcoded-api-key
  process.exit(1);
}

const client = new Anthropic(); // expect-not: retries-disabled
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

const SYSTEM = "You write short, correct Italian practice material for a learning app. Never repeat an item already listed.";

const Items = z.object({ items: z.array(z.object({ it: z.string(), en: z.string() })) });

async function ask<T>(schema: z.ZodType<T>, prompt: string, tag: string): Promise<T | null> {
  for (let n = 1; n <= 4; n++) { // expect: naive-retry
    try {
      const res = await client.messages.parse({ // expect: batchable-fanout; expect-not: model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt
        model: MODEL,
        max_tokens: 16000,
        system: SYSTEM,
        output_config: { format: zodOutputFormat(schema as never) },
        messages: [{ role: "user", content: prompt }],
      });
      if (!res.parsed_output) continue;
      return res.parsed_output as T;
    } catch (err) {
      const again =
        err instanceof Anthropic.RateLimitError || // expect-not: string-matched-error
        err instanceof Anthropic.APIConnectionError ||
        (err instanceof Anthropic.APIError && err.status >= 500);
      if (!again || n === 4) {
        console.error(`${tag}: ${(err as Error).message}`);
        return null;
      }
      await wait(2 ** n * 1000);
    }
  }
  return null;
}

function save(name: string, rows: unknown[]) {
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, `${name}.json`), JSON.stringify(rows, null, 2));
}

async function main() {
  for (const level of LEVELS) {
    for (const topic of TOPICS) { // expect-not: unbounded-fanout
      const got = await ask(Items, `Give 20 ${level} words about ${topic}.`, `${level}-${topic}`);
      if (got) save(`words-${level}-${topic}`, got.items);
    }
  }
  for (const lesson of LESSONS) {
    const got = await ask(Items, `Write 10 exercises on ${lesson}.`, lesson);
    if (got) save(`exercises-${lesson.replace(/ /g, "-")}`, got.items);
  }
  for (const level of LEVELS) {
    const got = await ask(Items, `Write 3 ${level} reading texts with a glossary.`, `reading-${level}`);
    if (got) save(`reading-${level}`, got.items);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
