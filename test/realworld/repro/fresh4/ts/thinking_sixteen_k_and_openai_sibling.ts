// realworld repro (negative): nonstreaming-max-tokens and missing-max-tokens look-alikes -- a question writer
// asks Claude with adaptive thinking and max_tokens 16000 (under 21,333) on a plain create, and its OpenAI
// sibling calls chat.completions.create without max_tokens
// source: ludo-raedts/banned-books-org src/lib/discussion-questions.ts:239
// source: ludo-raedts/banned-books-org src/lib/discussion-questions.ts:264
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';

export async function questionsFromClaude(prompt: string): Promise<string> {
  const api = new Anthropic();
  const res = await api.messages.create({ // expect-not: nonstreaming-max-tokens
    model: 'claude-opus-4-7',
    max_tokens: 16000,
    thinking: { type: 'adaptive' },
    messages: [{ role: 'user', content: prompt }],
  });
  return res.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
}

export async function questionsFromOpenAI(prompt: string): Promise<string> {
  const other = new OpenAI();
  const res = await other.chat.completions.create({ // expect-not: missing-max-tokens
    model: 'gpt-4o',
    response_format: { type: 'json_object' },
    messages: [{ role: 'user', content: prompt }],
  });
  return res.choices[0]?.message?.content ?? '';
}
