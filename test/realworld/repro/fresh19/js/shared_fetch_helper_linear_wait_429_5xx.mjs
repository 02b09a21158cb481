// realworld repro (positive + negative): naive-retry -- a module shared by two site scripts exports a raw-fetch
// Messages helper whose open-ended attempt loop re-sends after a 429 or any 5xx, waiting 4 s times the attempt
// number (up to five attempts) and never reading the Retry-After header; look-alikes: numeric status tests and
// stop_reason checks (no error text), max_tokens / model / system from the callers, the key from the environment
// source: atedir/reprolegal scripts/lib/article.mjs:58
// source: atedir/reprolegal scripts/lib/article.mjs:69
// source: atedir/reprolegal scripts/lib/article.mjs:59
// source: atedir/reprolegal scripts/lib/article.mjs:63
export async function askModel({ model, system, prompt, limit = 3000 }) {
  const payload = { model, max_tokens: limit, system, messages: [{ role: 'user', content: prompt }] };
  for (let round = 1; ; round++) { // expect: naive-retry
    const res = await fetch('https://api.anthropic.com/v1/messages', { // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-api-key': process.env.ANTHROPIC_API_KEY, // expect-not: hardcoded-api-key
        'anthropic-version': '2023-06-01',
      },
      body: JSON.stringify(payload),
    });
    if ((res.status === 429 || res.status >= 500) && round < 5) { // expect-not: string-matched-error
      await new Promise((ok) => setTimeout(ok, 4000 * round));
      continue;
    }
    if (!res.ok) throw new Error(`messages call failed: ${res.status}`);
    const data = await res.json();
    if (data.stop_reason === 'refusal') throw new Error('declined');
    return data.content.filter((b) => b.type === 'text').map((b) => b.text).join('\n');
  }
}
