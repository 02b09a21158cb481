// realworld repro (negative): naive-retry and unbounded-fanout -- a raw fetch loop to /v1/messages that waits
// the retry-after header on 429 (doubling fallback); a Promise.allSettled over at most fifteen page-title
// fetches with no Claude call in it
// source: m1227sasaki/company-enrichment api/search.js:224
// source: m1227sasaki/company-enrichment api/search.js:115
const ENDINGS = ['com', 'io', 'net'];

function candidates(name) {
  const base = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  return ENDINGS.map((end) => `https://${base}.${end}`).slice(0, 15);
}

async function pageTitle(url) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
    const html = await res.text();
    const match = html.match(/<title>([^<]*)<\/title>/i);
    return match ? match[1] : null;
  } catch {
    return null;
  }
}

export async function findSite(name) {
  const titles = await Promise.allSettled(candidates(name).map((url) => pageTitle(url))); // expect-not: unbounded-fanout
  const live = titles.filter((t) => t.status === 'fulfilled' && t.value);
  if (live.length > 0) return live[0].value;

  const body = {
    model: 'claude-haiku-4-5',
    max_tokens: 150,
    messages: [{ role: 'user', content: `Official website of "${name}"? Reply with the URL only.` }],
  };
  let waitMs = 5000;
  for (let attempt = 0; attempt <= 3; attempt++) { // expect-not: naive-retry
    const res = await fetch('https://api.anthropic.com/v1/messages', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-api-key': process.env.ANTHROPIC_API_KEY,
        'anthropic-version': '2023-06-01',
      },
      body: JSON.stringify(body),
    });
    if (res.status === 429) {
      if (attempt === 3) break;
      const after = res.headers.get('retry-after');
      await new Promise((done) => setTimeout(done, Math.min(after ? parseInt(after, 10) * 1000 : waitMs, 20000)));
      waitMs *= 2;
      continue;
    }
    if (res.ok) {
      const data = await res.json();
      return data.content.map((block) => block.text || '').join('');
    }
    break;
  }
  return null;
}
