// realworld repro (negative): nonstreaming-max-tokens -- 128,000 max_tokens on claude-opus-4-6 with stream: true
// source: EvilPatrick06/DnD scripts/extract-5e-data.ts:13
// source: EvilPatrick06/DnD scripts/generate-bestiary-schema.ts:43
import Anthropic from '@anthropic-ai/sdk';

const claude = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });

export async function distill(instructions: string, body: string): Promise<string> {
  const events = await claude.messages.create({ // expect-not: nonstreaming-max-tokens
    model: 'claude-opus-4-6',
    max_tokens: 128000,
    thinking: { type: 'enabled', budget_tokens: 60000 },
    system: instructions,
    messages: [{ role: 'user', content: body }],
    stream: true,
  });
  let text = '';
  for await (const ev of events) {
    if (ev.type === 'content_block_delta' && ev.delta.type === 'text_delta') text += ev.delta.text;
  }
  return text;
}
