// realworld repro (positive): naive-retry -- a model comparison script wraps each provider call in a helper that
// catches every error (a 429 from the Anthropic create included) and returns it; the caller sends the same
// prompt again at once when an error came back (retry-once, only a 200 ms pacing, no retry-after)
// source: porrasbrand/zoom-action-items tests/model-benchmark.mjs:335
// source: porrasbrand/zoom-action-items tests/model-benchmark.mjs:575
// source: porrasbrand/zoom-action-items tests/model-benchmark.mjs:141
import Anthropic from '@anthropic-ai/sdk';

const claude = new Anthropic();
let lastCall = 0;

async function ask(model, prompt, limit = 200) {
  const gap = Date.now() - lastCall;
  if (gap < 200) await new Promise((r) => setTimeout(r, 200 - gap));
  lastCall = Date.now();
  try {
    const res = await claude.messages.create({ model, max_tokens: limit, messages: [{ role: 'user', content: prompt }] });
    return { text: res.content[0].text, error: null };
  } catch (e) {
    return { text: null, error: e.message || String(e) };
  }
}

export async function tryCases(model, cases) {
  for (const c of cases) {
    let out = await ask(model, c.prompt);
    if (out.error) out = await ask(model, c.prompt); // expect: naive-retry
    console.log(c.name, out.error ? `error: ${out.error}` : out.text);
  }
}
