// realworld repro (negative): batchable-fanout and missing-max-tokens look-alikes -- pages go out as one Message
// Batch (params carry max_tokens), and a cost estimator counts tokens message by message with countTokens
// (no max_tokens, and not a create the Batches API could take)
// source: jatkz/dota-ace scripts/ClaudeBatchClient.js:174
// source: gpaul-faldin/is-it-worth-it src/class/anthropic.class.ts:86
import fs from 'node:fs';
import Anthropic from '@anthropic-ai/sdk';

const api = new Anthropic();

export async function submitPages(pages: Array<{ id: string; path: string }>, guide: string) {
  return api.messages.batches.create({ // expect-not: batchable-fanout, missing-max-tokens
    requests: pages.map((p) => ({
      custom_id: p.id,
      params: {
        model: 'claude-sonnet-4-5',
        max_tokens: 5000,
        system: guide,
        messages: [{ role: 'user' as const, content: fs.readFileSync(p.path, 'utf8') }],
      },
    })),
  });
}

export async function estimateHistory(chats: Array<Array<{ role: 'user' | 'assistant'; content: string }>>) {
  let total = 0;
  for (const chat of chats) {
    const context: Array<{ role: 'user' | 'assistant'; content: string }> = [];
    for (const turn of chat) {
      context.push(turn);
      const res = await api.messages.countTokens({ model: 'claude-sonnet-4-5', messages: context }); // expect-not: missing-max-tokens, batchable-fanout
      total += res.input_tokens;
    }
  }
  return total;
}
