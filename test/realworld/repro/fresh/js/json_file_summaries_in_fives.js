// realworld repro (positive + negative): batchable-fanout and unbounded-fanout -- an offline script
// writes a one-line summary per exercise (one Haiku create each, five at a time) back into JSON data
// files; the fan-outs are over slices of five, a helper's parameter that callers fill with slices, and
// two literal calls per item (the rewrite modes only print their results)
// source: samm-the-dev/build-a-jam scripts/generate-descriptions.mjs:185
// source: samm-the-dev/build-a-jam scripts/generate-descriptions.mjs:286
// source: samm-the-dev/build-a-jam scripts/generate-descriptions.mjs:353
// source: samm-the-dev/build-a-jam scripts/generate-descriptions.mjs:159
import Anthropic from '@anthropic-ai/sdk';
import { readFileSync, writeFileSync } from 'fs';

const FILES = ['data/warmups.json', 'data/games.json'];
const MODEL = 'claude-haiku-4-5';
const GROUP = 5;
const ONE_LINER = 'Summarise the exercise in one sentence of at most 120 characters. Plain text.';

async function oneLiner(client, exercise) {
  const reply = await client.messages.create({ // expect: batchable-fanout
    model: MODEL,
    max_tokens: 120,
    system: ONE_LINER,
    messages: [{ role: 'user', content: `${exercise.name}: ${exercise.text}` }],
  });
  return reply.content[0].text.trim();
}

async function rewrite(client, exercise, style) {
  const reply = await client.messages.create({
    model: MODEL,
    max_tokens: 900,
    system: `Rewrite the exercise description as ${style}.`,
    messages: [{ role: 'user', content: exercise.text }],
  });
  return reply.content[0].text.trim();
}

async function rewriteGroup(client, group, style) {
  return Promise.all( // expect-not: unbounded-fanout
    group.map(async (ex) => {
      try {
        return { id: ex.id, text: await rewrite(client, ex, style) };
      } catch (err) {
        return { id: ex.id, text: null, error: err.message };
      }
    }),
  );
}

async function main() {
  const client = new Anthropic();
  const mode = process.argv[2] ?? 'summaries';
  for (const file of FILES) {
    const data = JSON.parse(readFileSync(file, 'utf-8'));
    for (let i = 0; i < data.exercises.length; i += GROUP) {
      const group = data.exercises.slice(i, i + GROUP);
      if (mode === 'summaries') {
        const lines = await Promise.all( // expect-not: unbounded-fanout
          group.map(async (ex) => {
            try {
              return { id: ex.id, line: await oneLiner(client, ex) };
            } catch {
              return { id: ex.id, line: null };
            }
          }),
        );
        for (const { id, line } of lines) {
          const ex = data.exercises.find((e) => e.id === id);
          if (ex && line) ex.summary = line;
        }
      } else if (mode === 'compare') {
        for (const ex of group) {
          const [plain, rich] = await Promise.all([rewrite(client, ex, 'plain text'), rewrite(client, ex, 'HTML')]); // expect-not: unbounded-fanout
          console.log(`--- ${ex.name}\n${plain}\n---\n${rich}`);
        }
      } else {
        for (const r of await rewriteGroup(client, group, mode)) console.log(r.id, r.text ?? r.error);
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    writeFileSync(file, JSON.stringify(data, null, 2) + '\n', 'utf-8');
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
