// realworld repro (positive + negative): batchable-fanout + model-routing -- an offline npm script walks the
// statute files on disk and, for every paragraph without a note, sends one create through a same-file function
// (called from the map over each slice of paragraphs); the model and max_tokens are top-level constants, Sonnet 4.6
// and 100 tokens for a one- or two-sentence note, and every file is written back to disk after its paragraphs;
// look-alikes: Promise.all over a slice of --slice paragraphs (5 by default) awaited before the next, a limiter
// before each call, a short constant system prompt far below the cache minimum, a catch that logs and moves on
// source: ur5fot/shchyt-help scripts/generate-summaries.ts:133
// source: ur5fot/shchyt-help scripts/generate-summaries.ts:225
// source: ur5fot/shchyt-help scripts/generate-summaries.ts:212
import Anthropic from "@anthropic-ai/sdk";
import { readdirSync, readFileSync, writeFileSync } from "fs";
import { join } from "path";

const DIR = "statutes";
const NOTE_MODEL = "claude-sonnet-4-6";
const NOTE_TOKENS = 100;
const NOTE_SYSTEM = `You annotate statutes. In one or two sentences say what the paragraph governs and who it applies to.
Do not quote it.`;

interface Paragraph {
  id: string;
  section: string;
  text: string;
  note?: string;
}

interface StatuteFile {
  title: string;
  paragraphs: Paragraph[];
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function noteFor(client: Anthropic, p: Paragraph, title: string): Promise<string> {
  await pause(250);
  const reply = await client.messages.create({ // expect: batchable-fanout, model-routing; expect-not: uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
    model: NOTE_MODEL,
    max_tokens: NOTE_TOKENS,
    system: NOTE_SYSTEM,
    messages: [{ role: "user", content: `Statute: ${title}\nSection: ${p.section}\nText: ${p.text}` }],
  });
  const block = reply.content[0];
  return block && block.type === "text" ? block.text.trim() : "";
}

async function main() {
  const sliceSize = Number(process.argv[2] ?? 5) || 5;
  const client = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY }); // expect-not: retries-disabled, hardcoded-api-key
  for (const name of readdirSync(DIR).filter((f) => f.endsWith(".json"))) {
    const statute = JSON.parse(readFileSync(join(DIR, name), "utf-8")) as StatuteFile;
    const open = statute.paragraphs.filter((p) => !p.note);
    for (let i = 0; i < open.length; i += sliceSize) {
      const slice = open.slice(i, i + sliceSize);
      const work = slice.map(async (p) => { // expect-not: naive-retry
        try {
          p.note = await noteFor(client, p, statute.title);
        } catch (err) {
          console.error(`paragraph ${p.id} failed`, err);
        }
      });
      await Promise.all(work); // expect-not: unbounded-fanout
    }
    writeFileSync(join(DIR, name), JSON.stringify(statute, null, 2) + "\n");
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
