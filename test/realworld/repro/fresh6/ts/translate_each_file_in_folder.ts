// realworld repro (positive + negative): batchable-fanout -- an offline script translates every
// JSON file of a folder with one create each and writes each result next door; the file loop only
// logs a failure and moves on
// source: HiNateK/nateeats-content-pipeline scripts/translate.ts:23
// source: HiNateK/nateeats-content-pipeline scripts/translate.ts:54
import Anthropic from '@anthropic-ai/sdk';
import fs from 'fs';
import path from 'path';

const anthropic = new Anthropic();
const SYSTEM = 'Translate the JSON values from English to German. Keep keys unchanged. Reply with JSON only.';

async function translateOne(source: string, target: string): Promise<void> {
  const raw = fs.readFileSync(source, 'utf8');
  const reply = await anthropic.messages.create({ // expect: batchable-fanout
    model: 'claude-opus-4-1',
    max_tokens: 6000,
    system: SYSTEM,
    messages: [{ role: 'user', content: raw }],
  });
  const first = reply.content[0];
  const out = first && first.type === 'text' ? first.text.trim() : '{}';
  JSON.parse(out);
  fs.writeFileSync(target, out, 'utf8');
}

async function main(): Promise<void> {
  const from = path.join(process.cwd(), 'locales/en');
  const to = path.join(process.cwd(), 'locales/de');
  fs.mkdirSync(to, { recursive: true });
  for (const name of fs.readdirSync(from).filter((n) => n.endsWith('.json'))) { // expect-not: naive-retry
    const target = path.join(to, name);
    if (fs.existsSync(target)) continue;
    try {
      await translateOne(path.join(from, name), target);
    } catch (err) {
      console.error(`failed: ${name}`, err);
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

main();
