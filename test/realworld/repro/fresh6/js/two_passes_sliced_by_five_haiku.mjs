// realworld repro (positive + negative): batchable-fanout and unbounded-fanout -- an offline script
// fills in a short description for every standard and every committee of two JSON files, one Haiku
// create per item, five at a time with Promise.allSettled, and writes both files back
// source: tomx4096/rfcexplorer scripts/generate-summaries.js:56
// source: tomx4096/rfcexplorer scripts/generate-summaries.js:88
// source: tomx4096/rfcexplorer scripts/generate-summaries.js:114
import Anthropic from '@anthropic-ai/sdk';
import { readFileSync, writeFileSync } from 'node:fs';

const WIDTH = 5;
const claude = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });

async function describeStandard(std) {
  const reply = await claude.messages.create({ // expect: batchable-fanout
    model: 'claude-haiku-4-5',
    max_tokens: 350,
    messages: [{ role: 'user', content: `Describe standard ${std.code} "${std.title}" in two sentences.` }],
  });
  return reply.content[0].text.trim();
}

async function describeCommittee(group) {
  const reply = await claude.messages.create({ // expect: batchable-fanout
    model: 'claude-haiku-4-5',
    max_tokens: 250,
    messages: [{ role: 'user', content: `What does the ${group.name} committee work on? One sentence.` }],
  });
  return reply.content[0].text.trim();
}

async function inSlices(items, fn) {
  const out = new Map();
  for (let i = 0; i < items.length; i += WIDTH) {
    const slice = items.slice(i, i + WIDTH);
    const settled = await Promise.allSettled(slice.map((it) => fn(it))); // expect-not: unbounded-fanout
    settled.forEach((s, j) => {
      if (s.status === 'fulfilled') out.set(slice[j].id, s.value);
    });
    await new Promise((r) => setTimeout(r, 400));
  }
  return out;
}

const groups = JSON.parse(readFileSync('data/groups.json', 'utf8'));
const groupText = await inSlices(groups.filter((g) => !g.about), describeCommittee);
writeFileSync('data/groups.json', JSON.stringify(groups.map((g) => ({ ...g, about: groupText.get(g.id) ?? g.about })), null, 2));

const standards = JSON.parse(readFileSync('data/standards.json', 'utf8'));
const stdText = await inSlices(standards.filter((s) => !s.about), describeStandard);
writeFileSync('data/standards.json', JSON.stringify(standards.map((s) => ({ ...s, about: stdText.get(s.id) ?? s.about })), null, 2));
