// realworld repro (positive + negative): batchable-fanout -- an offline tsx script translates a section of the
// app's English strings into every supported locale: a same-file helper runs ten lanes that take locales off a
// shared index, and each lane sends one create per locale through a same-file function and merges the answer into
// the locale's JSON file on disk; nobody waits on it live; look-alikes: Promise.all over min(10, locales) lanes
// (capped, no unbounded fan-out), 16,384 tokens on a non-streaming Haiku 4.5 request (below the SDK limit), the
// locale named at the top of each user turn (no constant prefix to cache), a catch that records the failure
// source: Skye-Quiet-Riots/quiet-riots scripts/translate.ts:204
// source: Skye-Quiet-Riots/quiet-riots scripts/translate.ts:243
// source: Skye-Quiet-Riots/quiet-riots scripts/translate.ts:345
import Anthropic from "@anthropic-ai/sdk";
import * as fs from "fs";
import * as path from "path";

const DIR = path.resolve(__dirname, "../strings");
const LOCALES = ["de", "fr", "es", "it", "nl", "pl", "pt", "sv", "fi", "da", "cs", "ro", "tr"];

async function translate(client: Anthropic, english: object, locale: string, model: string) {
  const prompt = `Translate the values of this JSON object from English into the language of locale ${locale}.
Keep every key and every {placeholder} unchanged. Reply with the JSON object only.

${JSON.stringify(english, null, 2)}`;
  const reply = await client.messages.create({ // expect: batchable-fanout; expect-not: nonstreaming-max-tokens, model-routing, uncached-prompt, missing-max-tokens
    model,
    max_tokens: 16384,
    messages: [{ role: "user", content: prompt }],
  });
  const text = reply.content[0].type === "text" ? reply.content[0].text : "";
  return JSON.parse(text.replace(/^```(?:json)?\s*/i, "").replace(/\s*```\s*$/i, ""));
}

async function lanes<T>(items: T[], width: number, run: (item: T) => Promise<void>) {
  let next = 0;
  const workers = Array.from({ length: Math.min(width, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++];
      await run(item);
    }
  });
  await Promise.all(workers); // expect-not: unbounded-fanout
}

async function main() {
  const section = process.argv[2] ?? "onboarding";
  const model = process.argv[3] ?? "claude-haiku-4-5-20251001";
  const client = new Anthropic(); // expect-not: retries-disabled
  const english = JSON.parse(fs.readFileSync(path.join(DIR, "en.json"), "utf-8"))[section];
  const failures: string[] = [];
  await lanes(LOCALES, 10, async (locale) => {
    const file = path.join(DIR, `${locale}.json`);
    try {
      const current = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf-8")) : {};
      current[section] = await translate(client, english, locale, model);
      fs.writeFileSync(file, JSON.stringify(current, null, 2) + "\n");
    } catch (err) { // expect-not: naive-retry, string-matched-error
      failures.push(`${locale}: ${err instanceof Error ? err.message : String(err)}`);
    }
  });
  if (failures.length) console.log(failures.join("\n"));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
