// realworld repro (negative): nonstreaming-max-tokens look-alike -- a worksheet generator scales max_tokens with
// the question count but caps it at 16,000 (under 21,333) on a plain non-streaming create
// source: reggiemt/tko-worksheet-generator lib/claude-client.ts:82
import Anthropic from '@anthropic-ai/sdk';

const tutor = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });

export async function buildDrill(topic: string, count: 10 | 15 | 20, extras: number): Promise<string> {
  const budget = Math.min(16000, Math.max(8000, count * 800) + extras * 1000);
  const res = await tutor.messages.create({ // expect-not: nonstreaming-max-tokens
    model: 'claude-sonnet-4-5',
    max_tokens: budget,
    system: 'You write practice problems as JSON.',
    messages: [
      { role: 'user', content: `Write ${count} practice problems on ${topic}.` },
      { role: 'assistant', content: '{' },
    ],
  });
  if (res.stop_reason === 'max_tokens') throw new Error('drill was cut off');
  const first = res.content[0];
  return first.type === 'text' ? `{${first.text}` : '';
}
