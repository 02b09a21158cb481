// realworld repro (positive + negative): naive-retry -- a helper takes the client and the caller's params and
// re-sends messages.create on status 429 (and 408/503/529 or timeout text) after a doubling wait, never reading
// retry-after; look-alikes: a one-off re-send with a fallback model after a model-not-found error, a text test
// for timeouts only (429 is tested by its numeric status), and a pass-through create whose max_tokens, model
// and prompt come from the caller
// source: rohimayaventures/ask-hannah-mcp src/lib/anthropic-retry.ts:56
// source: rohimayaventures/ask-hannah-mcp src/lib/anthropic-retry.ts:67
// source: rohimayaventures/ask-hannah-mcp src/lib/anthropic-retry.ts:34
// source: rohimayaventures/ask-hannah-mcp src/lib/anthropic-retry.ts:58
import type Anthropic from '@anthropic-ai/sdk';

type CreateParams = Parameters<Anthropic['messages']['create']>[0];

const SPARE_MODEL = process.env.SPARE_CLAUDE_MODEL ?? '';

function statusOf(err: unknown): number | undefined {
  const s = (err as { status?: unknown } | null)?.status;
  return typeof s === 'number' ? s : undefined;
}

function modelMissing(err: unknown): boolean {
  return statusOf(err) === 404;
}

function worthRetrying(err: unknown): boolean {
  const s = statusOf(err);
  if (s === 429 || s === 503 || s === 529) return true;
  const text = err instanceof Error ? err.message.toLowerCase() : '';
  return text.includes('timed out'); // expect-not: string-matched-error
}

export async function sendWithRetry(client: Anthropic, params: CreateParams, tries = 3): Promise<Anthropic.Message> {
  let last: unknown;
  for (let n = 1; n <= tries; n++) { // expect: naive-retry
    try {
      return (await client.messages.create(params)) as Anthropic.Message; // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt
    } catch (err) {
      last = err;
      if (modelMissing(err) && SPARE_MODEL) {
        return (await client.messages.create({ ...params, model: SPARE_MODEL })) as Anthropic.Message; // expect-not: naive-retry, missing-max-tokens
      }
      if (n >= tries || !worthRetrying(err)) throw err;
      await new Promise((r) => setTimeout(r, 1000 * 2 ** (n - 1)));
    }
  }
  throw last;
}
