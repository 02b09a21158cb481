// realworld repro (positive + negative): string-matched-error and naive-retry -- a fallback loop over
// providers (Claude first, over raw fetch) catches each failure and, when the message mentions
// "rate limit" or "429", sleeps a second before trying the next provider; a loop over providers is
// not a retry of the same call, nor is a loop that tests each provider once
// source: augustinebeh/worklink_v2 utils/claude.js:144
// source: augustinebeh/worklink_v2 utils/claude.js:88
// source: augustinebeh/worklink_v2 utils/claude.js:570
const MESSAGES_URL = 'https://api.anthropic.com/v1/messages';
const OTHER_URL = 'https://api.example-llm.dev/v1/chat/completions';

const PROVIDERS = {
  claude: { rank: 1, key: () => process.env.ANTHROPIC_API_KEY },
  other: { rank: 2, key: () => process.env.OTHER_LLM_KEY },
};

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function viaClaude(prompt, system) {
  const res = await fetch(MESSAGES_URL, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-api-key': process.env.ANTHROPIC_API_KEY,
      'anthropic-version': '2023-06-01',
    },
    body: JSON.stringify({
      model: 'claude-sonnet-4-5',
      max_tokens: 1024,
      system,
      messages: [{ role: 'user', content: prompt }],
    }),
  });
  if (!res.ok) {
    const body = await res.json().catch(() => ({}));
    throw new Error(body.error?.message || `Claude error ${res.status}`);
  }
  const data = await res.json();
  return data.content[0].text;
}

async function viaOther(prompt, system) {
  const res = await fetch(OTHER_URL, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${process.env.OTHER_LLM_KEY}` },
    body: JSON.stringify({ model: 'small', messages: [{ role: 'system', content: system }, { role: 'user', content: prompt }] }),
  });
  if (!res.ok) throw new Error(`other error ${res.status}`);
  const data = await res.json();
  return data.choices[0].message.content;
}

export async function ask(prompt, system = '', only = null) {
  const order = only ? [only] : Object.keys(PROVIDERS).sort((a, b) => PROVIDERS[a].rank - PROVIDERS[b].rank);
  let last = null;
  for (const name of order) { // expect-not: naive-retry
    if (!PROVIDERS[name].key()) continue;
    try {
      return name === 'claude' ? await viaClaude(prompt, system) : await viaOther(prompt, system);
    } catch (error) {
      last = error;
      console.error(`${name} failed: ${error.message}`);
      if (error.message.includes('rate limit') || error.message.includes('429')) { // expect: string-matched-error
        await sleep(1000);
      }
    }
  }
  throw new Error(`all providers failed: ${last?.message}`);
}

export async function checkProviders() {
  const report = {};
  for (const [name, cfg] of Object.entries(PROVIDERS)) { // expect-not: naive-retry
    if (!cfg.key()) {
      report[name] = 'not configured';
      continue;
    }
    try {
      await ask('Say ok', 'Reply with ok', name);
      report[name] = 'ok';
    } catch (error) {
      report[name] = error.message;
    }
  }
  return report;
}
