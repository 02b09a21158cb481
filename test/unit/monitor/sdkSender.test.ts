import * as assert from 'node:assert/strict';
import { createSdkSender, observationFromError } from '../../../src/core/monitor/sdkSender';
import type { Observation, ResponseObservation } from '../../../src/core/monitor/source';
import { DEFAULT_UPSTREAM } from '../../../src/core/proxy/upstream';
import { scrubSecrets } from '../../../src/core/secrets';
import { startMockAnthropic, type MockAnthropic } from '../../mock-anthropic/server';

const KEY = 'sk-ant-api03-unit-test-key-0123456789abcdef';
const MODEL = 'claude-haiku-4-5';

function asResponse(o: Observation): ResponseObservation {
  assert.equal(o.kind, 'response', JSON.stringify(o));
  return o as ResponseObservation;
}

function signal(): AbortSignal {
  return new AbortController().signal;
}

describe('monitor/sdkSender (real @anthropic-ai/sdk against the local server)', () => {
  let server: MockAnthropic;
  const seen: Observation[] = [];

  before(async () => {
    server = await startMockAnthropic({ apiKey: KEY, limits: { rpm: 50, itpm: 50_000, otpm: 10_000 } });
  });
  after(async () => {
    await server.close();
    // Whatever happened in this file, no observation may carry the key.
    for (const o of seen) assert.ok(!JSON.stringify(o).includes(KEY), JSON.stringify(o));
  });
  beforeEach(() => server.reset());

  const send = async (
    options: Partial<Parameters<typeof createSdkSender>[0]> = {},
    model = MODEL,
    abort = signal(),
  ): Promise<Observation> => {
    const o = await createSdkSender({ apiKey: KEY, baseURL: server.url, source: 'simulated', ...options })(
      model,
      abort,
    );
    seen.push(o);
    return o;
  };

  it('polls with max_tokens 1 and one character, and reports status, headers, usage and latency', async () => {
    const o = asResponse(await send());
    assert.equal(o.status, 200);
    assert.equal(o.source, 'simulated');
    assert.equal(o.model, MODEL);
    assert.ok((o.latencyMs ?? -1) >= 0);
    assert.deepEqual(o.usage, { inputTokens: 1, outputTokens: 1 });
    assert.equal(o.bodyError, undefined);
    assert.equal(o.headers.families.requests?.limit, 50);
    assert.equal(o.headers.families.requests?.remaining, 49);
    assert.equal(o.headers.families['input-tokens']?.remaining, 50_000);
    assert.equal(o.headers.families.tokens?.limit, 60_000);
    assert.match(o.headers.requestId ?? '', /^req_/);
    const stats = server.stats();
    assert.equal(stats.requests, 1);
    assert.deepEqual(stats.byModel[MODEL]?.byStatus, { '200': 1 });
    assert.equal(stats.outputTokens, 1);
  });

  it('maps a 429 to a response observation with retry-after, once (maxRetries 0)', async () => {
    server.setRemaining(MODEL, { requests: 0 });
    const o = asResponse(await send());
    assert.equal(o.status, 429);
    assert.equal(o.error?.type, 'rate_limit_error');
    assert.match(o.error?.message ?? '', /50 requests per minute/);
    assert.equal(o.headers.retryAfterSeconds, 2); // 1 request refills in 1.2 s, rounded up
    assert.equal(o.headers.families.requests?.remaining, 0);
    assert.equal(server.stats().requests, 1, 'the SDK must not retry');
  });

  it('maps 529, 500, 401, 403 and the spend cap, each sent once', async () => {
    const cases = [
      ['overloaded', 529, 'overloaded_error'],
      ['internal', 500, 'api_error'],
      ['unauthorized', 401, 'authentication_error'],
      ['forbidden', 403, 'permission_error'],
      ['spend-cap', 429, 'rate_limit_error'],
    ] as const;
    for (const [fault, status, type] of cases) {
      server.reset();
      server.setFaults({ error: fault });
      const o = asResponse(await send());
      assert.equal(o.status, status, fault);
      assert.equal(o.error?.type, type, fault);
      assert.equal(server.stats().requests, 1, `${fault}: sent once`);
      if (fault === 'spend-cap') {
        assert.equal(o.error?.errorCode, 'enforced_spend_limit_reached');
        assert.equal(o.headers.retryAfterSeconds, undefined);
      }
    }
  });

  it('maps a wrong key to 401', async () => {
    const o = asResponse(await send({ apiKey: 'sk-ant-api03-wrong-key-000000000000' }));
    assert.equal(o.status, 401);
    assert.equal(o.error?.type, 'authentication_error');
  });

  it('keeps the headers of a 200 whose body is garbage', async () => {
    server.setFaults({ garbageBody: true });
    const o = asResponse(await send());
    assert.equal(o.status, 200);
    assert.equal(o.bodyError, 'invalid-json');
    assert.equal(o.headers.families.requests?.remaining, 49);
  });

  it('reports an error status with a garbage body as such', async () => {
    server.setFaults({ error: 'overloaded', garbageBody: true });
    const o = asResponse(await send());
    assert.equal(o.status, 529);
    assert.equal(o.bodyError, 'invalid-json');
  });

  it('reports missing and malformed rate-limit headers without inventing values', async () => {
    server.setFaults({ missingRateLimitHeaders: true });
    assert.deepEqual(asResponse(await send()).headers.families, {});
    server.setFaults({ malformedRateLimitHeaders: true });
    const o = asResponse(await send());
    assert.deepEqual(o.headers.families, {});
    assert.equal(o.headers.malformed.length, 12);
  });

  it('maps a timeout to a network error with timeout: true', async () => {
    server.setFaults({ latencyMs: 2000 });
    const o = await send({ timeoutMs: 100 });
    assert.equal(o.kind, 'network-error');
    assert.equal(o.kind === 'network-error' && o.timeout, true);
  });

  it('keeps the headers when the body never ends, and gives up at the deadline', async () => {
    const stalled: typeof fetch = async () =>
      new Response(new ReadableStream({ start: () => undefined }), {
        status: 200,
        headers: { 'content-type': 'application/json', 'anthropic-ratelimit-requests-remaining': '7' },
      });
    const started = Date.now();
    const o = asResponse(
      await createSdkSender({ apiKey: KEY, baseURL: 'http://127.0.0.1:9', fetch: stalled, timeoutMs: 100 })(
        MODEL,
        signal(),
      ),
    );
    assert.ok(Date.now() - started < 5000);
    assert.equal(o.status, 200);
    assert.equal(o.bodyError, 'unreadable');
    assert.equal(o.headers.families.requests?.remaining, 7);
  });

  it('maps a dropped connection and a refused connection to network errors', async () => {
    server.setFaults({ dropConnection: 'before-response' });
    const dropped = await send();
    assert.equal(dropped.kind, 'network-error');
    assert.equal(dropped.kind === 'network-error' && dropped.timeout, false);

    const down = await startMockAnthropic();
    const url = down.url;
    await down.close();
    const refused = await send({ baseURL: url });
    assert.equal(refused.kind, 'network-error');
    assert.match(refused.kind === 'network-error' ? refused.message : '', /ECONNREFUSED/);
  });

  it('maps an abort to a network error', async () => {
    server.setFaults({ latencyMs: 2000 });
    const controller = new AbortController();
    const pending = send({}, MODEL, controller.signal);
    setTimeout(() => controller.abort(), 20);
    const o = await pending;
    assert.equal(o.kind, 'network-error');
    assert.equal(o.kind === 'network-error' ? o.message : '', 'aborted');
  });

  describe('the API key', () => {
    it('never appears in an observation, even when the server echoes it', async () => {
      const echo: typeof fetch = async () =>
        new Response(
          JSON.stringify({
            type: 'error',
            error: {
              type: 'authentication_error',
              message: `invalid x-api-key ${KEY} (also sk-ant-api03-OTHERKEY123)`,
            },
          }),
          { status: 401, headers: { 'content-type': 'application/json', 'request-id': 'req_011CEchoKey' } },
        );
      const o = await createSdkSender({ apiKey: KEY, baseURL: 'http://127.0.0.1:9', fetch: echo })(
        MODEL,
        signal(),
      );
      const text = JSON.stringify(o);
      assert.ok(!text.includes(KEY), text);
      assert.ok(!text.includes('OTHERKEY'), text);
      assert.match(asResponse(o).error?.message ?? '', /invalid x-api-key \[redacted\]/);
    });

    it('never appears in a connection error message, even when the transport puts it there', async () => {
      const leaky: typeof fetch = async () => {
        throw new Error(`connect failed for key ${KEY}`);
      };
      const o = await createSdkSender({ apiKey: KEY, baseURL: 'http://127.0.0.1:9', fetch: leaky })(
        MODEL,
        signal(),
      );
      assert.equal(o.kind, 'network-error');
      assert.ok(!JSON.stringify(o).includes(KEY), JSON.stringify(o));
    });

    it('is scrubbed by observationFromError from any error', () => {
      const o = observationFromError(new Error(`oops ${KEY}`), {
        model: MODEL,
        source: 'poll',
        at: 10,
        started: 0,
        secrets: [KEY],
      });
      assert.ok(!JSON.stringify(o).includes(KEY));
      assert.equal(scrubSecrets(`a ${KEY} b ${KEY}`, [KEY]), 'a [redacted] b [redacted]');
      assert.equal(scrubSecrets('key sk-ant-admin01-abcdef', []), 'key [redacted]');
    });
  });

  it('sends to api.anthropic.com by default, whatever ANTHROPIC_BASE_URL says', async () => {
    const saved = process.env.ANTHROPIC_BASE_URL;
    process.env.ANTHROPIC_BASE_URL = 'http://attacker.invalid';
    const urls: string[] = [];
    const bodies: unknown[] = [];
    const capture: typeof fetch = async (input, init) => {
      urls.push(String(input instanceof Request ? input.url : input));
      bodies.push(JSON.parse(String(init?.body)));
      return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
    };
    try {
      const o = await createSdkSender({ apiKey: KEY, fetch: capture })(MODEL, signal());
      assert.equal(o.kind, 'response');
    } finally {
      if (saved === undefined) delete process.env.ANTHROPIC_BASE_URL;
      else process.env.ANTHROPIC_BASE_URL = saved;
    }
    assert.equal(urls[0], `${DEFAULT_UPSTREAM}/v1/messages`);
    assert.deepEqual(bodies[0], { model: MODEL, max_tokens: 1, messages: [{ role: 'user', content: '.' }] });
  });
});
