// realworld repro (negative): a one-off node script translates the whole English locale file into Italian with a
// single Sonnet 4.5 request of 8,192 tokens (non-streaming, below the SDK's limit) and writes the result; look-alikes:
// one request per run (no fan-out, nothing to batch), regexes that dig the JSON out of the reply, a catch that logs
// and re-throws, the key from the environment
// source: narrinai/Companion-Guide scripts/create-german-locale.js:22
// source: narrinai/Companion-Guide scripts/create-german-locale.js:34
// source: narrinai/Companion-Guide scripts/create-german-locale.js:57
// source: narrinai/Companion-Guide scripts/create-german-locale.js:12
const fs = require("fs");
const path = require("path");
const Anthropic = require("@anthropic-ai/sdk");

const claude = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY }); // expect-not: hardcoded-api-key, retries-disabled

async function toItalian(strings) {
  try {
    const reply = await claude.messages.create({ // expect-not: nonstreaming-max-tokens, missing-max-tokens, model-routing, batchable-fanout, unbounded-fanout, uncached-prompt
      model: "claude-sonnet-4-5-20250929",
      max_tokens: 8192,
      messages: [
        {
          role: "user",
          content: `Translate the values of this locale file from English into Italian. Keep every key. Reply with JSON only.\n\n${JSON.stringify(strings, null, 2)}`,
        },
      ],
    });
    const text = reply.content[0].text;
    const found = text.match(/```json\n([\s\S]*?)\n```/) || text.match(/\{[\s\S]*\}/); // expect-not: string-matched-error
    if (!found) throw new Error("no JSON in the reply");
    return JSON.parse(found[1] || found[0]);
  } catch (err) { // expect-not: naive-retry
    console.error("translation failed:", err.message);
    throw err;
  }
}

async function main() {
  const en = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "locales", "en.json"), "utf8"));
  const it = await toItalian(en);
  fs.writeFileSync(path.join(__dirname, "..", "locales", "it.json"), JSON.stringify(it, null, 2), "utf8");
}

main();
