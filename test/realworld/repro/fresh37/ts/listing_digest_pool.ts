// realworld repro (positive + negative): batchable-fanout -- an offline backfill pages through every listing, keeps
// the ones missing from a JSON cache, and a pool of four workers shifts them off a queue; each worker sends one raw
// fetch Messages request (Haiku, a short constant system prompt) through a same-file helper and the answers are put
// into the cache object by id, written with writeFileSync every few answers and after the pool
// source: Avsar/hireassit-cubeA scripts/backfill-summaries.ts:139
// source: Avsar/hireassit-cubeA scripts/backfill-summaries.ts:301
import { existsSync, readFileSync, writeFileSync } from "fs";

const WORKERS = 4;
const CACHE_PATH = "out/digests.json";
const KEY = process.env.ANTHROPIC_API_KEY; // expect-not: hardcoded-api-key
const SYSTEM = "Summarise the listing in two plain sentences for a buyer. Return only the sentences, no preamble.";

type Digest = { text: string; at: string };

async function digest(title: string, body: string): Promise<string | null> {
  const res = await fetch("https://api.anthropic.com/v1/messages", { // expect: batchable-fanout; expect-not: naive-retry, model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": KEY ?? "", "anthropic-version": "2023-06-01" },
    body: JSON.stringify({
      model: "claude-haiku-4-5",
      max_tokens: 400,
      system: SYSTEM,
      messages: [{ role: "user", content: `${title}\n\n${body.slice(0, 4000)}` }],
    }),
  });
  if (!res.ok) { // expect-not: string-matched-error
    console.warn(`request failed: ${res.status}`);
    return null;
  }
  const data = (await res.json()) as { content?: Array<{ type: string; text?: string }> };
  return (data.content ?? []).map((b) => b.text ?? "").join("").trim() || null;
}

async function main() {
  const cache: Record<string, Digest> = existsSync(CACHE_PATH) ? JSON.parse(readFileSync(CACHE_PATH, "utf-8")) : {};
  const listings: Array<{ id: string; title: string; body: string }> = [];
  for (let page = 1; ; page++) {
    const res = await fetch(`https://listings.example.test/api?page=${page}`);
    const batch = (await res.json()) as Array<{ id: string; title: string; body: string }>;
    if (batch.length === 0) break;
    listings.push(...batch);
  }
  const queue = listings.filter((l) => !cache[l.id]);
  let written = 0;
  const pool = Array.from({ length: Math.min(WORKERS, queue.length) }, async () => {
    while (queue.length > 0) {
      const item = queue.shift()!;
      const text = await digest(item.title, item.body);
      if (!text) continue;
      cache[item.id] = { text, at: new Date().toISOString() };
      if (++written % 10 === 0) writeFileSync(CACHE_PATH, JSON.stringify(cache, null, 2));
    }
  });
  await Promise.all(pool); // expect-not: unbounded-fanout
  writeFileSync(CACHE_PATH, JSON.stringify(cache, null, 2));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
