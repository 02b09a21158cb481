// realworld repro (positive + negative): batchable-fanout and naive-retry -- an offline backfill tags every untagged
// archived post with one Haiku create (through a same-file helper called in a for loop) and writes the tags into that
// post's front matter in the same iteration; the create runs inside callWithRetry imported from a sibling module,
// which retries only 429s and waits the retry-after header (negative); failures are counted and skipped
// (the lead renamed the sibling module to name Anthropic, as the original's ./anthropic-client.js does: the file has no SDK import of its own)
// source: todd427/foxxelabs-astro scripts/backfill-entities.js:60
// source: todd427/foxxelabs-astro scripts/backfill-entities.js:135
import fs from 'fs';
import path from 'path';
import { MODEL, makeClient, callWithRetry } from './archive_entity_anthropic_client.js';

const POSTS_DIR = path.join(process.cwd(), 'content', 'posts');

async function tagPost(client, body) {
  const prompt = `List the people, organisations and products this post is about as JSON {"tags": [...]}.\n\n${body.slice(0, 6000)}`;
  const reply = await callWithRetry(() => client.messages.create({ // expect: batchable-fanout; expect-not: naive-retry, model-routing, uncached-prompt
    model: MODEL,
    max_tokens: 1024,
    messages: [{ role: 'user', content: prompt }],
  }));
  const text = reply.content.filter((b) => b.type === 'text').map((b) => b.text).join('');
  const match = text.match(/\{[\s\S]*\}/);
  return match ? JSON.parse(match[0]).tags : null;
}

function writeTags(file, tags) {
  const raw = fs.readFileSync(file, 'utf-8');
  const line = `tags: [${tags.map((t) => JSON.stringify(t)).join(', ')}]`;
  fs.writeFileSync(file, raw.replace(/^---\n/, `---\n${line}\n`));
}

async function main() {
  const pending = fs.readdirSync(POSTS_DIR).filter((f) => f.endsWith('.md'));
  const client = makeClient();
  let failed = 0;
  for (let i = 0; i < pending.length; i++) { // expect-not: naive-retry, unbounded-fanout
    const file = path.join(POSTS_DIR, pending[i]);
    try {
      const tags = await tagPost(client, fs.readFileSync(file, 'utf-8'));
      if (!tags) {
        failed++;
        continue;
      }
      writeTags(file, tags);
    } catch (error) {
      failed++;
      console.error(`${pending[i]}: ${error.message}`);
    }
  }
  console.log(`done, ${failed} left for the next run`);
}

main();
