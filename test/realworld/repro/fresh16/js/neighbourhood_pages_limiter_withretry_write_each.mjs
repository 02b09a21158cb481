// realworld repro (positive + negative): batchable-fanout -- an offline page generator's main() loops over every
// pending neighbourhood read from a JSON file; two same-file functions below the loop, one Sonnet create at 2,000
// tokens per neighbourhood is sent inside an arrow function handed to an imported limiter's withRetry, and each page
// is written to its own markdown file with the list saved back; look-alikes: the client keeps maxRetries: 3, the
// loop awaits one neighbourhood at a time, the key is checked only for its prefix, and the prompt varies per item
// source: Theprofitplatform/tpp automation/scripts/generate-suburb-pages.mjs:142
// source: Theprofitplatform/tpp automation/scripts/generate-suburb-pages.mjs:260
// source: Theprofitplatform/tpp automation/scripts/generate-suburb-pages.mjs:57
// source: Theprofitplatform/tpp automation/scripts/generate-suburb-pages.mjs:35
import Anthropic from '@anthropic-ai/sdk';
import fs from 'fs/promises';
import path from 'path';
import { RequestPacer } from '../lib/request-pacer.mjs';

const LIST_FILE = './data/neighbourhoods.json';
const OUT_DIR = './content/areas';

if (!(process.env.ANTHROPIC_API_KEY || '').startsWith('sk-ant-')) { // expect-not: hardcoded-api-key
  console.error('set ANTHROPIC_API_KEY');
  process.exit(1);
}

const pacer = new RequestPacer(40);
const claude = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY, maxRetries: 3 }); // expect-not: retries-disabled

async function loadPending() {
  const data = JSON.parse(await fs.readFile(LIST_FILE, 'utf-8'));
  return data.areas.filter((a) => a.state === 'todo');
}

async function writeAreaCopy(area) {
  const ask = `Write a 700-word local services page for ${area.name} (${area.postcode}). Mention what businesses there
need, two landmarks, and three short FAQs. Markdown only, starting with an H1.`;
  const reply = await pacer.withRetry(async () => {
    const msg = await claude.messages.create({ // expect: batchable-fanout; expect-not: model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt, string-matched-error
      model: 'claude-sonnet-4-20250514',
      max_tokens: 2000,
      messages: [{ role: 'user', content: ask }],
    });
    return msg;
  });
  return reply.content[0].text;
}

async function buildAreaPage(area) {
  try {
    const body = await writeAreaCopy(area);
    const file = path.join(OUT_DIR, `${area.name.toLowerCase().replace(/\s+/g, '-')}.md`);
    await fs.writeFile(file, `---\ntitle: "${area.name}"\n---\n\n${body}`, 'utf-8');
    return { ok: true, file };
  } catch (err) {
    console.error(`failed ${area.name}: ${err.message}`);
    return { ok: false };
  }
}

async function main() {
  await fs.mkdir(OUT_DIR, { recursive: true });
  const pending = await loadPending();
  const done = [];
  for (const area of pending) { // expect-not: unbounded-fanout
    const result = await buildAreaPage(area);
    if (result.ok) {
      area.state = 'written';
      done.push(area);
      const data = JSON.parse(await fs.readFile(LIST_FILE, 'utf-8'));
      data.areas = data.areas.map((a) => (a.name === area.name ? area : a));
      await fs.writeFile(LIST_FILE, JSON.stringify(data, null, 2));
    }
  }
  console.log(`wrote ${done.length} of ${pending.length}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
