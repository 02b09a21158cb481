// realworld repro (positive + negative): batchable-fanout -- a CLI fills in missing locale strings: for every folder
// that holds a source-language file, for every target language, the keys still to translate are cut into slices
// of up to SLICE_SIZE and each slice goes through a same-file function that sends one Haiku create and returns the
// parsed lines; the merged locale JSON is written once the slices are done, so nobody waits on the answers live;
// look-alikes: Haiku already (no routing advice), 4,000 tokens non-streaming, slices awaited one after another (no
// unbounded fan-out), a short instruction built per slice (nothing constant to cache), a catch that keeps the
// source text and moves on (no retry), a regex that splits reply lines, the client's default retries
// source: SatangBudsai/generate-i18n-with-ai src/cli.ts:72
// source: SatangBudsai/generate-i18n-with-ai src/cli.ts:16
// source: SatangBudsai/generate-i18n-with-ai src/cli.ts:95
// source: SatangBudsai/generate-i18n-with-ai src/cli.ts:336
import Anthropic from "@anthropic-ai/sdk";
import fs from "fs";
import path from "path";

const ROOT = process.env.STRINGS_ROOT || "app/strings";
const TARGETS = (process.env.TARGETS || "en,fr").split(",");
const SLICE_SIZE = Number(process.env.SLICE_SIZE || "80");

const client = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY }); // expect-not: hardcoded-api-key, retries-disabled

type Pair = [string, string];

function flat(obj: Record<string, unknown>, prefix = ""): Pair[] {
  return Object.entries(obj).flatMap(([k, v]) => {
    const key = prefix ? `${prefix}.${k}` : k;
    return v && typeof v === "object" ? flat(v as Record<string, unknown>, key) : [[key, String(v)] as Pair];
  });
}

async function translateSlice(pairs: Pair[], lang: string): Promise<Record<string, string>> {
  const lines = pairs.map(([k, v]) => `${k}: "${v}"`).join("\n");
  const reply = await client.messages.create({ // expect: batchable-fanout; expect-not: model-routing, nonstreaming-max-tokens, unbounded-fanout, uncached-prompt, missing-max-tokens
    model: "claude-3-haiku-20240307",
    max_tokens: 4000,
    temperature: 0.2,
    messages: [{ role: "user", content: `Translate each value from Spanish into ${lang}. Keep the keys. Answer as key: "text" lines.\n\n${lines}` }],
  });
  const block = reply.content[0];
  const out: Record<string, string> = {};
  if (block.type !== "text") return out;
  for (const line of block.text.split("\n")) {
    const m = line.match(/^(.+?):\s*"(.+)"$/); // expect-not: string-matched-error
    if (m) out[m[1].trim()] = m[2].trim();
  }
  return out;
}

async function run() {
  for (const dir of fs.readdirSync(ROOT)) {
    const srcFile = path.join(ROOT, dir, "es.json");
    if (!fs.existsSync(srcFile)) continue;
    const source = flat(JSON.parse(fs.readFileSync(srcFile, "utf-8")));
    for (const lang of TARGETS) {
      const outFile = path.join(ROOT, dir, `${lang}.json`);
      const done: Record<string, string> = fs.existsSync(outFile) ? Object.fromEntries(flat(JSON.parse(fs.readFileSync(outFile, "utf-8")))) : {};
      const todo = source.filter(([k]) => !(k in done));
      for (let i = 0; i < todo.length; i += SLICE_SIZE) {
        const slice = todo.slice(i, i + SLICE_SIZE);
        try {
          Object.assign(done, await translateSlice(slice, lang));
        } catch (err) { // expect-not: naive-retry
          console.error(`slice ${i / SLICE_SIZE + 1} failed, keeping source text`, err);
          for (const [k, v] of slice) done[k] = v;
        }
      }
      fs.writeFileSync(outFile, JSON.stringify(done, null, 2), "utf-8");
    }
  }
}

run().catch((err) => {
  console.error(err);
  process.exit(1);
});
