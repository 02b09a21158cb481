// realworld repro (negative): naive-retry look-alike -- a route proxies one request to /v1/messages over raw
// fetch in a three-attempt loop that re-sends only on 529/503/overloaded_error and waits the retry-after
// header when present; any other error status (429 included) goes straight back to the caller
// source: Grantlannin/Vslbot app/api/claude/route.js:362
// source: Grantlannin/Vslbot app/api/claude/route.js:544
const pause = (ms) => new Promise((r) => setTimeout(r, ms));

export async function relayToClaude(key, payload) {
  const tries = 3;
  for (let n = 1; n <= tries; n++) { // expect-not: naive-retry
    const upstream = await fetch('https://api.anthropic.com/v1/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key, 'anthropic-version': '2023-06-01' },
      body: payload,
    });
    const text = await upstream.text();
    const data = text ? JSON.parse(text) : {};
    if (upstream.ok) return Response.json(data, { status: upstream.status });

    const busy = upstream.status === 529 || upstream.status === 503 || data?.error?.type === 'overloaded_error';
    if (!busy || n === tries) return Response.json(data, { status: upstream.status });

    const hinted = parseInt(upstream.headers.get('retry-after') || '', 10);
    const wait = Number.isFinite(hinted) ? Math.min(15000, Math.max(500, hinted * 1000)) : 1000 * 2 ** (n - 1);
    await pause(wait);
  }
}
