// realworld repro (negative): naive-retry, retries-disabled -- a helper asks Haiku for JSON and re-asks up to three
// times only when the reply fails to parse or validate, appending the complaint to the conversation; API errors are
// not caught (the client keeps the SDK's retries, raised to 3)
// source: 9highfive7/ai-news-log scripts/lib/claude.ts:49
// source: 9highfive7/ai-news-log scripts/lib/claude.ts:12
// source: 9highfive7/ai-news-log scripts/lib/claude.ts:50
import Anthropic from '@anthropic-ai/sdk';
import type { z } from 'zod';

const MODEL = process.env.NEWS_MODEL?.trim() || 'claude-haiku-4-5';
const TRIES = 3;

let client: Anthropic | undefined;
function getClient(): Anthropic {
  client ??= new Anthropic({ maxRetries: 3 }); // expect-not: retries-disabled, hardcoded-api-key
  return client;
}

class BadJson extends Error {}

function pickJson(text: string): unknown {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start === -1 || end <= start) throw new BadJson('no JSON object in the reply');
  try {
    return JSON.parse(text.slice(start, end + 1));
  } catch (err) {
    throw new BadJson(`not JSON: ${(err as Error).message}`);
  }
}

export async function askJson<S extends z.ZodType>(system: string, prompt: string, schema: S, maxTokens: number): Promise<z.infer<S>> {
  const messages: Anthropic.MessageParam[] = [{ role: 'user', content: prompt }];
  let why = '';

  for (let attempt = 1; attempt <= TRIES; attempt++) { // expect-not: naive-retry
    const reply = await getClient().messages.create({ // expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens, batchable-fanout
      model: MODEL,
      max_tokens: maxTokens,
      system,
      messages,
    });
    const text = reply.content
      .filter((b): b is Anthropic.TextBlock => b.type === 'text')
      .map((b) => b.text)
      .join('');

    try {
      const checked = schema.safeParse(pickJson(text));
      if (checked.success) return checked.data;
      why = checked.error.issues.map((i) => i.message).join('; ');
    } catch (err) {
      if (!(err instanceof BadJson)) throw err;
      why = err.message;
    }

    messages.push({ role: 'assistant', content: text || '(empty)' }, { role: 'user', content: `That reply was not usable: ${why}. Send only the JSON object.` });
  }
  throw new BadJson(`no valid JSON after ${TRIES} tries: ${why}`);
}
