// realworld repro (negative): retries-disabled -- a client test suite that turns retries off on purpose against a stub fetch
// source: anthropics/anthropic-sdk-typescript packages/bedrock-sdk/tests/bedrock-mantle.test.ts:67
// source: anthropics/anthropic-sdk-typescript packages/bedrock-sdk/tests/bedrock-mantle.test.ts:103
// source: anthropics/anthropic-sdk-typescript packages/bedrock-sdk/tests/bedrock-mantle.test.ts:119
// source: anthropics/anthropic-sdk-typescript packages/bedrock-sdk/tests/bedrock-mantle.test.ts:153
// source: anthropics/anthropic-sdk-typescript packages/bedrock-sdk/tests/bedrock-mantle.test.ts:169
// source: anthropics/anthropic-sdk-typescript packages/bedrock-sdk/tests/bedrock-mantle.test.ts:185
import { AnthropicBedrockMantle } from '@anthropic-ai/bedrock-sdk';

const stub = () => Promise.resolve(new Response('{"id":"m"}', { status: 200 }));

describe('mantle client', () => {
  test('signs the request', async () => {
    const client = new AnthropicBedrockMantle({
      awsRegion: 'us-east-1',
      maxRetries: 0, // expect-not: retries-disabled
      fetch: stub,
    });
    await client.messages.create({ model: 'test-model', max_tokens: 4, messages: [{ role: 'user', content: 'hi' }] });
  });

  test('uses the base URL', async () => {
    const client = new AnthropicBedrockMantle({ awsRegion: 'us-west-2', baseURL: 'https://example.test', maxRetries: 0, fetch: stub }); // expect-not: retries-disabled
    await client.messages.create({ model: 'test-model', max_tokens: 4, messages: [{ role: 'user', content: 'yo' }] });
  });
});
