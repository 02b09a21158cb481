// realworld repro (positive + negative): batchable-fanout -- a daily CommonJS script sends one
// Sonnet create per chunk of five collected articles, a second apart, and writes the merged results
// to a JSON file and an archive; the constant system prompt is short (under the cache minimum) and
// the usage text shows an sk-ant-... placeholder
// source: suno7608/ai-trend-hub scripts/summarize.js:196
// source: suno7608/ai-trend-hub scripts/summarize.js:98
// source: suno7608/ai-trend-hub scripts/summarize.js:172
const fs = require('fs');
const Anthropic = require('@anthropic-ai/sdk');

const CHUNK = 5;
const SYSTEM = 'You are a news desk editor. For each article return {"index","headline","gist","tags"} as a JSON array.';

async function digestChunk(client, articles) {
  const listing = articles.map((a, i) => `[${i}] ${a.title}\n${a.excerpt || ''}`).join('\n---\n');
  try {
    const reply = await client.messages.create({ // expect: batchable-fanout
      model: 'claude-sonnet-4-5',
      max_tokens: 4000,
      system: SYSTEM,
      messages: [{ role: 'user', content: `Digest these ${articles.length} articles:\n${listing}` }],
    });
    const parsed = JSON.parse(reply.content[0].text);
    return articles.map((a, i) => ({ ...a, ...(parsed[i] || {}), done: true }));
  } catch (err) {
    return articles.map((a) => ({ ...a, done: false, error: err.message }));
  }
}

async function main() {
  if (!process.env.ANTHROPIC_API_KEY) {
    console.error('Set ANTHROPIC_API_KEY first, e.g. export ANTHROPIC_API_KEY=sk-ant-...'); // expect-not: hardcoded-api-key
    process.exit(1);
  }
  const articles = JSON.parse(fs.readFileSync('data/collected.json', 'utf8'));
  const client = new Anthropic();
  const out = [];
  for (let i = 0; i < articles.length; i += CHUNK) {
    out.push(...(await digestChunk(client, articles.slice(i, i + CHUNK))));
    if (i + CHUNK < articles.length) await new Promise((r) => setTimeout(r, 1000));
  }
  fs.writeFileSync('data/digested.json', JSON.stringify(out, null, 2));
  fs.appendFileSync(`data/archive-${new Date().toISOString().slice(0, 10)}.jsonl`, out.map((o) => JSON.stringify(o)).join('\n') + '\n');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
