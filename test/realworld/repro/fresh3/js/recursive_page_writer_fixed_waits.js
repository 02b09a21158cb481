// realworld repro (positive + negative): naive-retry and batchable-fanout -- an offline script writes
// one page per topic (several hundred) with a non-streaming Sonnet call; the writer calls itself again
// after a fixed 5 s on any error (429s included, retry-after never read) and after 3 s when the reply
// is not JSON; each page is saved to Postgres in the loop
// source: MagicWifiMoney/bible-verse-randomizer scripts/sprint4-batch1-417-intents.js:195
// source: MagicWifiMoney/bible-verse-randomizer scripts/sprint4-batch1-417-intents.js:178
// source: MagicWifiMoney/bible-verse-randomizer scripts/sprint4-batch1-417-intents.js:155
const Anthropic = require('@anthropic-ai/sdk');
const { Pool } = require('pg');

const claude = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });
const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const GAP_MS = 6000;

async function writePage(topic, tries = 0) {
  const prompt = `Write a JSON object {"intro": "...", "faqs": [...]} for a recipe page about ${topic.title}.`;
  try {
    const reply = await claude.messages.create({ // expect: batchable-fanout
      model: 'claude-sonnet-4-5',
      max_tokens: 12000,
      messages: [{ role: 'user', content: prompt }],
    });
    let page;
    try {
      page = JSON.parse(reply.content[0].text.replace(/```(json)?/g, '').trim());
    } catch (parseError) {
      if (tries < 2) {
        await new Promise((resolve) => setTimeout(resolve, 3000));
        return writePage(topic, tries + 1); // expect-not: naive-retry
      }
      throw new Error('no JSON after retries');
    }
    return page;
  } catch (error) {
    if (tries < 3) {
      await new Promise((resolve) => setTimeout(resolve, 5000));
      return writePage(topic, tries + 1); // expect: naive-retry
    }
    throw error;
  }
}

async function main() {
  const { rows: topics } = await pool.query('SELECT slug, title FROM topics ORDER BY id LIMIT 400');
  for (let i = 0; i < topics.length; i++) {
    try {
      const page = await writePage(topics[i]);
      await pool.query('INSERT INTO pages (slug, body) VALUES ($1, $2) ON CONFLICT (slug) DO UPDATE SET body = $2', [topics[i].slug, JSON.stringify(page)]);
    } catch (err) {
      console.error(`failed ${topics[i].slug}: ${err.message}`);
    }
    if (i < topics.length - 1) await new Promise((resolve) => setTimeout(resolve, GAP_MS));
  }
  await pool.end();
}

main().catch((err) => { console.error(err); process.exit(1); });
