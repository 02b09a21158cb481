// realworld repro (positive + negative): batchable-fanout -- an offline script selects the plugins whose note is
// still null in Supabase and, one after another, sends a Sonnet create per plugin through a same-file helper, then
// writes the note back with .update({ note }); the note is a short paragraph at max_tokens 1024, not a label
// source: mertbuilds/claudemarketplaces.com scripts/generate-summaries.ts:91
// source: mertbuilds/claudemarketplaces.com scripts/generate-summaries.ts:175
import Anthropic from "@anthropic-ai/sdk";
import { createClient } from "@supabase/supabase-js";

const MODEL = "claude-sonnet-4-20250514";

async function writeNote(claude: Anthropic, name: string, readme: string): Promise<string> {
  const reply = await claude.messages.create({ // expect: batchable-fanout; expect-not: model-routing, uncached-prompt, naive-retry, missing-max-tokens, nonstreaming-max-tokens
    model: MODEL,
    max_tokens: 1024,
    messages: [{ role: "user", content: `In 80 to 120 plain words, tell a developer what the plugin ${name} does.\n\n${readme.slice(0, 6000)}` }],
  });
  const block = reply.content[0];
  if (block.type !== "text") throw new Error("no text in the reply");
  return block.text.trim();
}

async function main() {
  const claude = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY }); // expect-not: retries-disabled, hardcoded-api-key
  const db = createClient(process.env.SUPABASE_URL ?? "", process.env.SUPABASE_SERVICE_KEY ?? "");
  const { data: plugins } = await db.from("plugins").select("id, name, readme").is("note", null).limit(40);
  for (let i = 0; i < (plugins ?? []).length; i++) { // expect-not: unbounded-fanout
    const plugin = plugins![i];
    try {
      const note = await writeNote(claude, plugin.name, plugin.readme);
      await db.from("plugins").update({ note }).eq("id", plugin.id);
    } catch (err) {
      console.error(`${plugin.name}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

main();
