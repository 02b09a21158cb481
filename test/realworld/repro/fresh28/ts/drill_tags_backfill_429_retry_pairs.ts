// realworld repro (positive + negative): naive-retry, batchable-fanout -- an offline backfill script lists every
// active drill still missing tags and works through them two at a time with a pause between pairs; a same-file
// per-drill helper sends one Haiku create with a forced tool through a local retry loop (status 429 only, waits
// 4 s then 8 s, never reads retry-after, client keeps the SDK's retries) and writes the cleaned tags back to the
// database; look-alikes: a worker pool of two (capped) joined with Promise.all, the status (not text) test,
// Haiku already, 4,096 tokens, a constant system prompt of a couple of thousand characters, the key from the
// environment
// source: testyortago-cloud/djpathlete.com scripts/backfill-exercise-metadata.ts:179
// source: testyortago-cloud/djpathlete.com scripts/backfill-exercise-metadata.ts:181
// source: testyortago-cloud/djpathlete.com scripts/backfill-exercise-metadata.ts:300
// source: testyortago-cloud/djpathlete.com scripts/backfill-exercise-metadata.ts:190
// source: testyortago-cloud/djpathlete.com scripts/backfill-exercise-metadata.ts:29
import Anthropic from "@anthropic-ai/sdk";
import { createClient } from "@supabase/supabase-js";

const db = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_SERVICE_KEY!);
const claude = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY! }); // expect-not: retries-disabled, hardcoded-api-key

const WORKERS = 2;
const GAP_MS = 3000;
const ATTEMPTS = 3;
const LEVELS = ["beginner", "intermediate", "advanced"] as const;

const SYSTEM = `You label strength and conditioning drills for a coaching app.
Given one drill, return the equipment it needs, the body regions it trains and a level (${LEVELS.join(", ")}).
Pick only equipment the description mentions. Name at most three body regions, the ones doing most of the work.
A drill that needs a coach or a partner gets the level one step higher than its movement alone suggests.`;

const tagTool: Anthropic.Tool = {
  name: "set_drill_tags",
  description: "Record the tags for one drill",
  input_schema: {
    type: "object",
    properties: {
      equipment: { type: "array", items: { type: "string" } },
      regions: { type: "array", items: { type: "string" } },
      level: { type: "string", enum: [...LEVELS] },
    },
    required: ["equipment", "regions", "level"],
  },
};

interface Drill {
  id: string;
  name: string;
  notes: string | null;
}

async function askTags(text: string): Promise<Anthropic.Message> {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) { // expect: naive-retry
    try {
      return await claude.messages.create({ // expect: batchable-fanout; expect-not: model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt
        model: "claude-haiku-4-5",
        max_tokens: 4096,
        system: SYSTEM,
        messages: [{ role: "user", content: text }],
        tools: [tagTool],
        tool_choice: { type: "tool", name: "set_drill_tags" },
      });
    } catch (err: unknown) {
      const limited = err instanceof Anthropic.APIError && err.status === 429; // expect-not: string-matched-error
      if (limited && attempt < ATTEMPTS) {
        await new Promise((r) => setTimeout(r, 2 ** attempt * 2000));
        continue;
      }
      throw err;
    }
  }
  throw new Error("not reached");
}

async function tagDrill(drill: Drill): Promise<boolean> {
  try {
    const reply = await askTags(`Drill: ${drill.name}\nNotes: ${drill.notes ?? "none"}`);
    const use = reply.content.find((b): b is Anthropic.ToolUseBlock => b.type === "tool_use");
    if (!use) return false;
    const tags = use.input as { equipment: string[]; regions: string[]; level: string };
    const { error } = await db
      .from("drills")
      .update({ equipment: tags.equipment, regions: tags.regions.slice(0, 3), level: tags.level })
      .eq("id", drill.id);
    return !error;
  } catch {
    return false;
  }
}

async function inPool<T, R>(items: T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  let next = 0;
  async function worker() {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  }
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, () => worker())); // expect-not: unbounded-fanout
  return out;
}

async function main() {
  const { data, error } = await db.from("drills").select("id, name, notes").eq("active", true).is("level", null);
  if (error) throw error;
  const drills = (data ?? []) as Drill[];
  let ok = 0;
  for (let i = 0; i < drills.length; i += WORKERS) {
    const results = await inPool(drills.slice(i, i + WORKERS), WORKERS, tagDrill);
    ok += results.filter(Boolean).length;
    if (i + WORKERS < drills.length) await new Promise((r) => setTimeout(r, GAP_MS));
  }
  console.log(`tagged ${ok} of ${drills.length}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
