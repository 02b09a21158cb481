// realworld repro (positive + negative): naive-retry, batchable-fanout -- an offline translation script splits the
// pending strings into batches of eight and, in a sequential for loop, runs a while (true) loop around a same-file
// function that posts one raw fetch to /v1/messages per batch (Sonnet, 16,000 tokens, non-streaming); any thrown
// error (a 429 is thrown as an Error carrying the status) is retried up to three tries after a fixed 2 s wait, and
// each batch's result is written to a file; look-alikes: 16,000 tokens is under the non-streaming ceiling, the
// system prompt interpolates the locale, the handler reads only the error cause for a log line
// source: JimmyKJi/mull-next scripts/translate-content.mjs:666
// source: JimmyKJi/mull-next scripts/translate-content.mjs:554
// source: JimmyKJi/mull-next scripts/translate-content.mjs:673
// source: JimmyKJi/mull-next scripts/translate-content.mjs:663
// source: JimmyKJi/mull-next scripts/translate-content.mjs:117
import { readFileSync, writeFileSync } from 'node:fs';

const KEY = process.env.ANTHROPIC_API_KEY; // expect-not: hardcoded-api-key
const LANGS = { de: 'German', it: 'Italian' };

async function translateChunk(lang, chunk) {
  const system = `You translate glossary entries into ${LANGS[lang]}. Return a JSON object with the same keys.`;
  const res = await fetch('https://api.anthropic.com/v1/messages', { // expect: batchable-fanout; expect-not: nonstreaming-max-tokens, model-routing, uncached-prompt, missing-max-tokens
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': KEY, 'anthropic-version': '2023-06-01' },
    body: JSON.stringify({
      model: 'claude-sonnet-4-6',
      max_tokens: 16000,
      system,
      messages: [{ role: 'user', content: JSON.stringify(chunk) }],
    }),
  });
  if (!res.ok) throw new Error(`API ${res.status}: ${await res.text()}`);
  const data = await res.json();
  return JSON.parse(data.content[0].text);
}

function chunks(obj, n) {
  const entries = Object.entries(obj);
  const out = [];
  for (let i = 0; i < entries.length; i += n) out.push(Object.fromEntries(entries.slice(i, i + n)));
  return out;
}

async function main(lang) {
  const pending = JSON.parse(readFileSync('glossary.json', 'utf8'));
  const done = {};
  for (const chunk of chunks(pending, 8)) { // expect-not: unbounded-fanout
    let tries = 0;
    while (true) { // expect: naive-retry
      try {
        Object.assign(done, await translateChunk(lang, chunk));
        writeFileSync(`glossary.${lang}.json`, JSON.stringify(done, null, 2));
        break;
      } catch (err) { // expect-not: string-matched-error
        const why = err.cause?.code || '';
        if (++tries >= 3) { console.log(`gave up ${why}`); break; }
        await new Promise((r) => setTimeout(r, 2000));
      }
    }
  }
}

main(process.argv[2] || 'de');
