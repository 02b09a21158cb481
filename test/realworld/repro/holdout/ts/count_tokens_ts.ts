// realworld repro (negative): missing-max-tokens -- messages.countTokens takes no max_tokens
// source: anthropics/anthropic-sdk-typescript examples/count-tokens.ts:8
import Anthropic from '@anthropic-ai/sdk';

const client = new Anthropic();

export async function size(text: string): Promise<number> {
  const result = await client.messages.countTokens({ // expect-not: missing-max-tokens
    model: 'claude-sonnet-4-5',
    messages: [{ role: 'user', content: text }],
  });
  return result.input_tokens;
}
