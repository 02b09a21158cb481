// realworld repro (positive + negative): hardcoded-api-key, batchable-fanout, naive-retry and unbounded-fanout -- a scraper clean-up script builds its
// client with a key pasted into the constructor, then sends one Haiku request per unprocessed docket row of a
// database table and writes each answer back to its row, pausing a few seconds between rows
// source: aryan-wtstudios/scraping-texas index.js:6
// source: aryan-wtstudios/scraping-texas index.js:23
// source: aryan-wtstudios/scraping-texas index.js:18
const { Anthropic } = require('@anthropic-ai/sdk');
const { db } = require('./store');

const claude = new Anthropic({
  apiKey:
    'sk-ant-api03-FAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEfakeAA', // expect: hardcoded-api-key
});

async function run() {
  const { data: dockets, error } = await db.from('dockets').select('id,page_text,parsed');
  if (error) {
    console.error(error);
    return;
  }
  for (let i = 0; i < dockets.length; i++) { // expect-not: naive-retry, unbounded-fanout
    if (dockets[i].parsed) continue;
    const reply = await claude.messages.create({ // expect: batchable-fanout
      model: 'claude-3-haiku-20240307',
      max_tokens: 4096,
      messages: [
        {
          role: 'user',
          content: `Pull the docket number, the parties and the three latest filings out of this page as JSON:\n${dockets[i].page_text}`,
        },
      ],
    });
    await db
      .from('dockets')
      .update({ parsed: JSON.stringify(reply.content) })
      .eq('id', dockets[i].id);
    await new Promise((r) => setTimeout(r, 4000));
  }
}

run();
