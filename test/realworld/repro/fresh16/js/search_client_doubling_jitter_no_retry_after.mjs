// realworld repro (positive + negative): naive-retry -- a shared raw-fetch client's request() loops up to five
// attempts; any status of 429 or above (and 408) waits a doubling 2-60 s wait plus jitter and re-sends, never
// reading retry-after; callers send Messages requests with a web-search tool through it; look-alikes: a loop over
// tool variants whose catch re-throws everything but a 400 tool problem (tested with a regex on the body, not
// rate-limit wording), a default of 8,000 tokens, a model resolved at run time, and the key from the environment
// source: fixymarketing/radar scripts/lib/claude.js:36
// source: fixymarketing/radar scripts/lib/claude.js:122
// source: fixymarketing/radar scripts/lib/claude.js:143
// source: fixymarketing/radar scripts/lib/claude.js:124
// source: fixymarketing/radar scripts/lib/claude.js:23
const BASE = 'https://api.anthropic.com/v1';
const TOOL_NAMES = ['web_search_20250305', 'web_search'];

function key() {
  const k = process.env.ANTHROPIC_API_KEY; // expect-not: hardcoded-api-key
  if (!k) throw new Error('ANTHROPIC_API_KEY missing');
  return k;
}

const pause = (ms) => new Promise((r) => setTimeout(r, ms));

async function send(path, body, { tries = 4 } = {}) {
  let last;
  for (let n = 0; n <= tries; n += 1) { // expect: naive-retry
    const res = await fetch(`${BASE}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key(), 'anthropic-version': '2023-06-01' },
      body: JSON.stringify(body),
    });
    if (res.ok) return res.json();
    const text = await res.text();
    last = new Error(`HTTP ${res.status}: ${text.slice(0, 300)}`);
    last.status = res.status;
    last.body = text;
    if (res.status < 429 && res.status !== 408) throw last;
    await pause(Math.min(60000, 2000 * 2 ** n) + Math.floor(Math.random() * 1000));
  }
  throw last;
}

export async function searchAndAnswer({ system, prompt, model, maxTokens = 8000 }) {
  let last;
  for (const type of TOOL_NAMES) { // expect-not: naive-retry
    try {
      const data = await send('/messages', { // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout
        model,
        max_tokens: maxTokens,
        system,
        tools: [{ type, name: 'web_search', max_uses: 5 }],
        messages: [{ role: 'user', content: prompt }],
      });
      return data.content.filter((b) => b.type === 'text').map((b) => b.text).join('\n');
    } catch (err) {
      last = err;
      if (!(err.status === 400 && /tool|web_search/i.test(err.body || ''))) throw err; // expect-not: string-matched-error
    }
  }
  throw last;
}
