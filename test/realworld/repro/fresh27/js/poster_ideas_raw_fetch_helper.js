// realworld repro (negative): a server module calls the Messages endpoint with a plain fetch through a same-file
// helper whose body takes max_tokens from its parameter (1,024 and 2,048 at the two callers); a non-OK status
// throws an error carrying the status and part of the body, and the callers turn failures into HTTP answers;
// look-alikes: no retry at all, regexes that dig JSON out of the reply text (not error tests), instructions built
// into the user turn per request (no constant system prompt), a Sonnet model writing creative briefs, the second
// caller asking for up to six ideas in one request (nothing to batch), the key passed in by the caller
// source: Zaferyil/trendmint server/lib/claude.js:5
// source: Zaferyil/trendmint server/lib/claude.js:65
// source: Zaferyil/trendmint server/lib/claude.js:9
const MESSAGES_URL = 'https://api.anthropic.com/v1/messages';
const DEFAULT_MODEL = 'claude-sonnet-4-5';

async function askClaude({ apiKey, model, maxTokens, prompt }) {
  const res = await fetch(MESSAGES_URL, { // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, batchable-fanout, unbounded-fanout, uncached-prompt, naive-retry, retries-disabled
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-api-key': apiKey, // expect-not: hardcoded-api-key
      'anthropic-version': '2023-06-01',
    },
    body: JSON.stringify({ model, max_tokens: maxTokens, messages: [{ role: 'user', content: prompt }] }),
  });
  if (!res.ok) {
    const err = new Error(`Messages API answered ${res.status}`);
    err.status = res.status;
    err.detail = (await res.text()).slice(0, 300);
    throw err;
  }
  const data = await res.json();
  return (data.content || []).map((b) => b.text || '').join('');
}

export async function posterIdea({ theme, apiKey, model = DEFAULT_MODEL }) {
  if (!apiKey) return { status: 501, body: { ok: false, error: 'no API key on the server' } };
  const prompt = `You design concert posters. Theme: "${theme}".
Return only JSON: {"title": "...", "concept": "two sentences", "palette": ["#RRGGBB"], "imagePrompt": "..."}`;
  try {
    const text = await askClaude({ apiKey, model, maxTokens: 1024, prompt });
    const found = text.match(/\{[\s\S]*\}/); // expect-not: string-matched-error
    return found ? { status: 200, body: { ok: true, idea: JSON.parse(found[0]) } } : { status: 502, body: { ok: false } };
  } catch (error) {
    return { status: error.status || 502, body: { ok: false, error: error.message } };
  }
}

export async function posterIdeas({ theme, count = 3, apiKey, model = DEFAULT_MODEL }) {
  if (!apiKey) return { status: 501, body: { ok: false, error: 'no API key on the server' } };
  const n = Math.min(Math.max(Number(count) || 3, 1), 6);
  const prompt = `You design concert posters. Give ${n} different ideas for the theme "${theme}".
Return only a JSON array of {"title", "concept", "palette", "imagePrompt"} objects.`;
  try {
    const text = await askClaude({ apiKey, model, maxTokens: 2048, prompt });
    const found = text.match(/\[[\s\S]*\]/); // expect-not: string-matched-error
    return { status: 200, body: { ok: true, ideas: found ? JSON.parse(found[0]) : [] } };
  } catch (error) {
    return { status: error.status || 502, body: { ok: false, error: error.message } };
  }
}
