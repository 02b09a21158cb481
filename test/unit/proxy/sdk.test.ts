import * as assert from 'node:assert/strict';
import Anthropic, { APIError, OverloadedError, RateLimitError } from '@anthropic-ai/sdk';
import type { Observation, ResponseObservation } from '../../../src/core/monitor/source';
import { startProxy, type ExchangeRecord, type ObservingProxy } from '../../../src/core/proxy';
import { startMockAnthropic, type MockAnthropic } from '../../mock-anthropic/server';
import { KEY, recordingLogger, waitFor } from './helpers';

const MODEL = 'claude-haiku-4-5';
const params = (maxTokens = 30): Anthropic.MessageCreateParamsNonStreaming => ({
  model: MODEL,
  max_tokens: maxTokens,
  messages: [{ role: 'user', content: 'Tell me something.' }],
});

/** Headers the two paths legitimately differ in (per-response values). */
const VOLATILE = new Set(['date', 'request-id', 'x-request-id']);

function comparableHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (!VOLATILE.has(name) && !name.endsWith('-reset')) out[name] = value;
  });
  return out;
}

function withoutIds<T extends { id?: string; _request_id?: string | null }>(
  message: T,
): Omit<T, 'id' | '_request_id'> {
  const { id: _id, _request_id: _rid, ...rest } = message;
  return rest;
}

