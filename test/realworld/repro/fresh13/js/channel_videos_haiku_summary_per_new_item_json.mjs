// realworld repro (positive + negative): batchable-fanout -- a scheduled feed script walks every channel at the
// top level and, for each new video among the newest few, awaits one Haiku summary of its transcript (one local
// call below the per-video loop); the summaries are pushed into the channel's list and written to its JSON file;
// look-alikes: the model is already Haiku, the constant system prompt is far under the caching minimum, a failed
// video is logged and skipped, and everything runs one at a time
// source: Rom74274/youtube-summaries scripts/summarize.mjs:90
// source: Rom74274/youtube-summaries scripts/summarize.mjs:209
// source: Rom74274/youtube-summaries scripts/summarize.mjs:182
// source: Rom74274/youtube-summaries scripts/summarize.mjs:25
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import Anthropic from '@anthropic-ai/sdk';

const MODEL = 'claude-haiku-4-5-20251001';
const OUTPUT_TOKENS = 2000;
const NEWEST = 4;

const client = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY }); // expect-not: hardcoded-api-key, retries-disabled
const feeds = JSON.parse(readFileSync('feeds.json', 'utf8'));

const GUIDE = `You receive the transcript of a talk. Answer with JSON only:
{"gist": "two sentences", "points": ["five to seven points"], "closing": "one sentence"}
Skip sponsor reads and calls to subscribe.`;

async function digest(transcript, title) {
  const reply = await client.messages.create({ // expect: batchable-fanout; expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
    model: MODEL,
    max_tokens: OUTPUT_TOKENS,
    system: GUIDE,
    messages: [{ role: 'user', content: `Title: ${title}\n\nTranscript:\n${transcript.slice(0, 200000)}` }],
  });
  return JSON.parse(reply.content.filter((b) => b.type === 'text').map((b) => b.text).join(''));
}

async function refreshFeed(feed) {
  const file = `public/feeds/${feed.slug}.json`;
  const known = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : { talks: [] };
  const seen = new Set(known.talks.map((t) => t.id));
  const fresh = feed.latest.filter((t) => !seen.has(t.id));
  const pool = [...known.talks.map((t) => ({ old: true, t })), ...fresh.map((t) => ({ old: false, t }))]
    .sort((a, b) => new Date(b.t.date) - new Date(a.t.date))
    .slice(0, NEWEST);

  const talks = [];
  for (const entry of pool) { // expect-not: unbounded-fanout
    if (entry.old) {
      talks.push(entry.t);
      continue;
    }
    try {
      const summary = await digest(entry.t.transcript, entry.t.title);
      talks.push({ id: entry.t.id, title: entry.t.title, date: entry.t.date, summary });
    } catch (err) { // expect-not: naive-retry
      console.warn(`summary failed for ${entry.t.id}: ${err.message}`);
    }
  }
  writeFileSync(file, JSON.stringify({ slug: feed.slug, updated: new Date().toISOString(), talks }, null, 2));
}

async function main() {
  for (const feed of feeds) await refreshFeed(feed);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
