// realworld repro (positive + negative): naive-retry -- a shared helper posts to /v1/messages with fetch in a
// three-attempt loop; a 429 or 5xx response is turned into a thrown Error and the catch-all handler waits
// 2^attempt seconds plus jitter before the next attempt, never reading the response's retry-after header (any
// other error status is retried too); look-alikes: the handler tests no error text, the body always carries the
// caller's max_tokens, and model, system and max_tokens are options of a helper with no loop over data
// source: SamxJames/daily_newsletter scripts/lib/claude.ts:32
// source: SamxJames/daily_newsletter scripts/lib/claude.ts:51
// source: SamxJames/daily_newsletter scripts/lib/claude.ts:34
// source: SamxJames/daily_newsletter scripts/lib/claude.ts:29
import { mustGetEnv } from './settings';

const ENDPOINT = 'https://api.anthropic.com/v1/messages';

interface Block {
  type: string;
  text?: string;
}

export interface AskOptions {
  model: string;
  maxTokens: number;
  system?: string;
  prompt: string;
}

async function sendWithRetries(payload: unknown, tries = 3): Promise<{ content: Block[] }> {
  const key = mustGetEnv('ANTHROPIC_API_KEY'); // expect-not: hardcoded-api-key
  let last: unknown;

  for (let n = 1; n <= tries; n++) { // expect: naive-retry
    try {
      const res = await fetch(ENDPOINT, { // expect-not: missing-max-tokens, nonstreaming-max-tokens, batchable-fanout, model-routing, uncached-prompt
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': key, 'anthropic-version': '2023-06-01' },
        body: JSON.stringify(payload),
      });
      if (res.status === 429 || res.status >= 500) {
        throw new Error(`transient ${res.status}: ${await res.text()}`);
      }
      if (!res.ok) {
        throw new Error(`request failed ${res.status}: ${await res.text()}`);
      }
      return (await res.json()) as { content: Block[] };
    } catch (err) { // expect-not: string-matched-error
      last = err;
      if (n < tries) {
        const waitMs = 2 ** n * 1000 + Math.random() * 500;
        await new Promise((r) => setTimeout(r, waitMs));
      }
    }
  }
  throw last instanceof Error ? last : new Error(String(last));
}

export async function ask(opts: AskOptions): Promise<string> {
  const payload: Record<string, unknown> = {
    model: opts.model,
    max_tokens: opts.maxTokens,
    messages: [{ role: 'user', content: opts.prompt }],
  };
  if (opts.system) payload.system = opts.system;
  const data = await sendWithRetries(payload);
  return data.content
    .filter((b) => b.type === 'text')
    .map((b) => b.text ?? '')
    .join('\n')
    .trim();
}
