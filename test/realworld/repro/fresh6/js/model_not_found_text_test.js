// realworld repro (negative): string-matched-error -- a raw-fetch explainer tests the error message
// for a missing model (not_found_error, /^model:/) to tell the operator which setting to change;
// not a rate-limit test
// source: HoltermanP/AI-Sailing server/anthropic.js:76
const ENDPOINT = 'https://api.anthropic.com/v1/messages';

export async function explain(summary, settings) {
  const stop = new AbortController();
  const timer = setTimeout(() => stop.abort(), settings.timeoutMs);
  try {
    const res = await fetch(ENDPOINT, {
      method: 'POST',
      signal: stop.signal,
      headers: {
        'content-type': 'application/json',
        'x-api-key': settings.apiKey,
        'anthropic-version': '2023-06-01',
      },
      body: JSON.stringify({
        model: settings.model,
        max_tokens: 1200,
        system: 'Explain the planned hiking route in plain words.',
        messages: [{ role: 'user', content: JSON.stringify(summary) }],
      }),
    });
    const data = await res.json().catch(() => ({}));
    if (!res.ok) {
      const kind = data.error?.type;
      const message = data.error?.message || '';
      if (kind === 'not_found_error' && /^model:/i.test(message)) { // expect-not: string-matched-error
        throw new Error(`Model '${settings.model}' does not exist; change MODEL.`);
      }
      throw new Error(message || kind || `HTTP ${res.status}`);
    }
    return (data.content || []).filter((b) => b.type === 'text').map((b) => b.text).join('\n');
  } finally {
    clearTimeout(timer);
  }
}
