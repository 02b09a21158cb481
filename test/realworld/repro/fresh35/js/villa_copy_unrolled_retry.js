// realworld repro (positive): naive-retry and batchable-fanout -- an offline node script drafts copy for every
// villa without an entry yet: one raw-fetch request per villa through a same-file draft(), and a catch that calls
// draft() again at once (meant for parse hiccups, but it also re-sends after the Error thrown for a 429); each
// result is stored in the overrides object and written to disk in the loop
// source: ricardoviana-pa/b2cfinal scripts/generate-descriptions.mjs:84
// source: ricardoviana-pa/b2cfinal scripts/generate-descriptions.mjs:57
// source: ricardoviana-pa/b2cfinal scripts/generate-descriptions.mjs:80
import { readFileSync, writeFileSync } from 'node:fs';

const KEY = process.env.ANTHROPIC_API_KEY;
const VILLAS = JSON.parse(readFileSync('data/villas.json', 'utf8'));
const OUT = 'data/villa-copy.json';
let copyById = {};
try { copyById = JSON.parse(readFileSync(OUT, 'utf8')); } catch { /* none yet */ }

const VOICE = `You write short listing copy for a small holiday-villa agency.
Three paragraphs: the house, the village around it, and who it suits. 100 to 150 words.
Use only the facts given; never invent views, pools or distances. No exclamation marks.
Return JSON: {"headline": "...", "body": "..."}`;

async function draft(villa) {
  const res = await fetch('https://api.anthropic.com/v1/messages', { // expect: batchable-fanout; expect-not: uncached-prompt, model-routing, retries-disabled
    method: 'POST',
    headers: { 'x-api-key': KEY, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'claude-sonnet-5',
      max_tokens: 1800,
      system: VOICE,
      messages: [{ role: 'user', content: `NAME: ${villa.name}\nPLACE: ${villa.town}\nFACTS: ${villa.notes.slice(0, 1500)}` }],
    }),
  });
  if (!res.ok) throw new Error(`API ${res.status}`);
  const data = await res.json();
  const text = data.content.filter((c) => c.type === 'text').map((c) => c.text).join('');
  return JSON.parse(text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1));
}

const todo = VILLAS.filter((v) => v.active && !copyById[v.id]);
for (const villa of todo) { // expect-not: unbounded-fanout
  try {
    let copy;
    try { copy = await draft(villa); }
    catch { copy = await draft(villa); } // expect: naive-retry
    copyById[villa.id] = copy;
    writeFileSync(OUT, JSON.stringify(copyById, null, 2));
    console.log(`ok ${villa.name}`);
  } catch (err) {
    console.warn(`skip ${villa.name}: ${err.message}`);
  }
}
