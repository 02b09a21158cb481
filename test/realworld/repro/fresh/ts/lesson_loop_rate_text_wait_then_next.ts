// realworld repro (positive + negative): string-matched-error, batchable-fanout, naive-retry and
// hardcoded-api-key -- an offline script writes one lesson per row with a Sonnet create and saves it
// to the database; its catch tests the message for "rate" / "429" to pick a longer pause before the
// next lesson (nothing is re-sent); the setup hint prints a placeholder key
// source: ankitgupta8632/EDAMastery scripts/generate-content.ts:414
// source: ankitgupta8632/EDAMastery scripts/generate-content.ts:312
// source: ankitgupta8632/EDAMastery scripts/generate-content.ts:302
// source: ankitgupta8632/EDAMastery scripts/generate-content.ts:257
import Anthropic from '@anthropic-ai/sdk';
import { openStore } from './store';

const store = openStore();
const claude = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });

const TEACHER = `You write short lessons on signal processing for experienced software engineers.
Start from a software analogy, then explain the idea precisely, then give one worked example.
Keep each lesson under 900 words, use headings, and end with three quiz questions marked Q1-Q3.
Never invent citations. Prefer concrete numbers to adjectives. Use metric units.
Explain every symbol the first time it appears, and repeat the key formula at the end.
Write for someone reading on a phone during a commute: short paragraphs, no tables wider than four columns.
If a topic depends on an earlier lesson, name that lesson in the first paragraph.
Mark the one idea the reader must remember with the words "Remember this".
Include a short section called "Where this shows up at work" with two realistic examples.
Avoid jokes, avoid rhetorical questions, avoid filler such as "in this lesson we will".`;

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function run() {
  if (!process.env.ANTHROPIC_API_KEY) {
    console.error("Missing key. Run: echo 'ANTHROPIC_API_KEY=sk-ant-...' >> .env"); // expect-not: hardcoded-api-key
    process.exit(1);
  }
  const todo = (await store.lessons.all()).filter((l: any) => !l.body);
  let written = 0;
  for (const lesson of todo) { // expect-not: naive-retry
    try {
      const reply = await claude.messages.create({ // expect: batchable-fanout
        model: 'claude-sonnet-4-5',
        max_tokens: 6000,
        system: TEACHER,
        messages: [{ role: 'user', content: `Lesson: ${lesson.title}\nOutline: ${lesson.outline}` }],
      });
      const body = reply.content[0].type === 'text' ? reply.content[0].text : '';
      await store.lessons.update(lesson.id, { body, writtenAt: new Date() });
      written++;
      await pause(1000);
    } catch (error: unknown) {
      const text = error instanceof Error ? error.message : String(error);
      console.log(`${lesson.title} failed: ${text}`);
      if (text.includes('rate') || text.includes('429')) { // expect: string-matched-error
        await pause(30000);
      } else {
        await pause(2000);
      }
    }
  }
  console.log(`written: ${written}`);
}

run()
  .catch((e) => {
    console.error(e);
    process.exit(1);
  })
  .finally(() => store.close());
