// realworld repro (positive + negative): batchable-fanout -- a scoring module keeps a constant system prompt of about
// 600 characters; a same-file batch function walks every unscored playlist one by one, sends one Haiku
// create per playlist through a same-file helper and upserts each score row into a table with a short pause, and
// a loader feeds it every unscored row; look-alikes: an exported per-track scorer whose loop lives elsewhere,
// Haiku already (no routing advice), a system prompt far below Haiku's cache minimum, sequential awaits, a
// per-item catch that logs and moves on (no retry), a regex that strips code fences, the key from the environment
// source: ashishnairkrishnan-alt/trend-radar-pr lib/scorer.ts:101
// source: ashishnairkrishnan-alt/trend-radar-pr lib/scorer.ts:59
// source: ashishnairkrishnan-alt/trend-radar-pr lib/scorer.ts:111
// source: ashishnairkrishnan-alt/trend-radar-pr lib/scorer.ts:8
import Anthropic from "@anthropic-ai/sdk";

interface Playlist {
  id: string;
  title: string;
  genres: string[];
  trackCount: number;
}

interface Track {
  title: string;
  artist: string;
}

interface MoodScore {
  calm: number;
  energetic: number;
  melancholic: number;
  label: string;
}

interface Table {
  unscored(): Promise<Playlist[]>;
  upsertScore(id: string, score: MoodScore): Promise<void>;
  markScored(id: string): Promise<void>;
}

function client() {
  if (!process.env.ANTHROPIC_API_KEY) throw new Error("ANTHROPIC_API_KEY missing");
  return new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY }); // expect-not: retries-disabled, hardcoded-api-key
}

const MOOD_SYSTEM = `You rate music collections for a radio scheduling team. Answer with JSON only.

Moods:
- calm: slow tempo, acoustic or ambient sound, quiet vocals, late-evening listening
- energetic: fast tempo, strong beat, dance, rock or workout use, daytime listening
- melancholic: minor keys, reflective lyrics, sparse arrangements, rainy-day listening

Rules:
1. Give each mood a whole number from 1 to 5.
2. A collection can score high on more than one mood.
3. label is a short name a presenter could read on air (at most five words).

Return exactly:
{"calm": 1-5, "energetic": 1-5, "melancholic": 1-5, "label": string}`;

export async function scoreTrack(track: Track): Promise<MoodScore> {
  const reply = await client().messages.create({ // expect-not: batchable-fanout, unbounded-fanout, model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
    model: "claude-haiku-4-5-20251001",
    max_tokens: 200,
    system: MOOD_SYSTEM,
    messages: [{ role: "user", content: `Track: ${track.title} by ${track.artist}. Rate it.` }],
  });
  const text = reply.content[0].type === "text" ? reply.content[0].text : "";
  return JSON.parse(text.replace(/```(?:json)?\n?/g, "").trim()) as MoodScore;
}

async function scoreOne(list: Playlist): Promise<MoodScore> {
  const reply = await client().messages.create({ // expect: batchable-fanout; expect-not: unbounded-fanout, model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens, naive-retry
    model: "claude-haiku-4-5-20251001",
    max_tokens: 200,
    system: MOOD_SYSTEM,
    messages: [{ role: "user", content: `Playlist: ${list.title}\nGenres: ${list.genres.join(", ")}\nTracks: ${list.trackCount}\nRate it.` }],
  });
  const block = reply.content[0];
  if (block.type !== "text") throw new Error(`unexpected block ${block.type}`);
  return JSON.parse(block.text.replace(/```(?:json)?\n?/g, "").trim()) as MoodScore; // expect-not: string-matched-error
}

export async function scoreBatch(table: Table, lists: Playlist[]): Promise<void> {
  for (const list of lists) {
    try {
      const score = await scoreOne(list);
      await table.upsertScore(list.id, score);
      await table.markScored(list.id);
      await new Promise((done) => setTimeout(done, 250));
    } catch (err) {
      console.error(`could not score ${list.title}`, err);
    }
  }
}

export async function scoreEverythingPending(table: Table): Promise<number> {
  const pending = await table.unscored();
  if (pending.length === 0) return 0;
  await scoreBatch(table, pending);
  return pending.length;
}
