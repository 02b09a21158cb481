// realworld repro (negative): batchable-fanout, unbounded-fanout, missing-max-tokens and naive-retry look-alikes --
// an evaluation study already on Message Batches: trials.map builds one request object per trial (params from an
// imported builder) and a single batches.create submits them; a poll loop reads the batch status every 10 s until it
// has ended or a day has passed, re-sending nothing
// source: otaviooalmeida/claude-judge src/adapters/anthropic-batches.js:36
// source: otaviooalmeida/claude-judge src/adapters/anthropic-batches.js:8
// source: otaviooalmeida/claude-judge src/adapters/anthropic-batches.js:21
// source: otaviooalmeida/claude-judge src/adapters/batch-lifecycle.js:18
import { judgeParams } from "./params.js";

const EVERY_MS = 10_000;
const GIVE_UP_MS = 24 * 60 * 60 * 1000;

export function judgeRequests(trials, tasksById) {
  return trials.map((trial) => ({ // expect-not: unbounded-fanout
    custom_id: trial.id,
    params: judgeParams(tasksById.get(trial.taskId), trial), // expect-not: missing-max-tokens
  }));
}

export async function submitJudging(client, requests) {
  if (requests.length === 0) throw new Error("nothing to submit");
  return client.messages.batches.create({ requests }); // expect-not: batchable-fanout
}

export async function waitUntilEnded(client, batchId, onStatus = () => {}) {
  const t0 = Date.now();
  while (true) { // expect-not: naive-retry
    const batch = await client.messages.batches.retrieve(batchId);
    onStatus(batch.processing_status);
    if (batch.processing_status === "ended") return batch;
    if (Date.now() - t0 >= GIVE_UP_MS) throw new Error(`batch ${batchId} still ${batch.processing_status}`);
    await new Promise((r) => setTimeout(r, EVERY_MS));
  }
}
