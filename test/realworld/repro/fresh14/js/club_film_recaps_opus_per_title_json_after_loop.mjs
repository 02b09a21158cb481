// realworld repro (positive + negative): batchable-fanout -- a build-time script walks every film the club has
// reviewed and awaits one Opus 4.8 create per film (a short recap from the members' notes), collects the recaps
// by film id and writes them to one JSON file after the loop; look-alikes: 1,024-token recaps are not
// classification-sized, the constant system prompt is far under the caching minimum, a refusal skips the film,
// and the usage comment holds only a placeholder key
// source: EliasKarj/kerhon-arkisto scripts/generate-summaries.mjs:69
// source: EliasKarj/kerhon-arkisto scripts/generate-summaries.mjs:5
// source: EliasKarj/kerhon-arkisto scripts/generate-summaries.mjs:58
// source: EliasKarj/kerhon-arkisto scripts/generate-summaries.mjs:61
//
// Run with: ANTHROPIC_API_KEY=sk-ant-... node scripts/film-recaps.mjs // expect-not: hardcoded-api-key
import { readFileSync, writeFileSync } from 'node:fs';
import Anthropic from '@anthropic-ai/sdk';

const films = JSON.parse(readFileSync('data/films.json', 'utf8'));
const notes = JSON.parse(readFileSync('data/notes.json', 'utf8'));

const GUIDE = [
  'You keep the minutes of a small film club.',
  'Write a short recap (two or three sentences) of what the members thought of the film,',
  'from their notes only. No heading, no list, no preamble.',
].join(' ');

function notesPrompt(film, filmNotes) {
  const lines = [`Film: ${film.title} (${film.year})`, 'Notes:'];
  for (const n of filmNotes) lines.push(`- ${n.member} (${n.stars}/5): ${n.text}`);
  return lines.join('\n');
}

async function main() {
  const client = new Anthropic(); // expect-not: retries-disabled
  const recaps = {};

  for (const film of films) { // expect-not: unbounded-fanout, naive-retry
    const filmNotes = notes.filter((n) => n.filmId === film.id);
    if (filmNotes.length === 0) continue;

    const reply = await client.messages.create({ // expect: batchable-fanout; expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
      model: 'claude-opus-4-8',
      max_tokens: 1024,
      system: GUIDE,
      messages: [{ role: 'user', content: notesPrompt(film, filmNotes) }],
    });
    if (reply.stop_reason === 'refusal') continue;

    const text = reply.content.filter((b) => b.type === 'text').map((b) => b.text).join('').trim();
    if (text) recaps[film.id] = text;
  }

  writeFileSync('data/recaps.json', JSON.stringify(recaps, null, 2) + '\n');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
