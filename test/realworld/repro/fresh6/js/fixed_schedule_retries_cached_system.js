// realworld repro (positive + negative): naive-retry -- a raw-fetch wrapper shared by a text call
// and a forced-tool call re-sends on 429/529/5xx/network errors after a fixed delay schedule and
// never reads retry-after; the system prompt is sent with cache_control (fine)
// source: Martin23894/resource-room-agent lib/anthropic.js:161
// source: Martin23894/resource-room-agent lib/anthropic.js:62
// source: Martin23894/resource-room-agent lib/anthropic.js:105
const ENDPOINT = 'https://api.anthropic.com/v1/messages';
const DELAYS = [1500, 3000, 6000];

class ModelError extends Error {
  constructor(message, status, code) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

function worthRetrying(err) {
  if (err.code === 'NETWORK') return true;
  return err.status === 429 || err.status === 529 || (err.status >= 500 && err.status < 600); // expect-not: string-matched-error
}

async function send(body) {
  let res;
  try {
    res = await fetch(ENDPOINT, { // expect-not: uncached-prompt
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-api-key': process.env.ANTHROPIC_API_KEY,
        'anthropic-version': '2023-06-01',
      },
      body: JSON.stringify(body),
    });
  } catch (e) {
    throw new ModelError(e.message, undefined, 'NETWORK');
  }
  if (!res.ok) throw new ModelError(`HTTP ${res.status}`, res.status);
  return res.json();
}

async function retrying(task) {
  let last;
  for (let i = 0; i <= DELAYS.length; i++) { // expect: naive-retry
    try {
      return await task();
    } catch (err) {
      last = err;
      if (!worthRetrying(err) || i === DELAYS.length) throw err;
      await new Promise((r) => setTimeout(r, DELAYS[i]));
    }
  }
  throw last;
}

const block = (text) => [{ type: 'text', text, cache_control: { type: 'ephemeral' } }];

export function writeText({ system, user, maxTokens }) {
  return retrying(async () => {
    const data = await send({
      model: 'claude-sonnet-4-5',
      max_tokens: maxTokens,
      system: block(system),
      messages: [{ role: 'user', content: user }],
    });
    return (data.content || []).map((c) => c.text || '').join('');
  });
}

export function fillTool({ system, user, tool, maxTokens }) {
  return retrying(async () => {
    const data = await send({
      model: 'claude-haiku-4-5',
      max_tokens: maxTokens,
      system: block(system),
      messages: [{ role: 'user', content: user }],
      tools: [tool],
      tool_choice: { type: 'tool', name: tool.name },
    });
    return data.content?.find((c) => c.type === 'tool_use')?.input;
  });
}
