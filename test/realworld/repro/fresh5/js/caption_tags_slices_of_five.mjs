// realworld repro (positive + negative): batchable-fanout and model-routing -- an offline ESM
// script labels every photo post with Sonnet at max_tokens 100 (four labels from fixed lists), five
// posts at a time with Promise.all, and writes the tag file after each slice
// source: FieldofAction/oh-yeap scripts/tag-posts.mjs:180
// source: FieldofAction/oh-yeap scripts/tag-posts.mjs:127
// source: FieldofAction/oh-yeap scripts/tag-posts.mjs:187
import fs from 'fs';
import Anthropic from '@anthropic-ai/sdk';

const SLICE = 5;
const OUT = 'labels.json';
const SYSTEM = 'Label the photographed object. Reply with JSON {"kind","colour","material"} only.';

async function labelPost(client, post) {
  const content = [{ type: 'text', text: `Caption: "${post.caption}"` }];
  if (post.image) {
    content.unshift({ type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: fs.readFileSync(post.image).toString('base64') } });
  }
  const reply = await client.messages.create({ // expect: model-routing, batchable-fanout
    model: 'claude-sonnet-4-5',
    max_tokens: 100,
    system: SYSTEM,
    messages: [{ role: 'user', content }],
  });
  try {
    return JSON.parse(reply.content[0].text);
  } catch {
    return { kind: 'other', colour: 'mixed', material: 'mixed' };
  }
}

const client = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });
const posts = JSON.parse(fs.readFileSync('posts.json', 'utf8'));
const saved = fs.existsSync(OUT) ? JSON.parse(fs.readFileSync(OUT, 'utf8')) : {};
const pending = posts.filter((p) => !saved[p.id]);

for (let i = 0; i < pending.length; i += SLICE) {
  const slice = pending.slice(i, i + SLICE);
  const labelled = await Promise.all( // expect-not: unbounded-fanout
    slice.map(async (post) => {
      try {
        return { id: post.id, labels: await labelPost(client, post) };
      } catch (err) {
        console.error(`post ${post.id}: ${err.message}`);
        return { id: post.id, labels: null };
      }
    }),
  );
  for (const row of labelled) if (row.labels) saved[row.id] = row.labels;
  fs.writeFileSync(OUT, JSON.stringify(saved, null, 2));
  await new Promise((r) => setTimeout(r, 1200));
}
