// realworld repro (negative): batchable-fanout -- a daily digest script builds one prompt from every article with
// .map(...).join(...) and sends a single non-streaming Sonnet request (8,192 tokens) for the whole day, writing
// the digest file after it; look-alikes: the map only formats text, the long instructions sit in the user turn
// with the day's articles, and 8,192 tokens is under the non-streaming ceiling
// source: juddlyon/atlantanewsandtalk.com scripts/summarize.mjs:57
// source: juddlyon/atlantanewsandtalk.com scripts/summarize.mjs:47
import Anthropic from '@anthropic-ai/sdk';
import fs from 'fs';

async function main() {
  const raw = JSON.parse(fs.readFileSync('data/raw-articles.json', 'utf-8'));
  const client = new Anthropic(); // expect-not: hardcoded-api-key, retries-disabled

  const listing = raw.articles
    .map((a, i) => `${i + 1}. [${a.source}] "${a.title}"\n   ${a.content.slice(0, 800)}\n   Link: ${a.link}`)
    .join('\n\n');

  const message = await client.messages.create({ // expect-not: batchable-fanout, nonstreaming-max-tokens, missing-max-tokens, model-routing, uncached-prompt
    model: 'claude-sonnet-4-5',
    max_tokens: 8192,
    messages: [
      {
        role: 'user',
        content: `You edit a local news page for a small harbour town. Group these articles into sections and return JSON
with a short lede, a top story and 8-15 stories, each with a headline, a summary and a neighbourhood.

Articles:
${listing}

Respond with JSON only.`,
      },
    ],
  });

  const digest = JSON.parse(message.content[0].type === 'text' ? message.content[0].text : '{}');
  fs.writeFileSync('data/digest-latest.json', JSON.stringify(digest, null, 2));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
