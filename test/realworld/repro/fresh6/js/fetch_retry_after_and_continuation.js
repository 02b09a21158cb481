// realworld repro (negative): naive-retry -- a raw-fetch helper retries 429/5xx up to three times
// and waits the Retry-After header when the API sends one (a jittered doubling wait only when it is
// missing); a second loop continues a reply cut at max_tokens with the partial text prefilled
// (a successful reply, not an error); the body is the caller's, max_tokens included
// source: edcahyono/athena-rpg server/anthropic.js:116
// source: edcahyono/athena-rpg server/anthropic.js:200
// source: edcahyono/athena-rpg server/anthropic.js:119
const URL = 'https://api.anthropic.com/v1/messages';
const RETRY_ON = new Set([429, 500, 502, 503, 529]);
const ATTEMPTS = 3;
const nap = (ms) => new Promise((r) => setTimeout(r, ms));

async function post(body) {
  for (let attempt = 1; ; attempt++) { // expect-not: naive-retry
    const res = await fetch(URL, { // expect-not: missing-max-tokens
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-api-key': process.env.ANTHROPIC_API_KEY,
        'anthropic-version': '2023-06-01',
      },
      body: JSON.stringify(body),
    });
    if (res.ok) return res.json();
    if (!RETRY_ON.has(res.status) || attempt >= ATTEMPTS) {
      throw new Error(`model call failed (${res.status})`);
    }
    const after = Number(res.headers.get('retry-after'));
    const wait = Number.isFinite(after) && after > 0 ? after * 1000 : 400 * 2 ** attempt + Math.random() * 200;
    await nap(wait);
  }
}

const textOf = (msg) => (msg.content || []).filter((b) => b.type === 'text').map((b) => b.text).join('');

export async function complete(body) {
  let msg = await post(body);
  let text = textOf(msg);
  for (let round = 0; msg.stop_reason === 'max_tokens' && round < 3; round++) { // expect-not: naive-retry
    const head = text.trimEnd();
    if (!head) break;
    msg = await post({ ...body, messages: [...body.messages, { role: 'assistant', content: head }] });
    text = head + textOf(msg);
  }
  return text.trim();
}
