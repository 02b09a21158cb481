// realworld repro (positive + negative): batchable-fanout and naive-retry --
// an offline CLI fills gaps in a timeline: for each day of a range it asks Sonnet (with web search)
// for that day's events, writes them to a JSON file, logs failures and moves on, one second apart
// source: ArtemioPadilla/watchboard scripts/backfill.ts:239
// source: ArtemioPadilla/watchboard scripts/backfill.ts:472
import Anthropic from '@anthropic-ai/sdk';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const OUT_DIR = join(process.cwd(), 'data', 'days');
const SYSTEM = 'You are a careful local historian. Answer with JSON only: {"events": [{"id": string, "title": string}]}.';
let client: Anthropic | null = null;

async function askModel(user: string): Promise<string> {
  client ??= new Anthropic();
  const res = await client.messages.create({ // expect: batchable-fanout
    model: 'claude-sonnet-4-6',
    max_tokens: 12000,
    system: SYSTEM,
    tools: [{ type: 'web_search_20250305', name: 'web_search', max_uses: 5 }],
    messages: [{ role: 'user', content: user }],
  });
  return res.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
}

async function fillDay(day: string): Promise<boolean> {
  const file = join(OUT_DIR, `${day}.json`);
  if (existsSync(file)) return false;
  try {
    const text = await askModel(`List notable events in the river valley towns on ${day}.`);
    writeFileSync(file, JSON.stringify(JSON.parse(text), null, 2));
  } catch (err) { // expect-not: naive-retry
    console.error(`[${day}] failed: ${String(err)}`);
  }
  return true;
}

function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (const d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) {
    out.push(d.toISOString().slice(0, 10));
  }
  return out;
}

async function main() {
  const [from, to] = process.argv.slice(2);
  for (const day of days(from, to)) {
    if (await fillDay(day)) await new Promise((r) => setTimeout(r, 1000));
  }
}

main();
