// realworld repro (negative): naive-retry and string-matched-error -- a retry wrapper, applied to
// messages.create in the same module, re-throws every error at once unless it is an overload (status
// 529, overloaded_error, or "overloaded"/"529" in the text), so rate limits are never retried
// source: taiyousan15/yaml-template-lp lib/anthropic-retry.ts:40
// source: taiyousan15/yaml-template-lp lib/anthropic-retry.ts:50
// source: taiyousan15/yaml-template-lp lib/anthropic-retry.ts:90
import Anthropic from '@anthropic-ai/sdk';

const TRIES = 3;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function onlyOnOverload<T>(call: () => Promise<T>): Promise<T> {
  let last: unknown = null;
  for (let attempt = 0; attempt <= TRIES; attempt++) { // expect-not: naive-retry
    try {
      return await call();
    } catch (error: any) {
      last = error;
      const overloaded =
        error?.status === 529 ||
        error?.error?.type === 'overloaded_error' ||
        error?.message?.includes('overloaded'); // expect-not: string-matched-error
      if (!overloaded) throw error;
      if (attempt >= TRIES) throw error;
      await pause(Math.min(1000 * 2 ** attempt, 8000));
    }
  }
  throw last;
}

export async function createOnOverload(client: Anthropic, params: Anthropic.MessageCreateParams) {
  return onlyOnOverload(() => client.messages.create(params)); // expect-not: missing-max-tokens
}
