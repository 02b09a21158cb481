// realworld repro (negative): model-routing -- a shared raw-fetch helper sends Opus requests and exports title (80
// tokens) and excerpt (120 tokens) wrappers, but the file has no loop over data (its callers live in another
// module), so there is no per-item Opus call to route
// source: wg-codertalent/hmn-seo-engine scripts/lib/claude.js:12
import { HEADLINE_SYSTEM, SUMMARY_SYSTEM } from './prompts.mjs';

const MODEL = 'claude-opus-4-6';

async function ask({ system, user, maxTokens = 2500 }) {
  const res = await fetch('https://api.anthropic.com/v1/messages', { // expect-not: model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt, batchable-fanout
    method: 'POST',
    headers: { 'x-api-key': process.env.ANTHROPIC_API_KEY, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
    body: JSON.stringify({ model: MODEL, max_tokens: maxTokens, system, messages: [{ role: 'user', content: user }] }),
  });
  if (!res.ok) throw new Error(`Claude ${res.status}`);
  const data = await res.json();
  return data.content[0].text.trim();
}

export const headline = (topic) => ask({ system: HEADLINE_SYSTEM, user: topic, maxTokens: 80 });
export const summary = (headlineText) => ask({ system: SUMMARY_SYSTEM, user: headlineText, maxTokens: 120 });
