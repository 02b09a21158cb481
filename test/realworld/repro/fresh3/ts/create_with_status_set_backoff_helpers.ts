// realworld repro (positive + negative): naive-retry -- two helpers that take a client and a typed
// params object and loop around messages.create: one retries a set of transient statuses (429
// included) after a doubling delay plus jitter, the other retries 429/529/503/500 after a doubling
// delay and takes its own maxRetries option; neither reads retry-after, and neither call spells out
// max_tokens (the params type requires it)
// source: ops324/Nagi lib/anthropic-retry.ts:34
// source: ops324/Nagi lib/anthropic-retry.ts:36
// source: danielpaulai/Ikigai lib/anthropic-retry.ts:24
// source: danielpaulai/Ikigai lib/anthropic-retry.ts:20
// source: danielpaulai/Ikigai lib/anthropic-retry.ts:26
import type Anthropic from '@anthropic-ai/sdk';

const PASSING = new Set([408, 409, 429, 500, 502, 503, 504, 529]);

function transient(err: unknown): boolean {
  const status = (err as { status?: number } | null)?.status;
  if (typeof status === 'number') return PASSING.has(status);
  const name = (err as { name?: string } | null)?.name;
  return name === 'APIConnectionError' || name === 'APIConnectionTimeoutError';
}

export async function sendWithRetry(
  client: Anthropic,
  params: Anthropic.MessageCreateParamsNonStreaming,
  { retries = 2, firstDelayMs = 400 }: { retries?: number; firstDelayMs?: number } = {},
): Promise<Anthropic.Message> {
  let last: unknown;
  for (let attempt = 0; attempt <= retries; attempt++) { // expect: naive-retry
    try {
      return await client.messages.create(params); // expect-not: missing-max-tokens
    } catch (err) {
      last = err;
      if (attempt === retries || !transient(err)) throw err;
      await new Promise((r) => setTimeout(r, firstDelayMs * 2 ** attempt + Math.random() * 150));
    }
  }
  throw last;
}

export async function askWithBackoff(
  client: Anthropic,
  params: Anthropic.MessageCreateParamsNonStreaming,
  options?: { maxRetries?: number; baseDelayMs?: number },
): Promise<Anthropic.Message> {
  const maxRetries = options?.maxRetries ?? 4; // expect-not: retries-disabled
  const baseDelayMs = options?.baseDelayMs ?? 300;
  let lastError: unknown;
  for (let attempt = 0; attempt < maxRetries; attempt++) { // expect: naive-retry
    try {
      return await client.messages.create(params); // expect-not: missing-max-tokens
    } catch (e) {
      lastError = e;
      const status = (e as { status?: number }).status;
      if (!(status === 429 || status === 529 || status === 503 || status === 500) || attempt === maxRetries - 1) throw e;
      await new Promise((r) => setTimeout(r, baseDelayMs * 2 ** attempt));
    }
  }
  throw lastError;
}
