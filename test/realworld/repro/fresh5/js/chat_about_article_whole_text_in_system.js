// realworld repro (positive + negative): uncached-prompt -- a browser chat about one long article
// puts the whole article (up to 100,000 characters) in the system prompt and sends it again,
// uncached, with every question through a shared raw-fetch helper; the helper maps HTTP 429 by its
// status, and refuses a placeholder key
// source: pu5ha/vitalik-reader src/utils/anthropic.js:18
// source: pu5ha/vitalik-reader src/utils/anthropic.js:39
// source: pu5ha/vitalik-reader src/utils/anthropic.js:14
const LONGEST = 100000;

async function sendToClaude(history, system, key) {
  if (!key || key === 'paste_your_key_here') { // expect-not: hardcoded-api-key
    throw new Error('Add your Claude API key in settings first.');
  }
  const res = await fetch('https://api.anthropic.com/v1/messages', { // expect: uncached-prompt
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-api-key': key,
      'anthropic-version': '2023-06-01',
      'anthropic-dangerous-direct-browser-access': 'true',
    },
    body: JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 1500, system, messages: history }),
  });
  if (!res.ok) {
    if (res.status === 429) throw new Error('Slow down a little and ask again.'); // expect-not: string-matched-error
    throw new Error(`Request failed with ${res.status}`);
  }
  const data = await res.json();
  return data.content[0].text;
}

export async function askAboutArticle(article, question, earlier, key) {
  const body = article.text.length > LONGEST ? article.text.slice(0, LONGEST) : article.text;
  const system = `You answer questions about one article and nothing else.\n\nTitle: ${article.title}\n\nArticle:\n${body}`;
  const history = [...earlier.map((m) => ({ role: m.role, content: m.content })), { role: 'user', content: question }];
  return sendToClaude(history, system, key);
}
