// realworld repro (negative): naive-retry, model-routing -- a helper asks Opus 4.8 (with the server web-search tool)
// where a fixture is shown on TV; its four-step loop only resumes a turn that stopped with pause_turn and has no
// try, so errors reach the caller and the SDK's own retries; the 2,048-token research call sits in a helper with no
// loop over data
// source: Titotacoman/Football-tracker scripts/lib/claude.mjs:43
// source: Titotacoman/Football-tracker scripts/lib/claude.mjs:44
// source: Titotacoman/Football-tracker scripts/lib/claude.mjs:15
import Anthropic from '@anthropic-ai/sdk';

const MODEL = process.env.FIXTURE_MODEL || 'claude-opus-4-8';

let client;
function getClient() {
  if (!client) client = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY }); // expect-not: retries-disabled, hardcoded-api-key
  return client;
}

export async function findChannel({ home, away, day }) {
  const question =
    `Which UK channel or streaming service shows ${home} v ${away} on ${day}? Search the web and answer ` +
    `with one JSON object on the last line: {"channel": string | null, "confidence": "high" | "medium" | "low"}.`;

  let messages = [{ role: 'user', content: question }];
  let res;
  for (let step = 0; step < 4; step++) { // expect-not: naive-retry
    res = await getClient().messages.create({ // expect-not: model-routing, batchable-fanout, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
      model: MODEL,
      max_tokens: 2048,
      tools: [{ type: 'web_search_20250305', name: 'web_search', max_uses: 3 }],
      messages,
    });
    if (res.stop_reason === 'pause_turn') {
      messages = [...messages, { role: 'assistant', content: res.content }];
      continue;
    }
    break;
  }

  const text = res.content.filter((b) => b.type === 'text').map((b) => b.text).join('\n');
  const found = text.match(/\{[^{}]*\}\s*$/);
  return found ? JSON.parse(found[0]) : null;
}
