// realworld repro (positive + negative): batchable-fanout -- an offline backfill script reads every recipe row from
// Supabase and, in a sequential for...of, awaits a same-file helper that sends one Haiku create (model from an
// imported constant named for Haiku, client imported under the SDK's own name) per recipe; each note is written back
// with a Supabase update on the row's id; look-alikes: a short constant system prompt, 600 tokens, no try around the
// request (a failure ends the run), no concurrency, no key in the file
// source: Ren9751/noiseless scripts/backfill-summaries.ts:19
// source: Ren9751/noiseless scripts/backfill-summaries.ts:40
// source: Ren9751/noiseless scripts/backfill-summaries.ts:50
// source: Ren9751/noiseless scripts/backfill-summaries.ts:2
import { db } from "./lib/db";
import { anthropic, SMALL_HAIKU } from "./lib/models"; // expect-not: retries-disabled, hardcoded-api-key

const NOTE_SYSTEM = `You write one friendly paragraph (two or three sentences) telling a home cook why a recipe is worth trying.
Mention one concrete detail from the ingredients or the method. No emoji, no headings, reply with the paragraph only.`;

async function writeNote(name: string, method: string): Promise<string> {
  const reply = await anthropic.messages.create({ // expect: batchable-fanout; expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
    model: SMALL_HAIKU,
    max_tokens: 600,
    system: NOTE_SYSTEM,
    messages: [{ role: "user", content: `Recipe: ${name}\n\nMethod:\n${method}` }],
  });
  const first = reply.content[0];
  if (first.type !== "text") throw new Error("no text block");
  return first.text.trim();
}

async function run() {
  const { data: recipes, error } = await db.from("recipes").select("id, name, method");
  if (error) throw error;
  console.log(`${recipes?.length ?? 0} recipes to annotate`);

  let done = 0;
  for (const recipe of recipes ?? []) { // expect-not: naive-retry, unbounded-fanout
    if (!recipe.method) continue;
    const note = await writeNote(recipe.name, recipe.method);
    const { error: saveErr } = await db.from("recipes").update({ cook_note: note }).eq("id", recipe.id);
    if (saveErr) { // expect-not: string-matched-error
      console.error(`could not save ${recipe.id}:`, saveErr.message);
      continue;
    }
    done++;
  }
  console.log(`annotated ${done} recipes`);
}

run().catch((e) => {
  console.error(e);
  process.exit(1);
});
