// realworld repro (negative): retries-disabled -- a test suite that turns retries off on purpose against a stub fetch
// source: anthropics/anthropic-sdk-typescript tests/abort-listener-cleanup.test.ts:65
// source: anthropics/anthropic-sdk-typescript tests/abort-listener-cleanup.test.ts:87
// source: anthropics/anthropic-sdk-typescript tests/abort-listener-cleanup.test.ts:158
import Anthropic from '@anthropic-ai/sdk';

const failing = () => Promise.resolve(new Response('{}', { status: 500 }));

describe('abort listeners', () => {
  it('removes its listener after a failure', async () => {
    const client = new Anthropic({
      apiKey: 'test-only',
      maxRetries: 0, // expect-not: retries-disabled
      fetch: failing,
    });
    await expect(
      client.messages.create({ model: 'claude-test', max_tokens: 8, messages: [{ role: 'user', content: 'x' }] }),
    ).rejects.toThrow();
  });

  it('removes it with a signal too', async () => {
    const client = new Anthropic({ apiKey: 'test-only', maxRetries: 0, fetch: failing }); // expect-not: retries-disabled
    const controller = new AbortController();
    await expect(
      client.messages.create(
        { model: 'claude-test', max_tokens: 8, messages: [{ role: 'user', content: 'y' }] },
        { signal: controller.signal },
      ),
    ).rejects.toThrow();
  });
});