describe('proxy: the real @anthropic-ai/sdk behaves through the proxy exactly as direct', () => {
  let server: MockAnthropic;
  let proxy: ObservingProxy;
  let direct: Anthropic;
  let viaProxy: Anthropic;
  const log = recordingLogger();
  const observations: Observation[] = [];
  const exchanges: ExchangeRecord[] = [];

  before(async () => {
    server = await startMockAnthropic({ apiKey: KEY, replyTokens: 40 });
    proxy = await startProxy({ upstream: server.url, log });
    proxy.onObservation((o) => observations.push(o));
    proxy.onExchange((e) => exchanges.push(e));
    direct = new Anthropic({ apiKey: KEY, baseURL: server.url, maxRetries: 0 });
    viaProxy = new Anthropic({ apiKey: KEY, baseURL: proxy.url, maxRetries: 0 });
  });
  after(async () => {
    await proxy.close();
    await server.close();
    const everything = JSON.stringify({ lines: log.lines, observations, exchanges, stats: proxy.stats() });
    assert.ok(!everything.includes(KEY), 'the key leaked into a log line, observation or stats');
  });
  beforeEach(() => {
    server.reset();
    observations.length = 0;
    exchanges.length = 0;
  });

  it('messages.create: same message, usage and headers', async () => {
    const a = await direct.messages.create(params()).withResponse();
    server.reset();
    const b = await viaProxy.messages.create(params()).withResponse();
    assert.deepEqual(withoutIds(b.data), withoutIds(a.data));
    assert.match(b.data.id, /^msg_/);
    assert.match(b.request_id ?? '', /^req_/);
    assert.deepEqual(comparableHeaders(b.response.headers), comparableHeaders(a.response.headers));
    assert.equal(b.response.status, 200);

    const [o] = observations;
    assert.equal(observations.length, 1);
    assert.equal(o?.kind, 'response');
    const r = o as ResponseObservation;
    assert.equal(r.source, 'observed');
    assert.equal(r.model, MODEL);
    assert.equal(r.status, 200);
    assert.deepEqual(r.usage, {
      inputTokens: a.data.usage.input_tokens,
      outputTokens: a.data.usage.output_tokens,
      cacheCreationInputTokens: a.data.usage.cache_creation_input_tokens,
      cacheReadInputTokens: a.data.usage.cache_read_input_tokens,
    });
    assert.equal(r.headers.families.requests?.remaining, 49);
    assert.equal(r.headers.requestId, b.request_id);
    assert.ok((r.latencyMs ?? -1) >= 0);
  });

  it('messages.stream + finalMessage(): same events, text and final message', async () => {
    const run = async (
      client: Anthropic,
    ): Promise<{ events: string[]; text: string; final: Anthropic.Message }> => {
      const events: string[] = [];
      let text = '';
      const stream = client.messages.stream(params());
      stream.on('streamEvent', (e) => events.push(e.type));
      stream.on('text', (t) => (text += t));
      const final = await stream.finalMessage();
      return { events, text, final };
    };
    const a = await run(direct);
    server.reset();
    const before = proxy.stats().byModel[MODEL]?.outputTokens ?? 0;
    const b = await run(viaProxy);
    assert.deepEqual(b.events, a.events);
    assert.ok(b.events.includes('message_delta') && b.events.includes('content_block_delta'));
    assert.equal(b.text, a.text);
    assert.deepEqual(withoutIds(b.final), withoutIds(a.final));

    await waitFor(() => exchanges.length === 1, 2000, 'the exchange record');
    const e = exchanges[0] as ExchangeRecord;
    assert.equal(e.stream, true);
    assert.equal(e.outcome, 'complete');
    assert.deepEqual(e.usage, {
      inputTokens: a.final.usage.input_tokens,
      outputTokens: a.final.usage.output_tokens,
      cacheCreationInputTokens: a.final.usage.cache_creation_input_tokens,
      cacheReadInputTokens: a.final.usage.cache_read_input_tokens,
    });
    const o = observations[0] as ResponseObservation;
    assert.equal(o.status, 200);
    assert.equal(o.usage, undefined, 'an SSE response is observed at header time, before its usage');
    assert.equal((proxy.stats().byModel[MODEL]?.outputTokens ?? 0) - before, a.final.usage.output_tokens);
  });

  it('errors: a 429 and a 529 reach the SDK with the same status, body and headers', async () => {
    const fail = async (client: Anthropic, error: 'rate-limit' | 'overloaded'): Promise<APIError> => {
      server.setFaults({ error, times: 1, retryAfterSeconds: 7 });
      const err = await client.messages.create(params()).then(
        () => assert.fail('expected an error'),
        (e: unknown) => e,
      );
      assert.ok(err instanceof APIError);
      return err;
    };
    for (const [error, status, Type] of [
      ['rate-limit', 429, RateLimitError],
      ['overloaded', 529, OverloadedError],
    ] as const) {
      const a = await fail(direct, error);
      server.reset();
      observations.length = 0;
      const b = await fail(viaProxy, error);
      assert.ok(b instanceof Type);
      assert.equal(b.status, status);
      assert.equal(a.status, status);
      const body = (e: APIError): unknown => ({ ...(e.error as object), request_id: undefined });
      assert.deepEqual(body(b), body(a));
      assert.deepEqual(comparableHeaders(b.headers as Headers), comparableHeaders(a.headers as Headers));
      const o = observations[0] as ResponseObservation;
      assert.equal(o.status, status);
      assert.equal(o.error?.type, status === 429 ? 'rate_limit_error' : 'overloaded_error');
      if (status === 429) assert.equal(o.headers.retryAfterSeconds, 7);
    }
  });

  it('the spend-cap 429 carries its error code in the observation', async () => {
    server.setFaults({ error: 'spend-cap', times: 1 });
    await assert.rejects(viaProxy.messages.create(params()), RateLimitError);
    const o = observations[0] as ResponseObservation;
    assert.equal(o.error?.errorCode, 'enforced_spend_limit_reached');
  });

  it('GET with a query (models.list pages) and count_tokens pass through', async () => {
    const direct1 = await direct.models.list({ limit: 2 });
    const proxied = await viaProxy.models.list({ limit: 2 });
    assert.deepEqual(proxied.data, direct1.data);
    const next = await proxied.getNextPage();
    assert.deepEqual(next.data, (await direct1.getNextPage()).data);
    const count = await viaProxy.messages.countTokens({ model: MODEL, messages: params().messages });
    assert.ok(count.input_tokens > 0);
    const models = observations.filter((o) => o.model === 'unknown');
    assert.ok(models.length >= 2, 'requests without a JSON body are counted as model "unknown"');
    assert.equal(observations.at(-1)?.model, MODEL);
  });

  it('SSE events arrive as they are sent, and the observation comes at header time', async () => {
    server.setFaults({ chunkDelayMs: 40 });
    // The server counts a request once it has sent all of it: what arrived before that was
    // passed on as it came, not buffered to the end.
    const before = server.stats().requests;
    const ended = (): boolean => server.stats().requests > before;
    const stream = viaProxy.messages.stream(params(40));
    let firstEventAfterEnd: boolean | undefined;
    let observedAfterEnd: boolean | undefined;
    const sub = proxy.onObservation(() => (observedAfterEnd ??= ended()));
    stream.on('streamEvent', () => (firstEventAfterEnd ??= ended()));
    await stream.finalMessage();
    sub.dispose();
    assert.ok(ended(), 'the stream ended');
    assert.equal(
      firstEventAfterEnd,
      false,
      'the first event arrived only after the server had sent the last',
    );
    assert.equal(observedAfterEnd, false, 'the observation waited for the end of the stream');
  });

  it('pausing observations (stop) keeps forwarding; start resumes', async () => {
    proxy.stop();
    await viaProxy.messages.create(params(1));
    assert.equal(observations.length, 0);
    proxy.start();
    await viaProxy.messages.create(params(1));
    assert.equal(observations.length, 1);
    assert.equal(proxy.kind, 'observed');
  });
});
