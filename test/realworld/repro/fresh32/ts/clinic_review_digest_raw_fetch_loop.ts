// realworld repro (positive + negative): batchable-fanout -- an offline tsx script walks every clinic that has enough
// reviews and sends one raw-fetch Haiku request per clinic (a same-file helper), writing each digest back to the
// clinics table with a short pause between clinics; look-alikes: Haiku already, an 800-token budget, a short literal
// system prompt, a catch that counts the failure and moves on, sequential awaits
// source: Sunnysakchira1/thailandclinics scripts/generate-summaries.ts:102
// source: Sunnysakchira1/thailandclinics scripts/generate-summaries.ts:105
// source: Sunnysakchira1/thailandclinics scripts/generate-summaries.ts:200
import { createClient } from "@libsql/client";

const KEY = process.env.ANTHROPIC_API_KEY;
if (!KEY) throw new Error("ANTHROPIC_API_KEY is not set");

const db = createClient({ url: process.env.DB_URL ?? "file:clinics.db" });
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Review {
  stars: number;
  body: string;
}

async function digestReviews(name: string, reviews: Review[]): Promise<string> {
  const system = "You turn patient reviews into three honest, specific bullet points. Reply with JSON only.";
  const listing = reviews.map((r) => `${r.stars}/5: ${r.body}`).join("\n");
  const res = await fetch("https://api.anthropic.com/v1/messages", { // expect: batchable-fanout; expect-not: model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt, retries-disabled
    method: "POST",
    headers: {
      "x-api-key": KEY!, // expect-not: hardcoded-api-key
      "anthropic-version": "2023-06-01",
      "content-type": "application/json",
    },
    body: JSON.stringify({
      model: "claude-haiku-4-5-20251001",
      max_tokens: 800,
      system,
      messages: [{ role: "user", content: `Clinic: ${name}\nReviews:\n${listing}` }],
    }),
  });
  if (!res.ok) throw new Error(`Claude API ${res.status}: ${await res.text()}`);
  const data = (await res.json()) as { content: { text: string }[] };
  return data.content[0]?.text ?? "";
}

async function main() {
  const clinics = (await db.execute("SELECT id, name FROM clinics WHERE digest IS NULL")).rows;
  let failed = 0;
  for (let i = 0; i < clinics.length; i++) { // expect-not: naive-retry, unbounded-fanout
    const clinic = clinics[i];
    const reviews = (await db.execute({
      sql: "SELECT stars, body FROM reviews WHERE clinic_id = ? ORDER BY posted DESC LIMIT 30",
      args: [clinic.id],
    })).rows as unknown as Review[];
    if (reviews.length < 5) continue;
    try {
      const digest = await digestReviews(String(clinic.name), reviews);
      await db.execute({ sql: "UPDATE clinics SET digest = ? WHERE id = ?", args: [digest, clinic.id] });
    } catch (err) {
      console.error(`digest failed for ${clinic.name}`, err);
      failed++;
    }
    if (i < clinics.length - 1) await wait(600);
  }
  console.log(`done, ${failed} failed`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
