// realworld repro (positive + negative): naive-retry -- a shared script client posts to /v1/messages with fetch
// (streaming by default) inside an attempt loop of five extra tries; a 429 or 5xx response falls through to the
// next attempt, which waits a doubling 1-20 s plus jitter, never reading the response's retry-after header;
// look-alikes: the only text test on the error body is for exhausted credit (it aborts the run), the request
// streams unless a caller turns it off, max_tokens is an option, and the key comes from the environment
// source: vossybaba-star/yourscore scripts/lib/anthropic.mjs:183
// source: vossybaba-star/yourscore scripts/lib/anthropic.mjs:246
// source: vossybaba-star/yourscore scripts/lib/anthropic.mjs:203
// source: vossybaba-star/yourscore scripts/lib/anthropic.mjs:206
const ENDPOINT = 'https://api.anthropic.com/v1/messages';

export class OutOfCredit extends Error {}

function readKey() {
  const k = process.env.ANTHROPIC_API_KEY;
  if (!k) throw new Error('ANTHROPIC_API_KEY not set');
  return k;
}

async function collectStream(res) {
  const out = { content: [], usage: {} };
  const text = await res.text();
  for (const line of text.split('\n')) {
    if (!line.startsWith('data:')) continue;
    const ev = JSON.parse(line.slice(5));
    if (ev.type === 'content_block_start') out.content[ev.index] = { ...ev.content_block };
    if (ev.type === 'content_block_delta' && ev.delta?.type === 'text_delta') out.content[ev.index].text += ev.delta.text;
  }
  return out;
}

export async function askQuiz({ model = 'claude-sonnet-5', system, messages, maxTokens = 4096, extraTries = 5, stream = true } = {}) {
  const body = { model, max_tokens: maxTokens, messages };
  if (system) body.system = system;
  if (stream) body.stream = true;

  let lastErr;
  for (let attempt = 0; attempt <= extraTries; attempt++) { // expect: naive-retry
    if (attempt > 0) {
      const delay = Math.min(1000 * 2 ** (attempt - 1), 20_000) + Math.floor(Math.random() * 500);
      await new Promise((r) => setTimeout(r, delay));
    }
    let res;
    try {
      res = await fetch(ENDPOINT, { // expect-not: nonstreaming-max-tokens, missing-max-tokens, model-routing, batchable-fanout, uncached-prompt
        method: 'POST',
        headers: {
          'x-api-key': readKey(), // expect-not: hardcoded-api-key
          'anthropic-version': '2023-06-01',
          'content-type': 'application/json',
        },
        body: JSON.stringify(body),
      });
    } catch (e) {
      lastErr = e;
      continue;
    }
    if (res.ok) return stream ? collectStream(res) : res.json();

    const detail = await res.text().catch(() => '');
    if (/credit balance|insufficient.*credit/i.test(detail)) { // expect-not: string-matched-error
      throw new OutOfCredit(`out of credit: ${detail.slice(0, 200)}`);
    }
    if (res.status !== 429 && res.status < 500) {
      throw new Error(`messages ${res.status}: ${detail.slice(0, 300)}`);
    }
    lastErr = new Error(`messages ${res.status}`);
  }
  throw lastErr ?? new Error('request failed');
}
