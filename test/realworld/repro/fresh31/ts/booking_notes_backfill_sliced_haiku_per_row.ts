// realworld repro (positive + negative): batchable-fanout -- a one-off backfill script finds every open booking
// without a conversation note, sends one create per booking through a same-file helper (slices of five run with
// Promise.allSettled, a short pause between slices) and writes each note back to the database at once; look-alikes:
// the sliced fan-out (bounded), a loop that counts failures without re-sending, a Haiku default model, no system
// prompt, the client's default retries
// source: Bananajoexxc/rental-manager scripts/backfill-summaries.ts:25
// source: Bananajoexxc/rental-manager scripts/backfill-summaries.ts:52
// source: Bananajoexxc/rental-manager scripts/backfill-summaries.ts:49
// source: Bananajoexxc/rental-manager scripts/backfill-summaries.ts:10
import Anthropic from "@anthropic-ai/sdk";
import { db } from "./booking-db";

const client = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY }); // expect-not: retries-disabled

const NOTE_MODEL = process.env.NOTE_MODEL || "claude-haiku-4-5-20251001";
const SLICE = 5;
const PAUSE_MS = 500;

async function writeNote(lines: { from: string; text: string }[]): Promise<string | null> {
  const transcript = lines.map((l) => `${l.from}: ${l.text.slice(0, 300)}`).join("\n");
  const reply = await client.messages.create({ // expect: batchable-fanout; expect-not: model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt
    model: NOTE_MODEL,
    max_tokens: 300,
    messages: [
      {
        role: "user",
        content: `In three short lines, note what this guest asked for, what was promised and what is still open.\n\n${transcript}`,
      },
    ],
  });
  const first = reply.content[0];
  return first.type === "text" ? first.text.trim() : null;
}

async function main() {
  const open = await db.bookings.findMany({ where: { status: "open", note: null } });
  let saved = 0;
  let failed = 0;

  for (let i = 0; i < open.length; i += SLICE) { // expect-not: naive-retry
    const slice = open.slice(i, i + SLICE);
    const outcomes = await Promise.allSettled( // expect-not: unbounded-fanout
      slice.map(async (booking) => {
        const lines = await db.messages.findMany({ where: { bookingId: booking.id }, take: 25 });
        if (lines.length === 0) return;
        const note = await writeNote(lines);
        if (!note) return;
        await db.bookings.update({ where: { id: booking.id }, data: { note } });
        saved++;
      })
    );
    failed += outcomes.filter((o) => o.status === "rejected").length;
    if (i + SLICE < open.length) {
      await new Promise((done) => setTimeout(done, PAUSE_MS));
    }
  }

  console.log(`notes saved: ${saved}, failed: ${failed}`);
}

main().catch(console.error);
