// realworld repro (negative): batchable-fanout -- a developer script finds the UI strings missing from two locales (a
// literal list of two) and sends each locale's missing strings in one raw-fetch Sonnet request, awaited in turn; the
// answers are only printed for a manual copy; a non-ok response is thrown, never re-sent
// source: Magnus-Gille/sagascript-web scripts/translate.mjs:33
// source: Magnus-Gille/sagascript-web scripts/translate.mjs:47
import { readFileSync } from "node:fs";

const LANGS = { da: "Danish", fi: "Finnish" };

async function askClaude(strings, language) {
  const key = process.env.ANTHROPIC_API_KEY; // expect-not: hardcoded-api-key
  const res = await fetch("https://api.anthropic.com/v1/messages", { // expect-not: batchable-fanout, unbounded-fanout, naive-retry, missing-max-tokens, nonstreaming-max-tokens, model-routing
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": key, "anthropic-version": "2023-06-01" },
    body: JSON.stringify({
      model: "claude-sonnet-4-5",
      max_tokens: 4096,
      messages: [{ role: "user", content: `Translate these UI strings to ${language} and reply with JSON only:\n${JSON.stringify(strings)}` }],
    }),
  });
  if (!res.ok) throw new Error(`translation failed: ${res.status} ${await res.text()}`); // expect-not: string-matched-error
  const body = await res.json();
  return JSON.parse(body.content[0].text.match(/\{[\s\S]*\}/)[0]);
}

const catalog = JSON.parse(readFileSync(new URL("../i18n/strings.json", import.meta.url), "utf8"));
for (const code of ["da", "fi"]) {
  const missing = Object.fromEntries(Object.entries(catalog.en).filter(([k]) => !catalog[code]?.[k]));
  if (Object.keys(missing).length === 0) continue;
  const done = await askClaude(missing, LANGS[code]);
  for (const [k, v] of Object.entries(done)) console.log(`${code} ${k}: ${v}`);
}
