// realworld repro (negative): naive-retry -- a helper asks once, and only when the answer fails to parse as
// JSON it asks a second time with the bad answer and a correction; an API error ends the call at once
// source: AymenMeer-4/careerforge lib/claude-retry.ts:29
import Anthropic from '@anthropic-ai/sdk';

const claude = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });

async function ask(system, messages) {
  try {
    const res = await claude.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 2000, system, messages });
    return { ok: true, text: res.content[0].type === 'text' ? res.content[0].text : '' };
  } catch (err) {
    return { ok: false, error: String(err) };
  }
}

export async function askForJson(system, question) {
  const first = await ask(system, [{ role: 'user', content: question }]);
  if (!first.ok) return { ok: false, error: first.error };
  try {
    return { ok: true, data: JSON.parse(first.text) };
  } catch {
    const second = await ask(system, [ // expect-not: naive-retry
      { role: 'user', content: question },
      { role: 'assistant', content: first.text },
      { role: 'user', content: 'That was not valid JSON. Reply with the JSON object only.' },
    ]);
    if (!second.ok) return { ok: false, error: second.error };
    try {
      return { ok: true, data: JSON.parse(second.text) };
    } catch {
      return { ok: false, error: 'invalid JSON twice' };
    }
  }
}
