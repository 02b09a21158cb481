// realworld repro (positive + negative): batchable-fanout -- a daily pipeline step exported from a library module walks
// every stored listing in a for loop, awaits a same-file helper that sends one create per listing (model constant
// imported under a name with no tier, 1,024 tokens, a two-sentence system prompt), and writes the score back with a
// Prisma update in the same iteration; the helper's catch logs and returns null (no retry), one request at a time
// source: san-jay-14/job-hunt src/pipeline/classify.ts:136
// source: san-jay-14/job-hunt src/pipeline/classify.ts:148
// source: san-jay-14/job-hunt src/pipeline/classify.ts:172
import type Anthropic from "@anthropic-ai/sdk";
import { PrismaClient, type Listing } from "@prisma/client";

import { SCORING_MODEL, scoringClient } from "./job_fit_scorer_client";

const db = new PrismaClient();

interface Fit {
  score: number;
  why: string;
}

function readFit(text: string): Fit | null {
  try {
    const parsed = JSON.parse(text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1)) as Partial<Fit>;
    return typeof parsed.score === "number" ? { score: parsed.score, why: String(parsed.why ?? "") } : null;
  } catch {
    return null;
  }
}

async function rateListing(llm: Anthropic, profile: string, listing: Listing): Promise<Fit | null> {
  const system = "You score how well one job listing suits one candidate. Reply with a JSON object only.";
  const user = `CANDIDATE:\n${profile}\n\nLISTING:\n${listing.title} at ${listing.company}\n${listing.body}\n\nReturn {"score": 0-100, "why": "<one sentence>"}`;
  try {
    const reply = await llm.messages.create({ // expect: batchable-fanout; expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens, naive-retry
      model: SCORING_MODEL,
      max_tokens: 1024,
      system,
      messages: [{ role: "user", content: user }],
    });
    const text = reply.content.map((block) => (block.type === "text" ? block.text : "")).join("");
    return readFit(text);
  } catch (err) { // expect-not: string-matched-error
    console.error(`scoring failed for ${listing.title}`, err);
    return null;
  }
}

export async function scoreListings(listings: Listing[]): Promise<void> {
  const profile = process.env.CANDIDATE_PROFILE ?? "";
  if (!profile) return;
  const llm = scoringClient();
  for (const listing of listings) { // expect-not: unbounded-fanout
    const fit = await rateListing(llm, profile, listing);
    if (!fit) continue;
    await db.listing.update({ where: { id: listing.id }, data: { fitScore: fit.score, fitReason: fit.why } });
  }
}
