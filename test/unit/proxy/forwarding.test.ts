import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as http from 'node:http';
import * as zlib from 'node:zlib';
import type { Observation, ResponseObservation } from '../../../src/core/monitor/source';
import { modelOfBody, startProxy, type ExchangeRecord, type ObservingProxy } from '../../../src/core/proxy';
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

type Echo = Awaited<ReturnType<typeof startEchoUpstream>>;

const USAGE_JSON = JSON.stringify({
  type: 'message',
  content: [{ type: 'text', text: 'usage: {"input_tokens": 999}' }],
  usage: { input_tokens: 17, output_tokens: 5 },
});
const SSE = [
  'event: message_start',
  'data: {"type":"message_start","message":{"usage":{"input_tokens":21,"output_tokens":1}}}',
  '',
  'event: content_block_delta',
  'data: {"type":"content_block_delta","delta":{"text":"\\"usage\\": 5"}}',
  '',
  'event: message_delta',
  'data: {"type":"message_delta","usage":{"output_tokens":9}}',
  '',
  '',
].join('\n');

describe('proxy: forwarding (method, path, query, headers, bodies) and reading usage on the side', () => {
  let echo: Echo;
  let proxy: ObservingProxy;
  const log = recordingLogger();
  const observations: Observation[] = [];
  const exchanges: ExchangeRecord[] = [];

  before(async () => {
    echo = await startEchoUpstream();
    // A long hold: under load a gzip body can take longer to decode than a short hold waits.
    proxy = await startProxy({ upstream: `${echo.url}/base/`, log, observationHoldMs: 2_000 });
    proxy.onObservation((o) => observations.push(o));
    proxy.onExchange((e) => exchanges.push(e));
  });
  after(async () => {
    await proxy.close();
    await echo.close();
    assert.ok(!JSON.stringify({ log: log.lines, observations, exchanges }).includes(KEY));
  });
  beforeEach(() => {
    echo.requests.length = 0;
    echo.setHandler(undefined);
    observations.length = 0;
    exchanges.length = 0;
  });

  const lastObservation = (): ResponseObservation => observations.at(-1) as ResponseObservation;

  it('forwards method, base path + path + query, end-to-end headers in order, and the body byte for byte', async () => {
    const body = randomBytes(200_000);
    const res = await rawRequest(proxy.url, {
      method: 'PUT',
      path: '/v1/things/x%20y?beta=true&a=1&a=2',
      headers: {
        'X-Custom-Case': 'Kept',
        'x-api-key': KEY,
        connection: 'keep-alive, x-hop-listed',
        'keep-alive': 'timeout=5',
        'x-hop-listed': 'dropped',
        'proxy-authorization': 'Basic dropped',
        te: 'trailers',
        'anthropic-beta': 'one, two',
        'content-type': 'application/octet-stream',
      },
      body,
    });
    assert.equal(res.status, 200);
    const seen = echo.requests[0];
    assert.ok(seen);
    assert.equal(seen.method, 'PUT');
    assert.equal(seen.url, '/base/v1/things/x%20y?beta=true&a=1&a=2');
    assert.equal(seen.bodySha256, sha256(body));
    assert.equal(seen.bodyBytes, body.length);
    assert.equal(seen.headers.host, new URL(echo.url).host);
    assert.equal(seen.headers['content-length'], String(body.length));
    assert.equal(seen.headers['x-api-key'], KEY);
    assert.equal(seen.headers['anthropic-beta'], 'one, two');
    for (const dropped of ['keep-alive', 'x-hop-listed', 'proxy-authorization', 'te']) {
      assert.equal(seen.headers[dropped], undefined, dropped);
    }
    assert.ok(seen.rawHeaders.includes('X-Custom-Case'), 'header case is kept');
    const names = seen.rawHeaders.filter((_, i) => i % 2 === 0);
    assert.ok(names.indexOf('X-Custom-Case') < names.indexOf('anthropic-beta'), 'header order is kept');
    assert.equal(lastObservation().model, 'unknown');
  });

  it('a chunked upload is forwarded whole with a content-length; a GET goes without a body', async () => {
    const body = messagesBody('claude-sonnet-4-6');
    await rawRequest(proxy.url, {
      headers: apiHeaders({ 'transfer-encoding': 'chunked' }),
      body,
      chunked: true,
    });
    const post = echo.requests[0];
    assert.equal(post?.headers['content-length'], String(Buffer.byteLength(body)));
    assert.equal(post?.headers['transfer-encoding'], undefined);
    assert.equal(post?.bodySha256, sha256(body));
    assert.equal(lastObservation().model, 'claude-sonnet-4-6');

    await rawRequest(proxy.url, { method: 'GET', path: '/v1/models?limit=3' });
    const get = echo.requests[1];
    assert.equal(get?.method, 'GET');
    assert.equal(get?.headers['content-length'], undefined);
    assert.equal(get?.headers['transfer-encoding'], undefined);
    assert.equal(get?.bodyBytes, 0);
  });

  it('passes status, reason, repeated and cased response headers, drops hop-by-hop ones', async () => {
    echo.setHandler((_req, res) => {
      res.writeHead(418, 'I Am A Teapot', [
        'Set-Cookie',
        'a=1',
        'Set-Cookie',
        'b=2',
        'X-Upstream-Case',
        'Yes',
        'Content-Type',
        'application/json',
        'Trailer',
        'x-checksum',
      ]);
      res.end('{"type":"error","error":{"type":"teapot_error","message":"short and stout"}}');
    });
    const res = await rawRequest(proxy.url, { headers: apiHeaders(), body: messagesBody('m-1') });
    assert.equal(res.status, 418);
    assert.deepEqual(res.headers['set-cookie'], ['a=1', 'b=2']);
    assert.ok(res.rawHeaders.includes('X-Upstream-Case'));
    assert.equal(res.headers.trailer, undefined);
    const o = lastObservation();
    assert.equal(o.status, 418);
    assert.deepEqual(o.error, { type: 'teapot_error', message: 'short and stout' });
  });

  it('reads usage from a JSON body, a gzip JSON body and a gzip SSE body, passing the encoded bytes unchanged', async () => {
    const gzJson = zlib.gzipSync(USAGE_JSON);
    const gzSse = zlib.gzipSync(SSE);
    const cases: [
      string,
      Buffer,
      string,
      string | undefined,
      { inputTokens: number; outputTokens: number },
    ][] = [
      [
        'plain JSON',
        Buffer.from(USAGE_JSON),
        'application/json',
        undefined,
        { inputTokens: 17, outputTokens: 5 },
      ],
      ['gzip JSON', gzJson, 'application/json', 'gzip', { inputTokens: 17, outputTokens: 5 }],
      [
        'br JSON',
        zlib.brotliCompressSync(USAGE_JSON),
        'application/json',
        'br',
        { inputTokens: 17, outputTokens: 5 },
      ],
      ['gzip SSE', gzSse, 'text/event-stream', 'gzip', { inputTokens: 21, outputTokens: 9 }],
      [
        'plain SSE',
        Buffer.from(SSE),
        'text/event-stream; charset=utf-8',
        undefined,
        { inputTokens: 21, outputTokens: 9 },
      ],
    ];
    for (const [name, bytes, type, encoding, usage] of cases) {
      exchanges.length = 0;
      observations.length = 0;
      echo.setHandler((_req, res) => {
        res.writeHead(200, { 'content-type': type, ...(encoding && { 'content-encoding': encoding }) });
        // Split the body into small writes so the tap sees it in pieces.
        for (let i = 0; i < bytes.length; i += 7) res.write(bytes.subarray(i, i + 7));
        res.end();
      });
      const res = await rawRequest(proxy.url, {
        headers: apiHeaders({ 'accept-encoding': 'gzip, br' }),
        body: messagesBody('m-2'),
      });
      assert.equal(res.sha256, sha256(bytes), `${name}: bytes changed`);
      await waitFor(() => exchanges.length === 1, 2000, `${name} exchange`);
      assert.deepEqual(exchanges[0]?.usage, usage, name);
      if (type === 'application/json') {
        // The observation with usage follows the body, which may finish decoding after the exchange record.
        await waitFor(() => lastObservation()?.usage !== undefined, 2000, `${name} observation with usage`);
        assert.deepEqual(lastObservation().usage, usage, name);
      }
    }
  });

  it('gives up usage (never buffering) on a JSON body over the cap or in an unknown encoding, bytes unchanged', async () => {
    const small = await startProxy({ upstream: echo.url, maxJsonBodyBytes: 1000 });
    const seen: ExchangeRecord[] = [];
    small.onExchange((e) => seen.push(e));
    try {
      const big = JSON.stringify({ pad: 'x'.repeat(5000), usage: { input_tokens: 1, output_tokens: 2 } });
      echo.setHandler((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(big);
      });
      const a = await rawRequest(small.url, { headers: apiHeaders(), body: messagesBody('m-3') });
      assert.equal(a.sha256, sha256(big));
      echo.setHandler((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'zstd' });
        res.end('not really zstd');
      });
      const b = await rawRequest(small.url, { headers: apiHeaders(), body: messagesBody('m-3') });
      assert.equal(b.body.toString(), 'not really zstd');
      await waitFor(() => seen.length === 2, 2000, 'two exchanges');
      assert.equal(seen[0]?.usage, undefined);
      assert.equal(seen[1]?.usage, undefined);
      assert.equal(small.stats().total.inputTokens, 0);
    } finally {
      await small.close();
    }
  });

  it('does not hold a JSON observation longer than observationHoldMs', async () => {
    // The upstream sends the body only once the observation is out: a proxy that held the
    // observation until the body ended would never answer (this test would time out).
    let observed!: () => void;
    const observation = new Promise<void>((resolve) => (observed = resolve));
    const sub = proxy.onObservation(() => observed());
    echo.setHandler((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.flushHeaders();
      void observation.then(() => res.end(USAGE_JSON));
    });
    const res = await rawRequest(proxy.url, { headers: apiHeaders(), body: messagesBody('m-4') });
    sub.dispose();
    assert.equal(res.sha256, sha256(USAGE_JSON));
    assert.equal(lastObservation().usage, undefined);
    await waitFor(() => exchanges.length === 1);
    assert.deepEqual(exchanges[0]?.usage, { inputTokens: 17, outputTokens: 5 });
  });

  it('answers 400 to absolute-form requests (it is a base URL, not an HTTP proxy)', async () => {
    const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const { port } = new URL(proxy.url);
      http
        .request(
          { host: '127.0.0.1', port, path: 'http://example.com/v1/messages', method: 'GET', agent: false },
          resolve,
        )
        .on('error', reject)
        .end();
    });
    res.resume();
    assert.equal(res.statusCode, 400);
    assert.equal(echo.requests.length, 0);
    assert.equal(proxy.stats().rejected, 1);
  });

  it('a listener that throws is logged (scrubbed) and changes nothing', async () => {
    const sub = proxy.onObservation(() => {
      throw new Error(`listener saw ${KEY}`);
    });
    const res = await rawRequest(proxy.url, { headers: apiHeaders(), body: messagesBody('m-5') });
    sub.dispose();
    assert.equal(res.status, 200);
    assert.ok(log.lines.some((l) => l.startsWith('error') && l.includes('listener saw [redacted]')));
  });

  it('modelOfBody: the JSON model, else unknown', () => {
    assert.equal(modelOfBody(Buffer.from('{"model":"claude-opus-4-6","max_tokens":1}')), 'claude-opus-4-6');
    assert.equal(modelOfBody(Buffer.from('{"model":"claude-x", oops')), 'unknown');
    assert.equal(modelOfBody(Buffer.from('[1,2]')), 'unknown');
    assert.equal(modelOfBody(Buffer.from('{"model":"a\\nb"}')), 'unknown');
    assert.equal(modelOfBody(Buffer.from('{"model":42}')), 'unknown');
    assert.equal(modelOfBody(Buffer.alloc(0)), 'unknown');
  });
});
