// realworld repro (negative): retries-disabled and uncached-prompt look-alikes -- a shared client keeps two SDK
// retries (maxRetries: 2) with a 20 s timeout, and the streamed call marks its system block with cache_control
// source: alittlenerdy/replysequence lib/claude-api.ts:44
// source: alittlenerdy/replysequence lib/claude-api.ts:128
import Anthropic from '@anthropic-ai/sdk';

let shared: Anthropic | null = null;

function client(): Anthropic {
  if (!shared) {
    shared = new Anthropic({
      apiKey: process.env.ANTHROPIC_API_KEY,
      timeout: 20_000,
      maxRetries: 2, // expect-not: retries-disabled
    });
  }
  return shared;
}

export async function draftFollowUp(instructions: string, notes: string, budget = 1024) {
  const stream = client().messages.stream({ // expect-not: uncached-prompt
    model: 'claude-sonnet-4-5',
    max_tokens: budget,
    system: [{ type: 'text', text: instructions, cache_control: { type: 'ephemeral' } }],
    messages: [{ role: 'user', content: notes }],
  });
  const final = await stream.finalMessage();
  const block = final.content.find((b) => b.type === 'text');
  return block && block.type === 'text' ? block.text : '';
}
