import * as assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { startMockAnthropic, type MockAnthropic } from '../../mock-anthropic/server';

const KEY = 'sk-ant-api03-sdk-against-mock';
const MODEL = 'claude-sonnet-4-6';

/** The smallest request: what the poller sends. */
const ping = (c: Anthropic): Promise<Anthropic.Message> =>
  c.messages.create({ model: MODEL, max_tokens: 1, messages: [{ role: 'user', content: '.' }] });

describe('mock-anthropic with the real @anthropic-ai/sdk', () => {
  let server: MockAnthropic;
  let client: Anthropic;

  before(async () => {
    server = await startMockAnthropic({ apiKey: KEY, replyTokens: 20 });
    client = new Anthropic({ apiKey: KEY, baseURL: server.url, maxRetries: 0 });
  });
  after(async () => {
    await server.close();
  });
  beforeEach(() => server.reset());

  it('messages.create', async () => {
    const message = await client.messages.create({
      model: MODEL,
      max_tokens: 64,
      messages: [{ role: 'user', content: 'Say hello.' }],
    });
    assert.equal(message.type, 'message');
    assert.equal(message.model, MODEL);
    assert.equal(message.content[0]?.type, 'text');
    assert.equal(message.content[0]?.type === 'text' && message.content[0].text.length, 80);
    assert.equal(message.usage.input_tokens, 3);
    assert.equal(message.usage.output_tokens, 20);
    assert.equal(message.stop_reason, 'end_turn');
    assert.match(message._request_id ?? '', /^req_/);
  });

  it('.withResponse() exposes the rate-limit headers', async () => {
    const { data, response, request_id } = await client.messages
      .create({ model: MODEL, max_tokens: 1, messages: [{ role: 'user', content: '.' }] })
      .withResponse();
    assert.equal(data.usage.output_tokens, 1);
    assert.equal(response.headers.get('anthropic-ratelimit-requests-remaining'), '49');
    assert.equal(response.headers.get('anthropic-ratelimit-output-tokens-limit'), '10000');
    assert.equal(response.headers.get('request-id'), request_id);
  });

  it('messages.stream with .finalMessage() gives the same message as create', async () => {
    const params = {
      model: MODEL,
      max_tokens: 10,
      messages: [{ role: 'user' as const, content: 'Stream, please.' }],
    };
    const events: string[] = [];
    const stream = client.messages.stream(params);
    stream.on('streamEvent', (event) => events.push(event.type));
    const final = await stream.finalMessage();
    const direct = await client.messages.create(params);
    assert.deepEqual(final.content, direct.content);
    assert.equal(final.usage.output_tokens, 10);
    assert.equal(final.usage.input_tokens, 4);
    assert.equal(final.stop_reason, 'max_tokens');
    assert.deepEqual(events, [
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    assert.equal(server.stats().byEndpoint['POST /v1/messages'], 2);
  });

  it('a 429 surfaces as Anthropic.RateLimitError with its headers', async () => {
    server.setRemaining(MODEL, { requests: 0 });
    await assert.rejects(ping(client), (err: unknown) => {
      assert.ok(err instanceof Anthropic.RateLimitError);
      assert.equal(err.status, 429);
      assert.equal(err.type, 'rate_limit_error');
      assert.equal(err.headers.get('retry-after'), '2');
      assert.equal(err.headers.get('anthropic-ratelimit-requests-remaining'), '0');
      assert.match(err.requestID ?? '', /^req_/);
      return true;
    });
  });

  it('a 529 surfaces as InternalServerError with status 529', async () => {
    server.setFaults({ error: 'overloaded' });
    await assert.rejects(ping(client), (err: unknown) => {
      assert.ok(err instanceof Anthropic.InternalServerError);
      assert.equal(err.status, 529);
      assert.equal(err.type, 'overloaded_error');
      return true;
    });
    assert.equal(server.stats().requests, 1);
  });

  it('the spend-cap 429 carries errorCode', async () => {
    server.setFaults({ error: 'spend-cap' });
    await assert.rejects(ping(client), (err: unknown) => {
      assert.ok(err instanceof Anthropic.RateLimitError);
      assert.equal(err.errorCode, 'enforced_spend_limit_reached');
      assert.equal(err.headers.get('retry-after'), null);
      return true;
    });
  });

  it('a wrong key surfaces as AuthenticationError', async () => {
    const wrong = new Anthropic({ apiKey: 'sk-ant-api03-wrong', baseURL: server.url, maxRetries: 0 });
    await assert.rejects(ping(wrong), Anthropic.AuthenticationError);
  });

  it('models.list auto-paginates; countTokens counts', async () => {
    const ids: string[] = [];
    for await (const model of client.models.list({ limit: 2 })) ids.push(model.id);
    assert.deepEqual(ids, [
      'claude-sonnet-4-6',
      'claude-opus-4-6',
      'claude-opus-4-5-20251101',
      'claude-haiku-4-5-20251001',
      'claude-sonnet-4-5-20250929',
    ]);
    assert.equal(server.stats().byEndpoint['GET /v1/models'], 3);
    const count = await client.messages.countTokens({
      model: MODEL,
      messages: [{ role: 'user', content: '12345678' }],
    });
    assert.equal(count.input_tokens, 2);
  });

  it('the SDK retries by default, which the server counts (maxRetries 2 → 3 requests)', async () => {
    server.setFaults({ error: 'rate-limit', retryAfterSeconds: 0 });
    const retrying = new Anthropic({ apiKey: KEY, baseURL: server.url, maxRetries: 2 });
    await assert.rejects(ping(retrying), Anthropic.RateLimitError);
    assert.equal(server.stats().byStatus['429'], 3);
  });
});
