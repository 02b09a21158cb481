// realworld repro (negative): nonstreaming-max-tokens -- a non-streaming messages.create that is only reached when
// the caller's token budget is under a 16,000 cut-over; budgets at or above it go to messages.stream
// source: Monkey-Dev-Vibes/claude-translate-suite packages/core/src/claude.ts:50
// source: Monkey-Dev-Vibes/claude-translate-suite packages/core/src/claude.ts:91
import Anthropic from '@anthropic-ai/sdk';

export const STREAM_FROM = 16000;

interface Ask {
  client: Anthropic;
  model: string;
  budget: number;
  system: string;
  text: string;
}

export async function translateOnce(ask: Ask): Promise<string> {
  if (ask.budget >= STREAM_FROM) {
    return translateStreamed(ask);
  }
  const reply = await ask.client.messages.create({ // expect-not: nonstreaming-max-tokens
    model: ask.model,
    max_tokens: ask.budget,
    system: ask.system,
    messages: [{ role: 'user', content: ask.text }],
  });
  return reply.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
}

async function translateStreamed(ask: Ask): Promise<string> {
  let out = '';
  const stream = ask.client.messages.stream({ // expect-not: nonstreaming-max-tokens
    model: ask.model,
    max_tokens: ask.budget,
    system: ask.system,
    messages: [{ role: 'user', content: ask.text }],
  });
  for await (const event of stream) {
    if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') {
      out += event.delta.text;
    }
  }
  return out;
}
