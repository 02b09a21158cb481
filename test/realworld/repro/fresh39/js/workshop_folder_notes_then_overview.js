// realworld repro (positive + negative): batchable-fanout -- an offline script walks the workshop folders that have
// no NOTES.md yet, sends one Haiku create per folder (a short constant system prompt, far under Haiku's cacheable
// minimum) through a same-file helper and writes each result at once; then one Sonnet create over all the notes
// builds an overview (a single request, not a fan-out); the missing-key message shows only a placeholder key
// source: AmirK-S/dans-crypto-course scripts/generate-summaries.mjs:127
// source: AmirK-S/dans-crypto-course scripts/generate-summaries.mjs:193
// source: AmirK-S/dans-crypto-course scripts/generate-summaries.mjs:282
// source: AmirK-S/dans-crypto-course scripts/generate-summaries.mjs:36
// source: AmirK-S/dans-crypto-course scripts/generate-summaries.mjs:40
import Anthropic from '@anthropic-ai/sdk';
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'fs';
import { join } from 'path';

const FOLDERS = 'workshops';
if (!process.env.ANTHROPIC_API_KEY) {
  console.error('Set ANTHROPIC_API_KEY first, e.g. export ANTHROPIC_API_KEY=sk-ant-...'); // expect-not: hardcoded-api-key
  process.exit(1);
}
const anthropic = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY }); // expect-not: retries-disabled

async function folderNotes(name, texts) {
  const reply = await anthropic.messages.create({ // expect: batchable-fanout; expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens, string-matched-error
    model: 'claude-haiku-4-5',
    max_tokens: 4096,
    system: 'You turn workshop transcripts into study notes. Use only what the speaker says; never invent figures.',
    messages: [{ role: 'user', content: `Workshop "${name}":\n\n${texts.join('\n\n---\n\n')}` }],
  });
  return reply.content[0].text;
}

async function overview(allNotes) {
  const reply = await anthropic.messages.create({ // expect-not: batchable-fanout, model-routing, uncached-prompt, nonstreaming-max-tokens
    model: 'claude-sonnet-4-5',
    max_tokens: 8192,
    system: 'You merge per-workshop notes into one course overview without adding outside knowledge.',
    messages: [{ role: 'user', content: allNotes.map((n) => `## ${n.name}\n${n.text}`).join('\n\n') }],
  });
  return reply.content[0].text;
}

async function main() {
  const collected = [];
  const folders = readdirSync(FOLDERS, { withFileTypes: true }).filter((d) => d.isDirectory());
  for (const folder of folders) { // expect-not: naive-retry, unbounded-fanout
    const target = join(FOLDERS, folder.name, 'NOTES.md');
    if (existsSync(target)) {
      collected.push({ name: folder.name, text: readFileSync(target, 'utf8') });
      continue;
    }
    const texts = readdirSync(join(FOLDERS, folder.name))
      .filter((f) => f.endsWith('.txt'))
      .map((f) => readFileSync(join(FOLDERS, folder.name, f), 'utf8'));
    if (texts.length === 0) continue;
    try {
      const text = await folderNotes(folder.name, texts);
      writeFileSync(target, text, 'utf8');
      collected.push({ name: folder.name, text });
    } catch (err) {
      console.error(`${folder.name}: ${err.message}`);
      continue;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  writeFileSync(join(FOLDERS, 'OVERVIEW.md'), await overview(collected), 'utf8');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
