// realworld repro (negative): missing-max-tokens and string-matched-error -- a helper module named
// after Claude (callClaude in utils/anthropic.js) actually calls OpenAI chat completions and maps
// the OpenAI error's status 429 to a message
// source: brucewayne9/labsblogger src/utils/anthropic.js:55
// source: brucewayne9/labsblogger src/utils/anthropic.js:73
import OpenAI from 'openai';

let client = null;
const getClient = () => (client ??= new OpenAI({ apiKey: process.env.OPENAI_API_KEY }));

export async function callClaude(prompt, { model = 'gpt-4o', maxTokens = 3000, system = null } = {}) {
  const messages = system ? [{ role: 'system', content: system }] : [];
  messages.push({ role: 'user', content: prompt });
  try {
    const response = await getClient().chat.completions.create({ // expect-not: missing-max-tokens
      model,
      messages,
      max_tokens: maxTokens,
    });
    return { ok: true, text: response.choices[0].message.content };
  } catch (error) {
    if (error.status === 429) { // expect-not: string-matched-error
      return { ok: false, text: 'Busy, try again shortly.' };
    }
    return { ok: false, text: `Request failed: ${error.message}` };
  }
}
