// realworld repro (negative): naive-retry -- a helper paces itself with a sliding window of five requests a
// minute, waiting (and re-checking by recursion) before each create; the catch around the create logs and
// re-throws, so nothing is re-sent
// source: andreas83/newsar server/utils/claude.ts:85
// source: andreas83/newsar server/utils/claude.ts:105
import Anthropic from '@anthropic-ai/sdk';

const WINDOW_MS = 60_000;
const PER_WINDOW = 5;
const sentAt: number[] = [];
let sdk: Anthropic | null = null;

async function takeSlot(): Promise<void> {
  const now = Date.now();
  while (sentAt.length > 0 && sentAt[0] < now - WINDOW_MS) sentAt.shift();
  if (sentAt.length >= PER_WINDOW) {
    const wait = sentAt[0] + WINDOW_MS - now + 50;
    await new Promise((r) => setTimeout(r, wait));
    return takeSlot();
  }
  sentAt.push(now);
}

function getSdk(): Anthropic {
  if (!sdk) sdk = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY }); // expect-not: retries-disabled
  return sdk;
}

export async function summarise(text: string, system?: string, limit?: number): Promise<string> {
  await takeSlot();
  const tokens = limit || 1500;
  try {
    const reply = await getSdk().messages.create({ // expect-not: naive-retry, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt, model-routing
      model: process.env.SUMMARY_MODEL || 'claude-haiku-4-5',
      max_tokens: tokens,
      system: system || 'You summarise news articles.',
      messages: [{ role: 'user', content: text }],
    });
    const first = reply.content.find((b) => b.type === 'text');
    return first && first.type === 'text' ? first.text : '';
  } catch (error) { // expect-not: string-matched-error
    console.error('summary failed:', error instanceof Error ? error.message : error);
    throw error;
  }
}
