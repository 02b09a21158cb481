// realworld repro (positive): naive-retry -- a wrapper meant to retry a malformed reply loops twice around a
// local call helper and the parser; the helper's create throws on any API error (429 included), the catch
// keeps the error and re-sends at once, no wait and no retry-after
// source: SashaXaumi/claude-cron src/anthropic.ts:63
import Anthropic from '@anthropic-ai/sdk';

export interface Ask {
  apiKey: string;
  model: string;
  system: string;
  user: string;
}

export async function askOnce(a: Ask): Promise<string> {
  const api = new Anthropic({ apiKey: a.apiKey });
  const res = await api.messages.create({
    model: a.model,
    max_tokens: 2048,
    system: a.system,
    messages: [{ role: 'user', content: a.user }],
  });
  const text = res.content.map((b) => (b.type === 'text' ? b.text : '')).join('\n').trim();
  if (!text) throw new Error('empty reply');
  return text;
}

export async function askAndRead<T>(a: Ask, read: (text: string) => T): Promise<T> {
  let lastError: unknown;
  for (let k = 0; k < 2; k++) { // expect: naive-retry
    try {
      return read(await askOnce(a));
    } catch (err) {
      lastError = err;
    }
  }
  throw lastError instanceof Error ? lastError : new Error(String(lastError));
}
