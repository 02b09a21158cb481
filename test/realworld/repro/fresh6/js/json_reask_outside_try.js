// realworld repro (negative): naive-retry -- a helper asks again with a corrective prompt when the
// reply does not parse as JSON; the Claude call sits outside the try, so API errors (a 429 included)
// propagate to the caller instead of being re-sent
// source: lyj898/seo-engine-hotels scripts/lib/anthropic-client.js:111
// source: lyj898/seo-engine-hotels scripts/lib/anthropic-client.js:28
import Anthropic from '@anthropic-ai/sdk';

const anthropic = new Anthropic();

async function ask({ system, prompt, maxTokens = 1500 }) {
  const res = await anthropic.messages.create({ // expect-not: missing-max-tokens
    model: 'claude-sonnet-4-5',
    max_tokens: maxTokens,
    system,
    messages: [{ role: 'user', content: prompt }],
  });
  return res.content.filter((b) => b.type === 'text').map((b) => b.text).join('\n');
}

export async function askForJson({ system, prompt, tries = 1 }) {
  let lastError;
  let current = prompt;
  for (let n = 0; n <= tries; n++) { // expect-not: naive-retry
    const text = await ask({ system, prompt: current });
    try {
      return JSON.parse(text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1));
    } catch (err) {
      lastError = err;
      current = `${prompt}\n\nYour last answer was not valid JSON (${err.message}). Reply with JSON only.`;
    }
  }
  throw new Error(`no JSON after ${tries + 1} tries: ${lastError.message}`);
}
