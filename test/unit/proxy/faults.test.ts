import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import Anthropic, { APIError } from '@anthropic-ai/sdk';
import type { NetworkErrorObservation, Observation } from '../../../src/core/monitor/source';
import { startProxy, type ExchangeRecord, type ObservingProxy } from '../../../src/core/proxy';
import { startMockAnthropic, type MockAnthropic } from '../../mock-anthropic/server';
import {
  apiHeaders,
  KEY,
  messagesBody,
  rawRequest,
  recordingLogger,
  sha256,
  startEchoUpstream,
  waitFor,
} from './helpers';

const MODEL = 'claude-haiku-4-5';
const log = recordingLogger();
const observations: Observation[] = [];
const exchanges: ExchangeRecord[] = [];
const thrown: unknown[] = [];
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => void unhandled.push(reason);

function watch(proxy: ObservingProxy): ObservingProxy {
  proxy.onObservation((o) => observations.push(o));
  proxy.onExchange((e) => exchanges.push(e));
  return proxy;
}

/** Starts a raw request and resolves with the response head, leaving its body to the caller. */
function openStream(
  url: string,
  body: string,
): { req: http.ClientRequest; response: Promise<http.IncomingMessage> } {
  const target = new URL('/v1/messages', url);
  const req = http.request(target, { method: 'POST', agent: false, headers: apiHeaders() });
  const response = new Promise<http.IncomingMessage>((resolve, reject) => {
    req.on('response', resolve);
    req.on('error', reject);
  });
  req.end(body);
  return { req, response };
}

