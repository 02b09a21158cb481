// realworld repro (positive + negative): batchable-fanout -- an offline bun script reads untagged forum threads and,
// in a loop over slices of 20, sends one Haiku 4.5 create per slice through a same-file function; every tag is kept
// in a list and written to the database after the loop, so nobody waits on the answers live; look-alikes: Haiku
// already (no routing advice), a sequential awaited loop (no concurrent fan-out), a JSON-parse catch that returns an
// empty map (no retry), the key from the environment
// source: moleculeprotocol/science.beach scripts/classify-posts.ts:50
// source: moleculeprotocol/science.beach scripts/classify-posts.ts:119
// source: moleculeprotocol/science.beach scripts/classify-posts.ts:73
// source: moleculeprotocol/science.beach scripts/classify-posts.ts:30
import Anthropic from "@anthropic-ai/sdk";
import { createClient } from "@supabase/supabase-js";

const db = createClient(process.env.DB_URL ?? "", process.env.DB_SERVICE_KEY ?? "");
const claude = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY }); // expect-not: hardcoded-api-key, retries-disabled

const SLICE = 20;

type Thread = { id: string; heading: string; text: string };
type Board = { slug: string; label: string };

async function tagSlice(threads: Thread[], boards: Board[]): Promise<Record<string, string>> {
  const boardLines = boards.map((b) => `- ${b.slug}: ${b.label}`).join("\n");
  const threadLines = threads
    .map((t, n) => `(${n}) id=${t.id}\nHeading: ${t.heading}\nText: ${t.text.slice(0, 400)}`)
    .join("\n\n");
  const reply = await claude.messages.create({ // expect: batchable-fanout; expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
    model: "claude-haiku-4-5-20251001",
    max_tokens: 1024,
    messages: [
      {
        role: "user",
        content: `Put every thread on one board. Boards:\n${boardLines}\n\nThreads:\n${threadLines}\n\nAnswer with a JSON object from thread id to board slug only.`,
      },
    ],
  });
  const text = reply.content[0].type === "text" ? reply.content[0].text : "";
  const found = text.match(/\{[\s\S]*\}/);
  if (!found) return {};
  try {
    return JSON.parse(found[0]) as Record<string, string>;
  } catch { // expect-not: naive-retry, string-matched-error
    return {};
  }
}

async function main() {
  const { data: boards } = await db.from("boards").select("slug, label");
  const { data: threads } = await db.from("threads").select("id, heading, text").is("board", null);
  if (!boards || !threads) return;
  const picks: Array<{ id: string; board: string }> = [];
  for (let start = 0; start < threads.length; start += SLICE) { // expect-not: unbounded-fanout
    const slice = threads.slice(start, start + SLICE);
    const tags = await tagSlice(slice, boards);
    for (const t of slice) picks.push({ id: t.id, board: tags[t.id] ?? "misc" });
  }
  for (const p of picks) {
    await db.from("threads").update({ board: p.board }).eq("id", p.id);
  }
  console.log(`tagged ${picks.length} threads`);
}

main().catch(console.error);
