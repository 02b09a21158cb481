// realworld repro (negative): unbounded-fanout and naive-retry look-alikes -- a scraping script walks search
// results until a constant count (12) is reached, queues one scoring task per result behind p-limit, and awaits
// them all with Promise.all and prints them; each task loads the page, then sends one raw request to /v1/messages and logs any
// error without sending it again
// source: tenzinhl/shv-url-agent thursday-demo.js:467
// source: tenzinhl/shv-url-agent thursday-demo.js:317
// source: tenzinhl/shv-url-agent thursday-demo.js:192
import fs from 'fs/promises';
import axios from 'axios';
import pLimit from 'p-limit';

const RESULT_COUNT = 12;
const gate = pLimit(40);

async function askClaude(text) {
  const body = {
    model: 'claude-haiku-4-5',
    max_tokens: 512,
    messages: [{ role: 'user', content: `Rate from 1 to 5 how well this page matches the topic:\n${text}` }],
  };
  return await axios.post('https://api.anthropic.com/v1/messages', body, { // expect-not: missing-max-tokens, nonstreaming-max-tokens
    headers: {
      'content-type': 'application/json',
      'x-api-key': process.env.ANTHROPIC_API_KEY,
      'anthropic-version': '2023-06-01',
    },
  });
}

async function scoreResult(result) {
  const pageText = await fetchPageText(result.url);
  try { // expect-not: naive-retry
    const reply = await askClaude(pageText);
    result.score = reply.data.content[0].text;
  } catch (err) {
    console.error(`scoring failed for ${result.url}: ${err.message}`);
  }
  return result;
}

async function fetchPageText(url) {
  const res = await axios.get(url, { timeout: 20000 });
  return String(res.data).slice(0, 8000);
}

const found = JSON.parse(await fs.readFile('search-results.json', 'utf8'));
const pending = [];
let seen = 0;
while (seen < RESULT_COUNT && seen < found.length) {
  pending.push(gate(scoreResult, found[seen]));
  seen++;
}
const scored = await Promise.all(pending); // expect-not: unbounded-fanout
for (const r of scored) console.log(r.url, r.score ?? 'n/a');
