// realworld repro (positive + negative): batchable-fanout -- an offline tsx script groups stored council motions by
// meeting date and, in a nested loop, sends one Haiku 4.5 create per motion (the motion's PDF as a base64 document
// block, 250 tokens) through a same-file helper, keeps each summary on the motion and writes the whole JSON file back
// after the loops; look-alikes: Haiku already (no routing), a handler that logs and returns null so the loop counts a
// failure and moves on (no retry), a sequential awaited loop (no concurrent fan-out), the default client
// source: djaantjie/kieswijzergroningen scripts/generate-summaries.ts:95
// source: djaantjie/kieswijzergroningen scripts/generate-summaries.ts:155
// source: djaantjie/kieswijzergroningen scripts/generate-summaries.ts:127
import fs from "fs";
import Anthropic from "@anthropic-ai/sdk";

interface Motion {
  date: string;
  number: number | null;
  title: string;
  digest?: string;
}

const STORE = "data/motions.json";

async function pdfAsBase64(url: string): Promise<string | null> {
  const res = await fetch(url);
  if (!res.ok) return null;
  return Buffer.from(await res.arrayBuffer()).toString("base64");
}

async function digestMotion(client: Anthropic, title: string, pdf: string): Promise<string | null> {
  try {
    const reply = await client.messages.create({ // expect: batchable-fanout; expect-not: model-routing, naive-retry, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
      model: "claude-haiku-4-5-20251001",
      max_tokens: 250,
      messages: [
        {
          role: "user",
          content: [
            { type: "document", source: { type: "base64", media_type: "application/pdf", data: pdf } },
            { type: "text", text: `Summarise the council motion "${title}" in two or three plain sentences.` },
          ],
        },
      ],
    });
    const first = reply.content[0];
    return first.type === "text" ? first.text.trim() : null;
  } catch (err) {
    console.error("summary request failed:", err);
    return null;
  }
}

async function main() {
  const client = new Anthropic(); // expect-not: retries-disabled, hardcoded-api-key
  const all: Motion[] = JSON.parse(fs.readFileSync(STORE, "utf-8"));
  const byDate = new Map<string, Motion[]>();
  for (const m of all.filter((x) => x.number !== null && !x.digest)) {
    if (!byDate.has(m.date)) byDate.set(m.date, []);
    byDate.get(m.date)!.push(m);
  }

  let done = 0;
  let failed = 0;
  for (const [date, motions] of byDate) {
    console.log(`meeting ${date}: ${motions.length} motions`);
    for (const motion of motions) { // expect-not: unbounded-fanout
      const pdf = await pdfAsBase64(`https://council.example.org/motions/${date}/${motion.number}.pdf`);
      if (!pdf) {
        failed++;
        continue;
      }
      const digest = await digestMotion(client, motion.title, pdf);
      if (!digest) {
        failed++;
        continue;
      }
      motion.digest = digest;
      done++;
    }
  }

  fs.writeFileSync(STORE, JSON.stringify(all, null, 2), "utf-8");
  console.log(`${done} digests written, ${failed} failed`);
}

main().catch(console.error);
