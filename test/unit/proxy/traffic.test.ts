import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { Observation } from '../../../src/core/monitor/source';
import { startProxy, statusClass, type ObservingProxy } from '../../../src/core/proxy';
import { startMockAnthropic, type MockAnthropic } from '../../mock-anthropic/server';
import {
  apiHeaders,
  KEY,
  messagesBody,
  pool,
  rawRequest,
  recordingLogger,
  type RawResponse,
} from './helpers';

const MODELS = ['claude-haiku-4-5', 'claude-sonnet-4-6', 'claude-opus-4-6'];
const PER_PHASE = 550;
const CONCURRENCY = 16;

describe('proxy: 1,100 mixed requests (JSON and SSE, 429s and 529s) pass through byte for byte', function () {
  this.timeout(30_000);
  let server: MockAnthropic;
  let proxy: ObservingProxy;
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const log = recordingLogger();
  const observations: Observation[] = [];
  const received: RawResponse[] = [];

  before(async () => {
    server = await startMockAnthropic({
      apiKey: KEY,
      replyTokens: 60,
      limits: { rpm: 1_000_000, itpm: 1_000_000_000, otpm: 1_000_000_000 },
    });
    proxy = await startProxy({ upstream: server.url, log });
    proxy.onObservation((o) => observations.push(o));
  });
  after(async () => {
    agent.destroy();
    await proxy.close();
    await server.close();
  });

  const send = (i: number): Promise<RawResponse> => {
    const model = MODELS[i % MODELS.length] as string;
    const stream = i % 2 === 1;
    // A third of the requests present the key the way SDK 1.x does (Authorization: Bearer).
    const headers = apiHeaders();
    if (i % 3 === 0) {
      delete headers['x-api-key'];
      headers.authorization = `Bearer ${KEY}`;
    }
    return rawRequest(proxy.url, {
      agent,
      headers,
      body: messagesBody(model, {
        stream,
        maxTokens: 1 + (i % 97),
        text: `request ${i} `.repeat(1 + (i % 13)),
      }),
    });
  };

  it('every body hashes to what the server sent, and the counts match the server', async () => {
    // Phase 1: a forced 429 every 7th request; phase 2: a 529 every 11th.
    server.setFaults({ error: 'rate-limit', every: 7, retryAfterSeconds: 3 });
    received.push(...(await pool(PER_PHASE, CONCURRENCY, send)));
    server.setFaults({ error: 'overloaded', every: 11 });
    received.push(...(await pool(PER_PHASE, CONCURRENCY, (i) => send(i + PER_PHASE))));

    const mock = server.stats();
    assert.equal(mock.requests, 2 * PER_PHASE);
    assert.ok((mock.byStatus['429'] ?? 0) >= 70, JSON.stringify(mock.byStatus));
    assert.ok((mock.byStatus['529'] ?? 0) >= 45, JSON.stringify(mock.byStatus));
    assert.equal((mock.byStatus['200'] ?? 0) + mock.byStatus['429']! + mock.byStatus['529']!, mock.requests);

    // Bytes: each response matched to the server's record by its request id.
    const sent = new Map(mock.log.map((r) => [r.requestId, r]));
    let sse = 0;
    for (const r of received) {
      const record = sent.get(r.headers['request-id'] as string);
      assert.ok(record, `no server record for ${String(r.headers['request-id'])}`);
      assert.equal(r.status, record.status);
      assert.equal(r.body.length, record.bodyBytes);
      assert.equal(r.sha256, record.bodySha256);
      if (String(r.headers['content-type']).startsWith('text/event-stream')) sse++;
    }
    assert.ok(sse > 400, `only ${sse} SSE responses`);

    // Counts: per model and status class, and tokens, as the server counted them.
    const stats = proxy.stats();
    assert.equal(stats.total.requests, mock.requests);
    assert.equal(stats.inFlight, 0);
    assert.equal(stats.total.networkErrors, 0);
    assert.equal(stats.total.incomplete, 0);
    for (const model of MODELS) {
      const ours = stats.byModel[model];
      const theirs = mock.byModel[model];
      assert.ok(ours && theirs, model);
      assert.equal(ours.requests, theirs.requests, model);
      assert.deepEqual(ours.byStatus, theirs.byStatus, model);
      const classes = { '2xx': 0, '429': 0, '529': 0, other: 0 };
      for (const [status, n] of Object.entries(theirs.byStatus)) classes[statusClass(Number(status))] += n;
      assert.deepEqual(ours.statusClasses, classes, model);
      assert.equal(ours.inputTokens, theirs.inputTokens, `${model} input tokens`);
      assert.equal(ours.outputTokens, theirs.outputTokens, `${model} output tokens`);
      assert.equal(ours.latency.count, theirs.requests);
      assert.ok((ours.latency.p50 ?? -1) >= 0 && (ours.latency.p95 ?? -1) >= (ours.latency.p50 ?? 0));
    }
    assert.equal(stats.total.inputTokens, mock.inputTokens);
    assert.equal(stats.total.outputTokens, mock.outputTokens);

    // One observation per response, none with the key; the log holds no key either.
    assert.equal(observations.length, mock.requests);
    assert.ok(!JSON.stringify(observations).includes(KEY));
    assert.ok(!log.lines.join('\n').includes(KEY));
    assert.ok(log.lines.length >= mock.requests, 'one debug line per response');
  });
});
