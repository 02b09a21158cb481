// Demo: Claude API usage that Headroom has nothing to say about.
import Anthropic from '@anthropic-ai/sdk';
import pLimit from 'p-limit';

const client = new Anthropic({ maxRetries: 6 });
const limit = pLimit(8);

export async function classify(items: string[]) {
  return Promise.all(
    items.map((item) =>
      limit(() =>
        client.messages.create({
          model: 'claude-haiku-4-5',
          max_tokens: 64,
          messages: [{ role: 'user', content: `Classify: ${item}` }],
        }),
      ),
    ),
  );
}

export async function* essay(topic: string) {
  const stream = client.messages.stream({
    model: 'claude-sonnet-5-5',
    max_tokens: 32000,
    messages: [{ role: 'user', content: `An essay on ${topic}` }],
  });
  for await (const event of stream) {
    if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') yield event.delta.text;
  }
}
