// realworld repro (negative): unbounded-fanout -- an offline backfill fills a queue with stories that lack a
// summary and drains it with Promise.all over Array.from({ length: 2 }, worker): a fixed pool of two workers, each
// taking one story at a time off the shared queue and handing it to a summariser imported from another module,
// storing each result through an imported writer
// source: attestate/kiwistand scripts/backfill-summaries.mjs:106
import { pendingStories, saveSummary } from "../lib/store.mjs";
import { summariseStory } from "../lib/summarise.mjs";

const WORKERS = 2;
const queue = pendingStories();
const tally = { ok: 0, empty: 0 };

async function worker() {
  while (queue.length) {
    const story = queue.shift();
    const text = await summariseStory(story.title, story.body);
    saveSummary(story.id, text);
    tally[text ? "ok" : "empty"]++;
  }
}

await Promise.all(Array.from({ length: WORKERS }, worker)); // expect-not: unbounded-fanout
console.log("finished", tally);
