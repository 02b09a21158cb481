// realworld repro (negative): string-matched-error, naive-retry and missing-max-tokens -- a wrapper
// tests the error text for credit and plan-limit phrases only, then sends the same params once to an
// OpenRouter-based client; both creates take params the caller built
// source: Altoh5/claude-telegram-relay src/lib/resilient-client.ts:105
// source: Altoh5/claude-telegram-relay src/lib/resilient-client.ts:201
// source: Altoh5/claude-telegram-relay src/lib/resilient-client.ts:212
// source: Altoh5/claude-telegram-relay src/lib/resilient-client.ts:239
import Anthropic from '@anthropic-ai/sdk';

const BILLING_PHRASES = ['credit balance', 'add funds', 'billing', 'usage cap', 'plan limit', 'out of messages'];

export function looksLikeBilling(err: any): boolean {
  if (err?.status === 402) return true;
  const text = String(err?.message ?? err ?? '').toLowerCase();
  return BILLING_PHRASES.some((phrase) => text.includes(phrase)); // expect-not: string-matched-error
}

let primary: Anthropic | null = null;

export async function sendWithBackup(params: Anthropic.MessageCreateParamsNonStreaming): Promise<Anthropic.Message> {
  const backupKey = process.env.OPENROUTER_API_KEY;
  try {
    primary ??= new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });
    return await primary.messages.create(params); // expect-not: missing-max-tokens
  } catch (err: any) {
    if (looksLikeBilling(err) && backupKey) {
      return viaBackup(params, backupKey); // expect-not: naive-retry
    }
    throw err;
  }
}

function viaBackup(params: Anthropic.MessageCreateParamsNonStreaming, apiKey: string): Promise<Anthropic.Message> {
  const backup = new Anthropic({ apiKey, baseURL: 'https://openrouter.ai/api/v1' });
  return backup.messages.create({ ...params, model: `anthropic/${params.model}` }); // expect-not: missing-max-tokens
}
