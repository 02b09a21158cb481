// realworld repro (positive + negative): batchable-fanout and hardcoded-api-key -- an offline script
// sends one raw-fetch Messages request per record that lacks a summary and rewrites the data file after
// each one; failures are logged and skipped (nothing is resent); the usage comment shows a placeholder key
// Usage: ANTHROPIC_API_KEY=sk-ant-... node summarize-records.js 2025 // expect-not: hardcoded-api-key
// source: slavko-janjic/sabor scripts/summarize.mjs:48
// source: slavko-janjic/sabor scripts/summarize.mjs:81
// source: slavko-janjic/sabor scripts/summarize.mjs:4
import { readFileSync, writeFileSync, readdirSync } from 'fs';
import { join } from 'path';

const KEY = process.env.ANTHROPIC_API_KEY;
const MODEL = process.env.MODEL || 'claude-sonnet-4-5';
const DIR = 'records';

async function summarize(record) {
  const body = {
    model: MODEL,
    max_tokens: 400,
    system: 'Explain a council motion to residents in one or two plain sentences.',
    messages: [{ role: 'user', content: `Motion: ${record.title}` }],
  };
  const res = await fetch('https://api.anthropic.com/v1/messages', { // expect: batchable-fanout
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': KEY, 'anthropic-version': '2023-06-01' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
  const data = await res.json();
  return (data.content || []).map((b) => b.text || '').join('').trim();
}

async function main() {
  for (const name of readdirSync(DIR).filter((f) => f.endsWith('.json'))) {
    const file = join(DIR, name);
    const records = JSON.parse(readFileSync(file, 'utf-8'));
    for (const record of records.filter((r) => r.summary == null)) { // expect-not: naive-retry
      try {
        record.summary = await summarize(record);
        writeFileSync(file, JSON.stringify(records, null, 2), 'utf-8');
      } catch (err) {
        console.error(`${record.id}: ${err.message}`);
      }
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
