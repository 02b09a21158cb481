// Demo: a batch summarizer with the mistakes Headroom catches.
import Anthropic from '@anthropic-ai/sdk';

const client = new Anthropic({ maxRetries: 0 });

export async function summarizeAll(docs: string[]): Promise<string[]> {
  // Starts one request per document at once: 500 documents = 500 requests in a burst.
  const results = await Promise.all(
    docs.map((doc) =>
      client.messages.create({
        model: 'claude-sonnet-5-5',
        max_tokens: 1024,
        messages: [{ role: 'user', content: `Summarize:\n${doc}` }],
      }),
    ),
  );
  return results.map((m) => (m.content[0]?.type === 'text' ? m.content[0].text : ''));
}

export async function longReport(topic: string) {
  // Non-streaming with a huge max_tokens: the SDK refuses this before sending.
  return client.messages.create({
    model: 'claude-sonnet-5-5',
    max_tokens: 60000,
    messages: [{ role: 'user', content: `Write a report on ${topic}` }],
  });
}
