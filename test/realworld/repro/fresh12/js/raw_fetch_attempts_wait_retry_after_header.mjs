// realworld repro (negative): naive-retry -- a raw-fetch helper for an eval harness loops a few attempts, gives up
// at once on 4xx other than 429, and on 429 or 5xx waits the response's retry-after seconds (a doubling delay
// only when the header is missing); look-alikes: the decision reads the numeric status, and a worker-pool helper
// caps concurrency at the caller's limit
// source: davehecker-main/upwork-job-pipeline scripts/lib/anthropic.mjs:13
// source: davehecker-main/upwork-job-pipeline scripts/lib/anthropic.mjs:28
// source: davehecker-main/upwork-job-pipeline scripts/lib/anthropic.mjs:53
const MESSAGES_URL = 'https://api.anthropic.com/v1/messages';

export async function postMessage(payload, key, { tries = 4 } = {}) {
  let failure;
  for (let i = 0; i < tries; i += 1) { // expect-not: naive-retry
    const res = await fetch(MESSAGES_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key, 'anthropic-version': '2023-06-01' },
      body: JSON.stringify(payload),
    });
    if (res.ok) return res.json();
    const detail = await res.text();
    if (res.status !== 429 && res.status < 500) { // expect-not: string-matched-error
      throw new Error(`messages API ${res.status}: ${detail}`);
    }
    failure = new Error(`messages API ${res.status}: ${detail}`);
    const pauseMs = Number(res.headers.get('retry-after')) * 1000 || 1500 * 2 ** i;
    await new Promise((r) => setTimeout(r, pauseMs));
  }
  throw failure;
}

export async function runPool(list, width, task) {
  const out = new Array(list.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(width, list.length) }, async () => {
    while (next < list.length) {
      const k = next;
      next += 1;
      try {
        out[k] = { ok: true, value: await task(list[k], k) };
      } catch (error) {
        out[k] = { ok: false, error };
      }
    }
  });
  await Promise.all(lanes); // expect-not: unbounded-fanout
  return out;
}
