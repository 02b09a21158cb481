// realworld repro (positive + negative): batchable-fanout -- an offline translation backfill loads the client and a
// model constant named for Sonnet with a dynamic import inside a same-file helper, which sends one non-streaming
// create at 16,000 tokens per call; the backfill walks two tables (rows in chunks of 8, and one row at a time),
// awaiting the helper through a p-limit(2) limiter in sequential loops and writing every translation back with a
// Supabase update; a dry run translates two sample rows and only prints them; look-alikes: a constant system prompt
// of about 600 characters, 16,000 tokens (below the bar, not classification-sized), p-limit, no try
// source: Mianying1/newshock scripts/backfill-translations.ts:31
// source: Mianying1/newshock scripts/backfill-translations.ts:162
// source: Mianying1/newshock scripts/backfill-translations.ts:160
import { config } from "dotenv";
config({ path: ".env.local" });

const PREVIEW = process.argv.includes("--preview");
const CHUNK = 8;
const PARALLEL = 2;

const TRANSLATE_SYSTEM = `You translate product catalogue text from English into Spanish (Spain).

Rules:
- Keep the JSON shape exactly as given; never translate keys.
- Translate every human-readable value: names, taglines, descriptions, care instructions.
- Leave SKUs, sizes, units, prices and brand names as they are.
- Use a warm but plain shop voice; no exclamation marks.

Reply with JSON only, in the same shape as the input.`;

async function toSpanish<T>(payload: T): Promise<T> {
  const { claude, SONNET_MODEL } = await import("../lib/claude");
  const res = await claude.messages.create({ // expect: batchable-fanout; expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
    model: SONNET_MODEL,
    max_tokens: 16000,
    system: TRANSLATE_SYSTEM,
    messages: [{ role: "user", content: `Translate this JSON:\n\n${JSON.stringify(payload, null, 2)}` }],
  });
  const part = res.content[0];
  const raw = part && part.type === "text" ? part.text : "";
  const start = raw.search(/[[{]/);
  if (start === -1) throw new Error(`no JSON in reply: ${raw.slice(0, 120)}`);
  return JSON.parse(raw.slice(start)) as T;
}

function slices<T>(rows: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += n) out.push(rows.slice(i, i + n));
  return out;
}

async function loadRows(table: string, cap?: number) {
  const { shopDb } = await import("../lib/shop-db");
  let q = shopDb.from(table).select("*").is("name_es", null);
  if (cap) q = q.limit(cap);
  const { data } = await q;
  return data ?? [];
}

async function backfill() {
  const { shopDb } = await import("../lib/shop-db");
  const pLimit = (await import("p-limit")).default;
  const gate = pLimit(PARALLEL);
  const products = await loadRows("products");
  const bundles = await loadRows("bundles");
  let saved = 0;

  for (const group of slices(products, CHUNK)) { // expect-not: naive-retry
    const payload = group.map((p) => ({ name: p.name, tagline: p.tagline }));
    const out = (await gate(() => toSpanish(payload))) as Array<{ name: string; tagline: string }>; // expect-not: unbounded-fanout
    for (let i = 0; i < group.length; i++) {
      if (!out[i]) continue;
      await shopDb.from("products").update({ name_es: out[i].name, tagline_es: out[i].tagline }).eq("id", group[i].id);
      saved++;
    }
  }

  for (const bundle of bundles) {
    const out = await gate(() => toSpanish({ name: bundle.name, description: bundle.description }));
    await shopDb.from("bundles").update({ name_es: out.name, description_es: out.description }).eq("id", bundle.id);
    saved++;
  }
  console.log(`saved ${saved} translations`);
}

async function preview() {
  const sample = await loadRows("products", 2);
  const out = await toSpanish(sample.map((p) => ({ name: p.name, tagline: p.tagline })));
  console.log(JSON.stringify(out, null, 2));
}

async function main() {
  if (PREVIEW) await preview();
  else await backfill();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
