// realworld repro (positive + negative): naive-retry, string-matched-error and batchable-fanout -- an
// offline grading script: the first loop over lessons, on status 429, waits a fixed 30 s and does i--
// so the same lesson is sent again (a retry, retry-after never read); the second loop, a for...of,
// only decrements a progress counter on 429 and moves on (nothing re-sent); both store one create's
// result per lesson (a JSON report, the database)
// source: ankitgupta8632/EDAMastery scripts/evaluate-content.ts:451
// source: ankitgupta8632/EDAMastery scripts/evaluate-content.ts:558
// source: ankitgupta8632/EDAMastery scripts/evaluate-content.ts:509
// source: ankitgupta8632/EDAMastery scripts/evaluate-content.ts:460
// source: ankitgupta8632/EDAMastery scripts/evaluate-content.ts:567
// source: ankitgupta8632/EDAMastery scripts/evaluate-content.ts:650
import Anthropic from '@anthropic-ai/sdk';
import * as fs from 'fs';
import { openStore } from './store';

const store = openStore();
const claude = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });
const GRADER = 'Grade the lesson from 0 to 100 on clarity, accuracy and pacing. Reply as JSON.';
const WRITER = 'Rewrite the lesson to fix the listed problems. Keep the same headings.';

async function main() {
  const lessons = await store.lessons.all();
  const grades: Array<{ id: string; score: number; notes: string }> = [];

  for (let i = 0; i < lessons.length; i++) { // expect: naive-retry
    const lesson = lessons[i];
    try {
      const reply = await claude.messages.create({ // expect: batchable-fanout
        model: 'claude-sonnet-4-5',
        max_tokens: 1500,
        system: GRADER,
        messages: [{ role: 'user', content: lesson.body }],
      });
      const text = reply.content[0].type === 'text' ? reply.content[0].text : '{}';
      const parsed = JSON.parse(text);
      grades.push({ id: lesson.id, score: parsed.score, notes: parsed.notes });
      await new Promise((r) => setTimeout(r, 1000));
    } catch (err: unknown) {
      const e = err as { status?: number; message?: string };
      if (e.status === 429) { // expect-not: string-matched-error
        await new Promise((r) => setTimeout(r, 30000));
        i--;
      } else {
        console.log(`grading ${lesson.id} failed: ${e.message}`);
      }
    }
  }
  fs.writeFileSync('grades.json', JSON.stringify(grades, null, 2));

  const weak = grades.filter((g) => g.score < 70);
  let shown = 0;
  for (const grade of weak) { // expect-not: naive-retry
    const lesson = lessons.find((l: any) => l.id === grade.id);
    if (!lesson) continue;
    shown++;
    try {
      const reply = await claude.messages.create({ // expect: batchable-fanout
        model: 'claude-sonnet-4-5',
        max_tokens: 6000,
        system: WRITER,
        messages: [{ role: 'user', content: `Problems: ${grade.notes}\n\n${lesson.body}` }],
      });
      const body = reply.content[0].type === 'text' ? reply.content[0].text : '';
      await store.lessons.update(lesson.id, { body });
      await new Promise((r) => setTimeout(r, 1000));
    } catch (err: unknown) {
      const e = err as { status?: number; message?: string };
      if (e.status === 429) {
        await new Promise((r) => setTimeout(r, 30000));
        shown--;
      } else {
        console.log(`rewrite ${lesson.id} failed: ${e.message}`);
      }
    }
  }
  console.log(`rewrote ${shown} of ${weak.length}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
