// realworld repro (negative): naive-retry, unbounded-fanout, string-matched-error and
// nonstreaming-max-tokens -- a browser extension's raw-fetch helper re-sends 429/5xx after the
// Retry-After header's seconds (a capped doubling wait only when the header is missing), sorts tabs in
// batches through a pool of at most four workers, and asks for 16,000 tokens with a 4-minute abort
// source: aihardin/tab-organizer lib/claude-client.js:348
// source: aihardin/tab-organizer lib/claude-client.js:436
// source: aihardin/tab-organizer lib/claude-client.js:382
// source: aihardin/tab-organizer lib/claude-client.js:354
const ENDPOINT = 'https://api.anthropic.com/v1/messages';
const ATTEMPTS = 4;
const WIDTH = 4;
const PER_CALL = 150;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const fallbackWait = (n) => Math.min(1000 * 2 ** n, 15000) + Math.random() * 400;

async function askClaude(key, system, userText, maxTokens = 16000) {
  const body = JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: maxTokens, system, messages: [{ role: 'user', content: userText }] });
  let lastProblem;
  for (let n = 0; n < ATTEMPTS; n++) { // expect-not: naive-retry
    const stopper = new AbortController();
    const timer = setTimeout(() => stopper.abort(), 240000);
    let res;
    try {
      res = await fetch(ENDPOINT, { // expect-not: nonstreaming-max-tokens
        method: 'POST',
        signal: stopper.signal,
        headers: {
          'x-api-key': key,
          'anthropic-version': '2023-06-01',
          'content-type': 'application/json',
          'anthropic-dangerous-direct-browser-access': 'true',
        },
        body,
      });
    } catch (err) {
      clearTimeout(timer);
      if (err.name === 'AbortError') throw new Error('Timed out; try with fewer tabs.');
      lastProblem = err;
      await sleep(fallbackWait(n));
      continue;
    }
    clearTimeout(timer);
    if (res.status === 429 || res.status >= 500) { // expect-not: string-matched-error
      const seconds = parseInt(res.headers.get('retry-after') || '', 10);
      lastProblem = new Error(`busy (${res.status})`);
      await sleep(Number.isFinite(seconds) ? seconds * 1000 : fallbackWait(n));
      continue;
    }
    if (!res.ok) throw new Error(`Claude error ${res.status}`);
    const data = await res.json();
    return data.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
  }
  throw lastProblem ?? new Error('gave up');
}

async function withWorkers(items, width, task) {
  const out = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const mine = next++;
      out[mine] = await task(items[mine]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker)); // expect-not: unbounded-fanout
  return out;
}

export async function sortTabs(key, tabs, topics) {
  const groups = [];
  for (let i = 0; i < tabs.length; i += PER_CALL) groups.push(tabs.slice(i, i + PER_CALL));
  return withWorkers(groups, WIDTH, (group) =>
    askClaude(key, 'Sort browser tabs into the given topics.', `Topics: ${topics.join(', ')}\n${group.map((t) => t.title).join('\n')}`).catch(() => 'Other'),
  );
}
