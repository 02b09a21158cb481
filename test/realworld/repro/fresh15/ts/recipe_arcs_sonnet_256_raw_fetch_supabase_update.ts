// realworld repro (positive + negative): batchable-fanout, model-routing -- a tsx backfill script's main selects every
// published row with no summary and loops over them sequentially; a same-file function posts one raw-HTTP Messages
// request per row (Sonnet, max_tokens 256, a one-line arc) and the answer is written back with a supabase update;
// look-alikes: the failure branch only logs the status and returns null, the loop logs errors and moves on, the key
// comes from the environment
// source: benxbridges/recdex scripts/backfill-summaries.ts:69
// source: benxbridges/recdex scripts/backfill-summaries.ts:82
// source: benxbridges/recdex scripts/backfill-summaries.ts:108
// source: benxbridges/recdex scripts/backfill-summaries.ts:73
import { createClient } from "@supabase/supabase-js";

const DB_URL = process.env.SUPABASE_URL!;
const DB_KEY = process.env.SUPABASE_SERVICE_KEY!;
const CLAUDE_KEY = process.env.ANTHROPIC_API_KEY!;

type Dish = { slug: string; title: string; steps: { text: string }[] | null };

async function arc(dish: Dish): Promise<string | null> {
  const lines = (dish.steps || []).map((s, i) => `${i + 1}. ${s.text}`).join("\n");
  if (!lines) return null;
  const prompt = `Sum up how this dish is cooked in a few short phrases, under 20 words.\n\nDish: ${dish.title}\nSteps:\n${lines}\n\nReply with the phrases only.`;
  const res = await fetch("https://api.anthropic.com/v1/messages", { // expect: batchable-fanout, model-routing; expect-not: missing-max-tokens, nonstreaming-max-tokens, uncached-prompt
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-api-key": CLAUDE_KEY, // expect-not: hardcoded-api-key
      "anthropic-version": "2023-06-01",
    },
    body: JSON.stringify({
      model: "claude-sonnet-4-5",
      max_tokens: 256,
      messages: [{ role: "user", content: prompt }],
    }),
  });
  if (!res.ok) { // expect-not: string-matched-error
    console.error(`claude ${res.status}: ${await res.text()}`);
    return null;
  }
  const body = await res.json();
  const text: string = body.content?.[0]?.text || "";
  return text.trim() || null;
}

async function main() {
  const db = createClient(DB_URL, DB_KEY);
  const { data: dishes, error } = await db
    .from("dishes")
    .select("slug, title, steps")
    .eq("status", "published")
    .is("summary", null);
  if (error || !dishes) throw error;
  for (let i = 0; i < dishes.length; i++) { // expect-not: naive-retry, unbounded-fanout
    const dish = dishes[i] as Dish;
    try {
      const summary = await arc(dish);
      if (!summary) continue;
      const { error: failed } = await db.from("dishes").update({ summary }).eq("slug", dish.slug);
      if (failed) console.log(`failed ${dish.slug}: ${failed.message}`);
    } catch (e) {
      console.log(`failed ${dish.slug}: ${(e as Error).message}`);
    }
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
