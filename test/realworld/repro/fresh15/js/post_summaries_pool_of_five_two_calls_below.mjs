// realworld repro (positive + negative): batchable-fanout -- an offline script picks every post with a weak lead,
// and at the top level awaits Promise.all over slices of five, each running a worker that calls a same-file
// function which sends one Sonnet create for the post; the answer is written into the post's file (the create
// sits two local calls below the loop); look-alikes: the slices are capped at five, the second request fires only
// when a reply fails a local check, Sonnet at 300 tokens is above the classification bar, there is no system
// prompt, and the client keeps default retries
// source: antshaavel22/ksa-blog scripts/generate-excerpts.mjs:74
// source: antshaavel22/ksa-blog scripts/generate-excerpts.mjs:133
// source: antshaavel22/ksa-blog scripts/generate-excerpts.mjs:118
// source: antshaavel22/ksa-blog scripts/generate-excerpts.mjs:21
import fs from 'node:fs';
import path from 'node:path';
import Anthropic from '@anthropic-ai/sdk';

const POSTS = 'content/articles';
const client = new Anthropic(); // expect-not: retries-disabled, hardcoded-api-key
const SLICE = 5;

function readsWell(s) {
  return s.length >= 80 && s.length <= 300 && /[.!?]$/.test(s.trim());
}

async function writeLead(title, body, again = false) {
  const ask = `Write a two-sentence lead for this article. Use only facts from it.${again ? ' Your last answer was unusable; end with a full stop.' : ''}

TITLE: ${title}

ARTICLE:
${body.slice(0, 1800)}`;
  const res = await client.messages.create({ // expect: batchable-fanout; expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
    model: 'claude-sonnet-4-6',
    max_tokens: 300,
    messages: [{ role: 'user', content: ask }],
  });
  return (res.content[0]?.text || '').trim();
}

const todo = fs
  .readdirSync(POSTS)
  .filter((f) => f.endsWith('.md'))
  .map((f) => ({ f, text: fs.readFileSync(path.join(POSTS, f), 'utf8') }))
  .filter((p) => !/^lead: .{80,}$/m.test(p.text));

let done = 0;
async function worker(post) {
  try {
    const title = (post.text.match(/^title: (.*)$/m) || [])[1] || post.f;
    let lead = await writeLead(title, post.text);
    if (!readsWell(lead)) {
      lead = await writeLead(title, post.text, true); // expect-not: naive-retry
    }
    if (!readsWell(lead)) return;
    fs.writeFileSync(path.join(POSTS, post.f), post.text.replace(/^(title:.*)$/m, (m) => `${m}\nlead: "${lead}"`));
    done++;
  } catch (e) {
    console.error(`${post.f}: ${e.message}`);
  }
}

for (let i = 0; i < todo.length; i += SLICE) {
  await Promise.all(todo.slice(i, i + SLICE).map(worker)); // expect-not: unbounded-fanout
}
console.log(`${done} leads written`);
