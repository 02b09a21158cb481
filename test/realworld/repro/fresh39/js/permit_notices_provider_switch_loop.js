// realworld repro (positive + negative): batchable-fanout -- an offline script walks the stored official notices that
// still lack a plain-language digest, fetches each page and sends one raw fetch Messages request per notice through
// the Anthropic side of a provider switch (the OpenAI side is no Claude call); every digest is written into its
// notice and the whole store is saved after the loop, whose catch logs and moves on
// source: tatuyaseto1983-glitch/minpac_news scripts/summarize.mjs:59
// source: tatuyaseto1983-glitch/minpac_news scripts/summarize.mjs:41
// source: tatuyaseto1983-glitch/minpac_news scripts/summarize.mjs:101
// source: tatuyaseto1983-glitch/minpac_news scripts/summarize.mjs:73
// source: tatuyaseto1983-glitch/minpac_news scripts/summarize.mjs:22
import { readFileSync, writeFileSync } from 'node:fs';

const STORE = 'data/notices.json';
const openaiToken = process.env.OPENAI_API_KEY;
const claudeToken = process.env.ANTHROPIC_API_KEY; // expect-not: hardcoded-api-key
const backend = process.env.DIGEST_BACKEND ?? (openaiToken ? 'openai' : claudeToken ? 'claude' : null);
if (!backend) process.exit(0);

const INSTRUCTION = 'Explain this council notice in two short lines for a first-time holiday-let host. Add nothing the page does not say.';

async function digestWithOpenAI(pageText) {
  const res = await fetch('https://api.openai.com/v1/chat/completions', { // expect-not: batchable-fanout
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${openaiToken}` },
    body: JSON.stringify({
      model: 'gpt-4o-mini',
      max_tokens: 300,
      messages: [
        { role: 'system', content: INSTRUCTION },
        { role: 'user', content: pageText },
      ],
    }),
  });
  if (!res.ok) throw new Error(`openai ${res.status}`);
  return (await res.json()).choices?.[0]?.message?.content?.trim() ?? null;
}

async function digestWithClaude(pageText) {
  const res = await fetch('https://api.anthropic.com/v1/messages', { // expect: batchable-fanout; expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens, retries-disabled
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': claudeToken, 'anthropic-version': '2023-06-01' },
    body: JSON.stringify({
      model: process.env.DIGEST_MODEL ?? 'claude-sonnet-4-5',
      max_tokens: 300,
      system: INSTRUCTION,
      messages: [{ role: 'user', content: pageText }],
    }),
  });
  if (!res.ok) throw new Error(`claude ${res.status}: ${(await res.text()).slice(0, 120)}`); // expect-not: string-matched-error
  return (await res.json()).content?.[0]?.text?.trim() ?? null;
}

const digest = backend === 'openai' ? digestWithOpenAI : digestWithClaude;

const store = JSON.parse(readFileSync(STORE, 'utf8'));
const pending = store.notices.filter((n) => n.official && !n.digest).slice(0, 20);

for (const notice of pending) { // expect-not: naive-retry, unbounded-fanout
  try {
    const page = await (await fetch(notice.url)).text();
    const text = page.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').slice(0, 5000);
    const answer = await digest(text);
    if (!answer) continue;
    notice.digest = answer;
    notice.digestedOn = new Date().toISOString().slice(0, 10);
  } catch (err) {
    console.log(`skipped ${notice.url}: ${err.message}`);
  }
}

writeFileSync(STORE, JSON.stringify(store, null, 2) + '\n');
