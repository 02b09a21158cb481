// realworld repro (positive + negative): batchable-fanout and unbounded-fanout -- an offline script
// (main() at the top level) tags every note with one Haiku call each through a helper, in slices of
// ten with a pause, and stores the tags in a database; the slices and the per-note upserts are bounded
// or make no Claude call
// source: kenta-yos/reading-note-app scripts/reextract-with-vocab.mjs:93
// source: kenta-yos/reading-note-app scripts/reextract-with-vocab.mjs:140
// source: kenta-yos/reading-note-app scripts/reextract-with-vocab.mjs:145
import Anthropic from '@anthropic-ai/sdk';
import { openStore } from './store.js';

const store = openStore(process.env.STORE_URL);
const claude = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });
const SLICE = 10;

async function tagsFor(note, glossary) {
  const reply = await claude.messages.create({ // expect: batchable-fanout
    model: 'claude-haiku-4-5',
    max_tokens: 200,
    messages: [
      {
        role: 'user',
        content: `Pick up to six terms from this glossary that the note below is about: ${glossary.join(', ')}\n\n${note.body}\nAnswer with a JSON array only.`,
      },
    ],
  });
  const text = reply.content[0].type === 'text' ? reply.content[0].text : '[]';
  const found = text.match(/\[[\s\S]*?\]/);
  return found ? JSON.parse(found[0]) : [];
}

async function main() {
  const notes = await store.notes.all();
  const glossary = await store.glossary.all();
  for (let start = 0; start < notes.length; start += SLICE) {
    const slice = notes.slice(start, start + SLICE);
    await Promise.all( // expect-not: unbounded-fanout
      slice.map(async (note) => {
        try {
          const tags = await tagsFor(note, glossary);
          await Promise.all(tags.map((tag) => store.tags.upsert({ noteId: note.id, tag }))); // expect-not: unbounded-fanout
        } catch (err) {
          console.error(`note ${note.id}: ${err.message}`);
        }
      }),
    );
    if (start + SLICE < notes.length) await new Promise((done) => setTimeout(done, 400));
  }
}

main()
  .catch(console.error)
  .finally(() => store.close());