describe('proxy: faults', function () {
  this.timeout(20_000);
  let server: MockAnthropic;
  let proxy: ObservingProxy;

  before(async () => {
    process.on('unhandledRejection', onUnhandled);
    server = await startMockAnthropic({ apiKey: KEY, replyTokens: 200 });
    proxy = watch(await startProxy({ upstream: server.url, log }));
  });
  after(async () => {
    await proxy.close();
    await server.close();
    process.off('unhandledRejection', onUnhandled);
    assert.deepEqual(unhandled, []);
    const everything = JSON.stringify({
      log: log.lines,
      observations,
      exchanges,
      thrown: thrown.map((e) =>
        e instanceof Error ? `${e.message} ${e.stack} ${JSON.stringify(e)}` : String(e),
      ),
    });
    assert.ok(!everything.includes(KEY), 'the key appeared in a log line, observation, exchange or error');
  });
  beforeEach(() => {
    server.reset();
    observations.length = 0;
    exchanges.length = 0;
  });

  it('upstream down: 502 with an Anthropic-shaped error, and a network-error observation', async () => {
    // The proxy starts while the upstream still holds its port, then the upstream goes: closed
    // first, its freed port could come back as the proxy's own (which the proxy refuses).
    const gone = await startMockAnthropic();
    const down = watch(await startProxy({ upstream: gone.url, log }));
    await gone.close();
    try {
      const res = await rawRequest(down.url, { headers: apiHeaders(), body: messagesBody(MODEL) });
      assert.equal(res.status, 502);
      assert.equal(res.headers['content-type'], 'application/json');
      const body = JSON.parse(res.body.toString()) as {
        type: string;
        error: { type: string; message: string };
      };
      assert.equal(body.type, 'error');
      assert.equal(body.error.type, 'api_error');
      assert.match(
        body.error.message,
        /could not reach the upstream API at http:\/\/127\.0\.0\.1:\d+ \(connection error: ECONNREFUSED\)/,
      );
      const o = observations.at(-1) as NetworkErrorObservation;
      assert.equal(o.kind, 'network-error');
      assert.equal(o.source, 'observed');
      assert.equal(o.model, MODEL);
      assert.equal(o.timeout, false);
      assert.equal(o.message, 'connection error: ECONNREFUSED');
      assert.equal(down.stats().byModel[MODEL]?.networkErrors, 1);
      assert.equal(exchanges.at(-1)?.outcome, 'network-error');

      const client = new Anthropic({ apiKey: KEY, baseURL: down.url, maxRetries: 0 });
      const err = await client.messages
        .create({ model: MODEL, max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] })
        .catch((e: unknown) => e);
      thrown.push(err);
      assert.ok(err instanceof APIError);
      assert.equal(err.status, 502);
      assert.equal(down.stats().inFlight, 0);
    } finally {
      await down.close();
    }
  });

  it('upstream reset mid-stream: the client response is cut (not ended cleanly), nothing crashes', async () => {
    // A small delay between events, so the first ones leave the server before it drops the connection.
    server.setFaults({ dropConnection: 'mid-stream', times: 1, chunkDelayMs: 5 });
    const { response } = openStream(proxy.url, messagesBody(MODEL, { stream: true }));
    const res = await response;
    assert.equal(res.statusCode, 200);
    const outcome = await new Promise<string>((resolve) => {
      res.on('data', () => undefined);
      res.on('end', () => resolve('ended cleanly'));
      res.on('error', () => resolve('cut'));
      res.on('aborted', () => resolve('cut'));
    });
    assert.equal(outcome, 'cut');
    await waitFor(() => exchanges.length === 1, 2000, 'the exchange');
    assert.equal(exchanges[0]?.outcome, 'upstream-reset');
    assert.equal(
      exchanges[0]?.usage?.inputTokens,
      server.stats().log[0]?.inputTokens,
      'input from message_start',
    );
    assert.equal(proxy.stats().inFlight, 0);
    assert.ok((proxy.stats().byModel[MODEL]?.incomplete ?? 0) >= 1);

    // The SDK sees a failed stream; the proxy keeps serving.
    server.setFaults({ dropConnection: 'mid-stream', times: 1, chunkDelayMs: 5 });
    const client = new Anthropic({ apiKey: KEY, baseURL: proxy.url, maxRetries: 0 });
    const err = await client.messages
      .stream({ model: MODEL, max_tokens: 50, messages: [{ role: 'user', content: 'hi' }] })
      .finalMessage()
      .catch((e: unknown) => e);
    thrown.push(err);
    assert.ok(err instanceof Error);
    const ok = await client.messages.create({
      model: MODEL,
      max_tokens: 5,
      messages: [{ role: 'user', content: 'hi' }],
    });
    assert.equal(ok.usage.output_tokens, 5);
  });

  it('client abort mid-stream: the upstream request is aborted (the server sees the connection close)', async () => {
    server.setFaults({ chunkDelayMs: 30 });
    const { req, response } = openStream(proxy.url, messagesBody(MODEL, { stream: true, maxTokens: 200 }));
    const res = await response;
    res.on('error', () => undefined);
    await new Promise<void>((resolve) => res.once('data', () => resolve()));
    assert.equal(server.stats().inFlight, 1);
    req.destroy();
    await waitFor(() => server.stats().inFlight === 0, 2000, 'the server to see the connection close');
    await waitFor(() => server.stats().log.length === 1, 2000, 'the server to record the request');
    const record = server.stats().log.at(-1);
    assert.equal(record?.status, 0, 'the server recorded a dropped connection, not a finished stream');
    await waitFor(() => exchanges.length === 1, 2000, 'the exchange');
    assert.equal(exchanges[0]?.outcome, 'client-aborted');
    assert.equal(proxy.stats().inFlight, 0);
  });

  it('client abort before the response headers: the upstream request is aborted, no observation', async () => {
    server.setFaults({ latencyMs: 300 });
    const { req, response } = openStream(proxy.url, messagesBody(MODEL));
    response.catch((e: unknown) => thrown.push(e));
    await waitFor(() => server.stats().inFlight === 1, 2000, 'the request to reach the server');
    req.destroy();
    await waitFor(() => exchanges.length === 1, 2000, 'the exchange');
    assert.equal(exchanges[0]?.outcome, 'client-aborted');
    await waitFor(() => server.stats().inFlight === 0, 2000, 'the server to drop it');
    await waitFor(() => server.stats().log.length === 1, 2000, 'the server to record the request');
    assert.equal(server.stats().log.at(-1)?.status, 0);
    assert.equal(observations.length, 0);
  });

  it('oversized request: 413 request_too_large, never forwarded (declared, chunked, and exactly at the cap)', async () => {
    const small = watch(await startProxy({ upstream: server.url, maxRequestBytes: 1024, log }));
    try {
      const over = 'x'.repeat(1025);
      const declared = await rawRequest(small.url, { headers: apiHeaders(), body: over });
      assert.equal(declared.status, 413);
      assert.deepEqual(JSON.parse(declared.body.toString()), {
        type: 'error',
        error: { type: 'request_too_large', message: 'Request exceeds the maximum allowed number of bytes.' },
      });
      const chunked = await rawRequest(small.url, {
        headers: apiHeaders({ 'transfer-encoding': 'chunked' }),
        body: over,
        chunked: true,
      });
      assert.equal(chunked.status, 413);
      assert.equal(server.stats().requests, 0, 'nothing reached the upstream');
      assert.equal(small.stats().tooLarge, 2);

      const base = messagesBody(MODEL);
      const exact = base.replace('Hello there.', `Hello there.${' '.repeat(1024 - Buffer.byteLength(base))}`);
      assert.equal(Buffer.byteLength(exact), 1024);
      const ok = await rawRequest(small.url, { headers: apiHeaders(), body: exact });
      assert.equal(ok.status, 200);
      assert.equal(server.stats().requests, 1);
    } finally {
      await small.close();
    }
  });

  it('oversized request at the real cap: 32 MB + 1 gets 413 (declared and chunked)', async () => {
    const body = Buffer.alloc(32 * 1024 * 1024 + 1, 0x20);
    const declared = await rawRequest(proxy.url, { headers: apiHeaders(), body });
    assert.equal(declared.status, 413);
    const chunked = await rawRequest(proxy.url, {
      headers: apiHeaders({ 'transfer-encoding': 'chunked' }),
      body,
      chunked: true,
    });
    assert.equal(chunked.status, 413);
    // Nothing reached the upstream (a proxy that buffered and forwarded would show here);
    // one that hung would meet mocha's timeout, not a wall-clock bound.
    assert.equal(server.stats().requests, 0);
  });

  it('malformed JSON body: forwarded untouched, counted under model "unknown"', async () => {
    const malformed = '{"model": "claude-haiku-4-5", "max_tokens": 5, "messages": [oops';
    const res = await rawRequest(proxy.url, { headers: apiHeaders(), body: malformed });
    assert.equal(res.status, 400);
    assert.match(res.body.toString(), /not valid JSON/);
    const stats = proxy.stats().byModel.unknown;
    assert.equal(stats?.byStatus['400'], 1);
    assert.equal(stats?.statusClasses.other, 1);
    assert.equal(observations.at(-1)?.model, 'unknown');

    // Byte for byte: an upstream that hashes what it receives.
    const echo = await startEchoUpstream();
    const toEcho = await startProxy({ upstream: echo.url });
    try {
      await rawRequest(toEcho.url, { headers: apiHeaders(), body: malformed });
      assert.equal(echo.requests[0]?.bodySha256, sha256(malformed));
      assert.equal(toEcho.stats().byModel.unknown?.requests, 1);
    } finally {
      await toEcho.close();
      await echo.close();
    }
  });

  it('refuses an upstream that is the proxy itself (it would loop)', async () => {
    const probe = await startProxy({ upstream: server.url });
    const { port } = probe;
    await probe.close();
    await assert.rejects(startProxy({ port, upstream: `http://127.0.0.1:${port}` }), /is this proxy itself/);
    await assert.rejects(
      startProxy({ port, upstream: `http://localhost:${port}/v1` }),
      /is this proxy itself/,
    );
  });

  it('close() with streams in flight: clients are cut, the server sees the connections close, close resolves', async () => {
    server.setFaults({ chunkDelayMs: 30 });
    const doomed = await startProxy({ upstream: server.url });
    const streams = [0, 1, 2].map(() =>
      openStream(doomed.url, messagesBody(MODEL, { stream: true, maxTokens: 200 })),
    );
    const heads = await Promise.all(streams.map((s) => s.response));
    for (const h of heads) h.on('error', () => undefined).resume();
    await waitFor(() => server.stats().inFlight === 3, 2000, 'three streams');
    await doomed.close();
    await doomed.close(); // idempotent
    await waitFor(() => server.stats().inFlight === 0, 2000, 'the server to see them close');
    assert.equal(doomed.stats().inFlight, 0);
  });
});
