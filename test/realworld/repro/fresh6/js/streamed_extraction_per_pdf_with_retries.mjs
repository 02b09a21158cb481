// realworld repro (positive + negative): naive-retry and batchable-fanout -- an offline script
// extracts every PDF text dump of a folder with one streamed raw-fetch request each (a large
// max_tokens, but streamed), retrying 429/5xx/network failures after doubling waits without reading
// retry-after, and merges each result into one JSON file
// source: Martin23894/resource-room-agent scripts/extract-atp-pacing.js:239
// source: Martin23894/resource-room-agent scripts/extract-atp-pacing.js:166
// source: Martin23894/resource-room-agent scripts/extract-atp-pacing.js:188
// source: Martin23894/resource-room-agent scripts/extract-atp-pacing.js:199
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const TRIES = 3;
const SYSTEM = 'Turn the syllabus text into JSON with one entry per unit. Output JSON only.';

async function streamOnce(user) {
  const res = await fetch('https://api.anthropic.com/v1/messages', { // expect: batchable-fanout
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-api-key': process.env.ANTHROPIC_API_KEY,
      'anthropic-version': '2023-06-01',
    },
    body: JSON.stringify({
      model: 'claude-sonnet-4-5',
      max_tokens: 48000,
      stream: true,
      system: SYSTEM,
      messages: [{ role: 'user', content: user }],
    }),
    signal: AbortSignal.timeout(10 * 60_000),
  });
  if (!res.ok) {
    const err = new Error(`API ${res.status}`);
    if (res.status !== 429 && res.status < 500) err.final = true; // expect-not: string-matched-error
    throw err;
  }
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let pending = '';
  let text = '';
  while (true) { // expect-not: naive-retry
    const { value, done } = await reader.read();
    if (done) break;
    pending += decoder.decode(value, { stream: true });
    let cut;
    while ((cut = pending.indexOf('\n\n')) !== -1) {
      const line = pending.slice(0, cut).split('\n').find((l) => l.startsWith('data:'));
      pending = pending.slice(cut + 2);
      if (!line) continue;
      const evt = JSON.parse(line.slice(5));
      if (evt.type === 'content_block_delta' && evt.delta?.type === 'text_delta') text += evt.delta.text;
    }
  }
  return text;
}

async function extract(user) {
  let last;
  for (let n = 1; n <= TRIES; n++) { // expect: naive-retry
    try {
      return await streamOnce(user);
    } catch (e) {
      last = e;
      if (e.final || n === TRIES) throw e;
      await new Promise((r) => setTimeout(r, 3000 * 2 ** (n - 1)));
    }
  }
  throw last;
}

const dir = process.argv[2] ?? 'dumps';
const corpus = {};
for (const name of readdirSync(dir).filter((f) => f.endsWith('.txt'))) {
  try {
    corpus[name] = JSON.parse(await extract(readFileSync(join(dir, name), 'utf8')));
  } catch (e) {
    console.error(`${name}: ${e.message}`);
  }
}
writeFileSync('corpus.json', JSON.stringify(corpus, null, 2));
