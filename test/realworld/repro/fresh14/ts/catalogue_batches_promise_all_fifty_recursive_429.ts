// realworld repro (positive + negative): unbounded-fanout, naive-retry and batchable-fanout -- an offline CLI tags a
// catalogue in rounds: each round cuts up to `--workers` (50 by default) groups of 25 rows and starts one Sonnet
// request per group at once with Promise.all over groups.map; the per-group function calls itself again after a fixed
// 5 s whenever the error's status is 429 (no limit, no growth, no retry-after); every answer is written back through
// an imported store update; look-alikes: the 429 is read from the status field, and 8,192 tokens per group of rows is
// not classification-sized
// (corrected by tuneK: the original writes each answer back through `updateEnrichment` imported from its own
// `../lib/db` module, not through a `save…` function; the reproduction now uses `updateTags` from `./db`)
// source: GuillaumeRacine/present-agent-v3-mar2026 scripts/enrich-products.ts:194
// source: GuillaumeRacine/present-agent-v3-mar2026 scripts/enrich-products.ts:153
// source: GuillaumeRacine/present-agent-v3-mar2026 scripts/enrich-products.ts:106
// source: GuillaumeRacine/present-agent-v3-mar2026 scripts/enrich-products.ts:150
import Anthropic from "@anthropic-ai/sdk";
import { pendingRows, updateTags, type Row } from "./db";

const argv = process.argv.slice(2);
const POOL = parseInt(argv.find((a) => a.startsWith("--workers="))?.split("=")[1] || "50");
const GROUP = 25;
const MODEL = "claude-sonnet-4-5";

async function tagGroup(api: Anthropic, rows: Row[], tag: number): Promise<number> {
  try {
    const reply = await api.messages.create({ // expect: batchable-fanout; expect-not: model-routing, nonstreaming-max-tokens, missing-max-tokens
      model: MODEL,
      max_tokens: 8192,
      system: "You label shop items for a gift finder.",
      messages: [{ role: "user", content: JSON.stringify(rows.map((r) => ({ id: r.id, name: r.name }))) }],
    });
    const text = reply.content[0].type === "text" ? reply.content[0].text : "[]";
    let stored = 0;
    for (const item of JSON.parse(text) as { id: string; tags: string[] }[]) {
      updateTags(item.id, item.tags);
      stored++;
    }
    return stored;
  } catch (err: any) {
    if (err?.status === 429) { // expect-not: string-matched-error
      await new Promise((r) => setTimeout(r, 5000));
      return tagGroup(api, rows, tag); // expect: naive-retry
    }
    console.error(`group ${tag} failed`, err?.message);
    return 0;
  }
}

async function main() {
  const api = new Anthropic();
  let round = 0;
  for (;;) {
    const rows = pendingRows(POOL * GROUP);
    if (rows.length === 0) break;
    round++;
    const groups: Row[][] = [];
    for (let i = 0; i < rows.length; i += GROUP) groups.push(rows.slice(i, i + GROUP));
    const counts = await Promise.all( // expect: unbounded-fanout
      groups.map((g, i) => tagGroup(api, g, round * 1000 + i)),
    );
    console.log(`round ${round}: ${counts.reduce((a, b) => a + b, 0)} tagged`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
