// realworld repro (positive + negative): naive-retry -- a POST route maps lab-panel rows the local matcher missed by
// sending them to Claude in batches of 30 (three batches at a time with Promise.all over slices); each batch runs in
// a closure whose catch takes any error from the same-file helper that sends the create, waits a fixed 1 s and sends
// the same batch once more (a hand-unrolled retry, retry-after never read); look-alikes: the sliced fan-out
// (bounded), a non-streaming Sonnet create at 16,000 tokens (below the threshold), no system prompt, the user waiting
// source: premuto5749/premuto app/api/ai-mapping/route.ts:204
// source: premuto5749/premuto app/api/ai-mapping/route.ts:240
// source: premuto5749/premuto app/api/ai-mapping/route.ts:417
// source: premuto5749/premuto app/api/ai-mapping/route.ts:26
import Anthropic from "@anthropic-ai/sdk";

const ROWS_PER_BATCH = 30;
const BATCHES_AT_ONCE = 3;
const PAUSE_MS = 1000;

type Row = { label: string; unit: string };
type Guess = { code: string; confidence: number } | null;

function claude() {
  return new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY }); // expect-not: retries-disabled
}

function pause(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

async function guessBatch(rows: Row[], catalogue: string[]): Promise<Guess[]> {
  const listed = rows.map((r, i) => `${i + 1}. ${r.label} (${r.unit || "-"})`).join("\n");
  const reply = await claude().messages.create({ // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout
    model: "claude-sonnet-4-20250514",
    max_tokens: 16000,
    messages: [
      {
        role: "user",
        content: `Match each lab row to one catalogue code, or null.\n\nRows:\n${listed}\n\nCatalogue:\n${catalogue.join("\n")}\n\nReply with a JSON array of {"i", "code", "confidence"}.`,
      },
    ],
  });
  const block = reply.content.find((b) => b.type === "text");
  const parsed: { i: number; code: string | null; confidence: number }[] = JSON.parse(
    block && block.type === "text" ? block.text : "[]"
  );
  const out: Guess[] = rows.map(() => null);
  for (const p of parsed) {
    if (p.code && p.i >= 1 && p.i <= rows.length) out[p.i - 1] = { code: p.code, confidence: p.confidence };
  }
  return out;
}

export async function POST(request: Request) {
  const { rows, catalogue } = (await request.json()) as { rows: Row[]; catalogue: string[] };

  const batches: Row[][] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_BATCH) {
    batches.push(rows.slice(i, i + ROWS_PER_BATCH));
  }

  const runBatch = async (batch: Row[]): Promise<Guess[]> => {
    try {
      return await guessBatch(batch, catalogue);
    } catch (firstError) {
      console.error("batch failed, trying once more", firstError);
      await pause(PAUSE_MS);
      try {
        return await guessBatch(batch, catalogue); // expect: naive-retry
      } catch {
        return batch.map(() => null);
      }
    }
  };

  const guesses: Guess[] = [];
  for (let i = 0; i < batches.length; i += BATCHES_AT_ONCE) {
    const group = batches.slice(i, i + BATCHES_AT_ONCE);
    const done = await Promise.all(group.map((batch) => runBatch(batch))); // expect-not: unbounded-fanout
    for (const part of done) guesses.push(...part);
  }

  return Response.json({ guesses });
}
