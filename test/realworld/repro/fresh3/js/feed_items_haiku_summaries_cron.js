// realworld repro (positive): batchable-fanout -- an hourly cron script reads a list of feeds and, for
// every item not yet stored, asks Haiku for a two-sentence summary (max_tokens 200) and stores it with
// prisma in the loop; the summariser swallows its own errors
// source: nokiceldin/UIC-Prof-Rank scripts/import-rss.mjs:194
import { PrismaClient } from '@prisma/client';
import Anthropic from '@anthropic-ai/sdk';

const db = new PrismaClient();
const claude = new Anthropic();

const FEEDS = [
  { key: 'campus', url: 'https://news.example.edu/feed' },
  { key: 'library', url: 'https://library.example.edu/feed' },
  { key: 'sports', url: 'https://sports.example.edu/feed' },
];

function parseItems(xml) {
  const out = [];
  for (const m of xml.matchAll(/<item>[\s\S]*?<title>(.*?)<\/title>[\s\S]*?<guid>(.*?)<\/guid>[\s\S]*?<\/item>/g)) {
    out.push({ title: m[1], guid: m[2] });
  }
  return out;
}

async function summarise(title, feedKey) {
  try {
    const reply = await claude.messages.create({ // expect: batchable-fanout
      model: 'claude-haiku-4-5',
      max_tokens: 200,
      messages: [{ role: 'user', content: `In two sentences, what should students know about this ${feedKey} item? ${title}` }],
    });
    return reply.content[0]?.text?.trim() ?? null;
  } catch {
    return null;
  }
}

async function importFeed(feed) {
  const xml = await (await fetch(feed.url)).text();
  for (const item of parseItems(xml)) {
    const seen = await db.feedItem.findUnique({ where: { guid: item.guid } });
    if (seen) continue;
    const summary = await summarise(item.title, feed.key);
    await db.feedItem.create({ data: { guid: item.guid, title: item.title, summary, feed: feed.key } });
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function main() {
  for (const feed of FEEDS) await importFeed(feed);
  await db.$disconnect();
}

main().catch(async (err) => { console.error(err); await db.$disconnect(); process.exit(1); });
