// realworld repro (negative): unbounded-fanout, batchable-fanout and uncached-prompt -- a news poller
// runs every two minutes, reads a fixed list of RSS feeds at once (no Claude call in that fan-out),
// translates the few non-English headlines with Haiku right away for push alerts, then asks Haiku
// once to sort the new headlines into alert tiers with short constant instructions
// source: Beingmelina/Newsy src/services/livePoller.js:186
// source: Beingmelina/Newsy src/services/livePoller.js:57
// source: Beingmelina/Newsy src/services/livePoller.js:81
const Anthropic = require('@anthropic-ai/sdk');
const { readFeed } = require('./feed-reader');

const FEEDS = [
  { name: 'Harbour Wire', url: 'https://example.org/harbour.xml', lang: 'en' },
  { name: 'Valley Courier', url: 'https://example.org/valley.xml', lang: 'en' },
  { name: 'Nordpost', url: 'https://example.org/nordpost.xml', lang: 'sv' },
  { name: 'Coast Daily', url: 'https://example.org/coast.xml', lang: 'en' },
];
const seen = new Set();

function claude() {
  return new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });
}

async function toEnglish(headline) {
  try {
    const msg = await claude().messages.create({ // expect-not: batchable-fanout
      model: 'claude-haiku-4-5',
      max_tokens: 150,
      messages: [{ role: 'user', content: `Translate this Swedish headline to English, output only the translation:\n${headline}` }],
    });
    return msg.content[0].text.trim();
  } catch {
    return headline;
  }
}

async function rankHeadlines(items) {
  const list = items.map((a, i) => `[${i}] ${a.source}: ${a.title}`).join('\n');
  try {
    const msg = await claude().messages.create({ // expect-not: uncached-prompt
      model: 'claude-haiku-4-5',
      max_tokens: 600,
      messages: [
        {
          role: 'user',
          content: `You are the night editor of a regional news service. Mark headlines that need an immediate push alert (URGENT) and those for the morning digest (LATER).\nReply as URGENT: indices or NONE, then LATER: indices or NONE.\n\n${list}`,
        },
      ],
    });
    return msg.content[0].text;
  } catch (err) {
    console.error('ranking failed:', err.message);
    return 'URGENT: NONE\nLATER: NONE';
  }
}

async function pollOnce(notify) {
  const batches = await Promise.all(FEEDS.map((f) => readFeed(f, 3))); // expect-not: unbounded-fanout
  const fresh = batches.flat().filter((a) => !seen.has(a.url) && seen.add(a.url));
  if (fresh.length === 0) return;
  for (const item of fresh.filter((a) => a.lang !== 'en')) {
    item.title = await toEnglish(item.title);
  }
  notify(await rankHeadlines(fresh));
}

function start(notify) {
  setInterval(() => pollOnce(notify).catch((e) => console.error(e.message)), 2 * 60 * 1000);
}

module.exports = { start };
