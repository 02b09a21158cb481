// realworld repro (negative): naive-retry -- a blog helper walks a list of providers and tries each one once,
// Claude among them through a raw fetch to /v1/messages; an error is only collected before the next provider,
// with no wait and no second request to the same API, and the collected texts are joined into the final error
// source: crootrabot-cpu/freight-signals scripts/lib/llm.mjs:89
// source: crootrabot-cpu/freight-signals scripts/lib/llm.mjs:96
// source: crootrabot-cpu/freight-signals scripts/lib/llm.mjs:49
// source: crootrabot-cpu/freight-signals scripts/lib/llm.mjs:53
function firstJson(text) {
  const a = text.indexOf('{');
  const b = text.lastIndexOf('}');
  if (a === -1 || b === -1) throw new Error('no JSON in reply');
  return JSON.parse(text.slice(a, b + 1));
}

async function viaMistral(prompt) {
  const res = await fetch('https://api.mistral.ai/v1/chat/completions', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${process.env.MISTRAL_API_KEY}` },
    body: JSON.stringify({ model: 'mistral-small-latest', messages: [{ role: 'user', content: prompt }] }),
  });
  if (!res.ok) throw new Error(`Mistral ${res.status}`);
  const data = await res.json();
  return firstJson(data.choices?.[0]?.message?.content || '');
}

async function viaClaude(prompt) {
  const res = await fetch('https://api.anthropic.com/v1/messages', { // expect-not: model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt, batchable-fanout, retries-disabled
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'x-api-key': process.env.ANTHROPIC_API_KEY, // expect-not: hardcoded-api-key
      'anthropic-version': '2023-06-01',
    },
    body: JSON.stringify({ model: 'claude-sonnet-4-6', max_tokens: 1200, messages: [{ role: 'user', content: prompt }] }),
  });
  if (!res.ok) throw new Error(`Anthropic ${res.status}: ${await res.text()}`);
  const data = await res.json();
  return firstJson(data.content?.map((part) => part.text || '').join('\n') || '');
}

export async function draftPost(prompt) {
  const order = process.env.POST_PROVIDER ? [process.env.POST_PROVIDER] : ['mistral', 'anthropic'];
  const problems = [];
  for (const name of order) { // expect-not: naive-retry
    try {
      if (name === 'mistral' && process.env.MISTRAL_API_KEY) return await viaMistral(prompt);
      if (name === 'anthropic' && process.env.ANTHROPIC_API_KEY) return await viaClaude(prompt);
    } catch (error) { // expect-not: string-matched-error
      problems.push(`${name}: ${error.message}`);
    }
  }
  throw new Error(problems.join(' | ') || 'no provider configured');
}
