// realworld repro (positive + negative): batchable-fanout and model-routing -- an offline script
// fetches every post page (slices of 5, a page fetch retried with a linear wait: not Claude), then
// asks Claude over raw fetch for a one-line summary (Sonnet, max_tokens 90) and a longer digest of
// each post, two seconds apart, and writes everything to one JSON file
// source: pu5ha/vitalik-reader scripts/fetch-blogs.js:313
// source: pu5ha/vitalik-reader scripts/fetch-blogs.js:31
// source: pu5ha/vitalik-reader scripts/fetch-blogs.js:125
// source: pu5ha/vitalik-reader scripts/fetch-blogs.js:268
import { writeFileSync } from 'fs';

const KEY = process.env.ANTHROPIC_API_KEY;
const wait = (ms) => new Promise((r) => setTimeout(r, ms));

async function askClaude(body) {
  const res = await fetch('https://api.anthropic.com/v1/messages', { // expect: batchable-fanout
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': KEY, 'anthropic-version': '2023-06-01' },
    body: JSON.stringify(body),
  });
  if (!res.ok) return null;
  const data = await res.json();
  return data.content[0].text.trim();
}

async function oneLiner(post) {
  const res = await fetch('https://api.anthropic.com/v1/messages', { // expect: model-routing, batchable-fanout
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': KEY, 'anthropic-version': '2023-06-01' },
    body: JSON.stringify({
      model: 'claude-sonnet-4-5',
      max_tokens: 90,
      messages: [{ role: 'user', content: `One sentence on the point of "${post.title}":\n${post.text.slice(0, 8000)}` }],
    }),
  });
  if (!res.ok) return null;
  const data = await res.json();
  return data.content[0].text.trim();
}

async function pageText(url, tries = 3) {
  for (let n = 0; n < tries; n++) { // expect-not: naive-retry
    try {
      const res = await fetch(url);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return await res.text();
    } catch (err) {
      if (n === tries - 1) throw err;
      await wait(1000 * (n + 1));
    }
  }
}

async function main(posts) {
  const loaded = [];
  for (let i = 0; i < posts.length; i += 5) {
    const slice = posts.slice(i, i + 5);
    const pages = await Promise.all(slice.map(async (p) => ({ ...p, text: await pageText(p.url) }))); // expect-not: unbounded-fanout
    loaded.push(...pages);
  }
  for (let i = 0; i < loaded.length; i++) {
    const post = loaded[i];
    post.line = await oneLiner(post);
    await wait(2000);
    post.digest = await askClaude({
      model: 'claude-sonnet-4-5',
      max_tokens: 1500,
      messages: [{ role: 'user', content: `Summarise in three paragraphs:\n${post.text.slice(0, 40000)}` }],
    });
    await wait(2000);
  }
  writeFileSync('posts.json', JSON.stringify(loaded, null, 2));
}

main(JSON.parse(process.argv[2] ?? '[]'));
