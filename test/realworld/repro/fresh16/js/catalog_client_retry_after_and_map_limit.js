// realworld repro (negative): naive-retry, unbounded-fanout -- an offline catalog client's attempt loop around a raw
// fetch sleeps the response's retry-after header on 429/5xx (a linear fallback only when the header is missing),
// and its mapLimit helper starts at most `limit` runners over Array.from and awaits them with Promise.all, each
// runner taking one item at a time; look-alikes: the 429 decision is a status test, Haiku is the default model, the
// system prompt is a parameter, and the key is handed in
// source: savchenko-physics/savchenko-solutions scripts/lib/anthropic.js:65
// source: savchenko-physics/savchenko-solutions scripts/lib/anthropic.js:83
// source: savchenko-physics/savchenko-solutions scripts/lib/anthropic.js:141
// source: savchenko-physics/savchenko-solutions scripts/lib/anthropic.js:68
// source: savchenko-physics/savchenko-solutions scripts/lib/anthropic.js:25
const DEFAULT_MODEL = 'claude-haiku-4-5';
const pause = (ms) => new Promise((r) => setTimeout(r, ms));

class CatalogClient {
    constructor({ key, model = DEFAULT_MODEL } = {}) {
        if (!key) throw new Error('key missing');
        this.key = key.trim(); // expect-not: hardcoded-api-key
        this.model = model;
    }

    async structured({ system, user, schema, maxTokens = 2048, tries = 4 }) {
        const body = {
            model: this.model,
            max_tokens: maxTokens,
            output_config: { format: { type: 'json_schema', schema } },
            system,
            messages: [{ role: 'user', content: user }],
        };
        let last;
        for (let n = 0; n < tries; n += 1) { // expect-not: naive-retry
            let res;
            try {
                res = await fetch('https://api.anthropic.com/v1/messages', { // expect-not: batchable-fanout, model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt
                    method: 'POST',
                    headers: { 'content-type': 'application/json', 'x-api-key': this.key, 'anthropic-version': '2023-06-01' },
                    body: JSON.stringify(body),
                });
            } catch (err) {
                last = err;
                await pause(1500 * (n + 1));
                continue;
            }
            if (res.status === 429 || res.status >= 500) { // expect-not: string-matched-error
                const waitSeconds = Number(res.headers.get('retry-after')) || 0;
                last = new Error(`http ${res.status}`);
                await pause(waitSeconds ? waitSeconds * 1000 : 2000 * (n + 1));
                continue;
            }
            const payload = await res.json();
            if (payload.error) throw new Error(payload.error.message);
            const text = (payload.content || []).find((b) => b.type === 'text')?.text;
            if (!text) { last = new Error('empty'); continue; }
            return JSON.parse(text);
        }
        throw last || new Error('request failed');
    }
}

async function mapLimit(items, limit, worker) {
    const out = new Array(items.length);
    let next = 0;
    const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
        while (next < items.length) {
            const i = next;
            next += 1;
            try {
                out[i] = await worker(items[i], i);
            } catch (err) {
                out[i] = { failed: err.message };
            }
        }
    });
    await Promise.all(lanes); // expect-not: unbounded-fanout
    return out;
}

module.exports = { CatalogClient, mapLimit };
