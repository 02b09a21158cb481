import * as assert from 'node:assert/strict';
import { parseRateLimitHeaders } from '../../../src/core/monitor/headers';
import { waitFor } from '../proxy/helpers';
import {
  startMockAnthropic,
  type MockAnthropic,
  type MockAnthropicOptions,
} from '../../mock-anthropic/server';

const KEY = 'sk-ant-api03-mock-server-test-key';
const MODEL = 'claude-haiku-4-5-20251001';
const START = Date.parse('2026-05-01T10:00:00.250Z');

interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

/** Raw HTTP helper: what the server sends, without any SDK in between. */
async function call(
  server: MockAnthropic,
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string>; raw?: string } = {},
): Promise<Answer> {
  const response = await fetch(server.url + path, {
    method: init.method ?? (init.body !== undefined || init.raw !== undefined ? 'POST' : 'GET'),
    headers: {
      'x-api-key': KEY,
      'anthropic-version': '2023-06-01',
      'content-type': 'application/json',
      ...init.headers,
    },
    ...(init.raw !== undefined
      ? { body: init.raw }
      : init.body !== undefined && { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, body, text };
}

const message = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  model: MODEL,
  max_tokens: 100,
  messages: [{ role: 'user', content: 'Hello, mock!' }],
  ...extra,
});

function errorOf(answer: Answer): { type: string; message: string; details?: { error_code?: string } } {
  const body = answer.body as { type: string; error: { type: string; message: string } };
  assert.equal(body.type, 'error', answer.text);
  return body.error;
}

describe('mock-anthropic server', () => {
  let server: MockAnthropic;
  let now = START;

  async function restart(options: MockAnthropicOptions = {}): Promise<void> {
    await server?.close();
    now = START;
    server = await startMockAnthropic({ apiKey: KEY, now: () => now, ...options });
  }

  before(async () => {
    server = await startMockAnthropic({ apiKey: KEY, now: () => now });
  });
  after(async () => {
    await server.close();
  });
  beforeEach(() => {
    now = START;
    server.reset();
  });

  describe('listening', () => {
    it('binds 127.0.0.1 on a random port', () => {
      assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.ok(server.port > 0);
      assert.equal(server.url, `http://127.0.0.1:${server.port}`);
    });

    it('closes with keep-alive connections and requests in flight', async () => {
      // An answer an hour away: a close() that waited for it would time this test out.
      const extra = await startMockAnthropic({ faults: { latencyMs: 3_600_000 } });
      const pending = fetch(`${extra.url}/v1/models`, {
        headers: { 'x-api-key': 'k', 'anthropic-version': '2023-06-01' },
      }).catch((err: unknown) => err);
      await waitFor(() => extra.stats().inFlight === 1, 10_000, 'the request to reach the server');
      await extra.close();
      assert.ok((await pending) instanceof Error);
      await extra.close(); // idempotent
    });
  });

  describe('POST /v1/messages', () => {
    it('answers like the API, with every documented header', async () => {
      const answer = await call(server, '/v1/messages', { body: message() });
      assert.equal(answer.status, 200);
      const body = answer.body as Record<string, unknown>;
      assert.equal(body.type, 'message');
      assert.equal(body.role, 'assistant');
      assert.equal(body.model, MODEL);
      assert.match(String(body.id), /^msg_/);
      assert.deepEqual(body.content, [
        { type: 'text', text: 'This is a deterministic reply from the Headroom ' },
      ]);
      assert.equal(body.stop_reason, 'end_turn');
      assert.deepEqual(body.usage, {
        input_tokens: 3, // "Hello, mock!" = 12 characters
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
        output_tokens: 12,
        service_tier: 'standard',
      });
      const h = answer.headers;
      assert.match(h.get('request-id') ?? '', /^req_[A-Za-z0-9]+$/);
      assert.equal(h.get('anthropic-organization-id'), '5a1b7c3e-0d2f-4e6a-9b8c-7d6e5f4a3b2c');
      assert.equal(h.get('anthropic-ratelimit-requests-limit'), '50');
      assert.equal(h.get('anthropic-ratelimit-requests-remaining'), '49');
      assert.equal(h.get('anthropic-ratelimit-input-tokens-limit'), '50000');
      assert.equal(h.get('anthropic-ratelimit-input-tokens-remaining'), '50000'); // 49,997 rounds to thousands
      assert.equal(h.get('anthropic-ratelimit-output-tokens-remaining'), '10000');
      assert.equal(h.get('anthropic-ratelimit-tokens-limit'), '60000');
      assert.equal(h.get('anthropic-ratelimit-tokens-remaining'), '60000');
      // One request refills in 1.2 s: full at 10:00:01.45, rounded up to the whole second.
      assert.equal(h.get('anthropic-ratelimit-requests-reset'), '2026-05-01T10:00:02Z');
      for (const family of ['requests', 'input-tokens', 'output-tokens', 'tokens']) {
        assert.match(
          h.get(`anthropic-ratelimit-${family}-reset`) ?? '',
          /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/,
        );
      }
      assert.equal(h.get('retry-after'), null);
      assert.equal(h.get('x-headroom-simulated'), '1');
      const snapshot = parseRateLimitHeaders(h);
      assert.deepEqual(snapshot.malformed, []);
      assert.equal(Object.keys(snapshot.families).length, 4);
    });

    it('rounds token remaining to the nearest thousand and reports time until full', async () => {
      server.setRemaining(MODEL, { inputTokens: 12_345, outputTokens: 7_600 });
      const answer = await call(server, '/v1/messages', { body: message() });
      const h = answer.headers;
      assert.equal(h.get('anthropic-ratelimit-input-tokens-remaining'), '12000'); // 12,342 after this request
      assert.equal(h.get('anthropic-ratelimit-output-tokens-remaining'), '8000'); // 7,588
      assert.equal(h.get('anthropic-ratelimit-tokens-remaining'), '20000'); // 19,930
      // Input: 37,658 missing at 50,000/min = 45.19 s → 10:00:45.44 → rounded up.
      assert.equal(h.get('anthropic-ratelimit-input-tokens-reset'), '2026-05-01T10:00:46Z');
      assert.equal(
        h.get('anthropic-ratelimit-tokens-reset'),
        h.get('anthropic-ratelimit-input-tokens-reset'),
      );
    });

    it('streams the real SSE event sequence with usage', async () => {
      const answer = await call(server, '/v1/messages', { body: message({ stream: true, max_tokens: 8 }) });
      assert.equal(answer.status, 200);
      assert.match(answer.headers.get('content-type') ?? '', /^text\/event-stream/);
      assert.equal(answer.headers.get('anthropic-ratelimit-requests-remaining'), '49');
      const events = answer.text
        .trim()
        .split('\n\n')
        .map((block) => {
          const [eventLine, dataLine] = block.split('\n');
          const data = JSON.parse((dataLine ?? '').replace(/^data: /, '')) as { type: string };
          assert.equal(eventLine, `event: ${data.type}`);
          return data;
        });
      assert.deepEqual(
        events.map((e) => e.type),
        [
          'message_start',
          'content_block_start',
          'ping',
          'content_block_delta',
          'content_block_delta',
          'content_block_stop',
          'message_delta',
          'message_stop',
        ],
      );
      const text = events
        .filter((e) => e.type === 'content_block_delta')
        .map((e) => (e as unknown as { delta: { text: string } }).delta.text)
        .join('');
      assert.equal(text, 'This is a deterministic reply fr'); // 8 tokens × 4 characters
      assert.deepEqual((events[6] as unknown as { usage: unknown }).usage, { output_tokens: 8 });
      const start = events[0] as unknown as { message: { usage: { input_tokens: number } } };
      assert.equal(start.message.usage.input_tokens, 3);
    });

    it('validates the body like the API', async () => {
      const cases: [unknown, string][] = [
        [message({ max_tokens: undefined }), 'max_tokens: Field required'],
        [message({ max_tokens: 1.5 }), 'max_tokens: Input should be a valid integer'],
        [message({ model: undefined }), 'model: Field required'],
        [message({ messages: undefined }), 'messages: Field required'],
        [message({ messages: [] }), 'messages: at least one message is required'],
      ];
      for (const [body, expected] of cases) {
        const answer = await call(server, '/v1/messages', { body });
        assert.equal(answer.status, 400, expected);
        assert.deepEqual(errorOf(answer), { type: 'invalid_request_error', message: expected });
        assert.equal(answer.headers.get('x-should-retry'), 'false');
        assert.equal(answer.headers.get('anthropic-ratelimit-requests-limit'), null);
      }
      const garbage = await call(server, '/v1/messages', { raw: '{not json' });
      assert.equal(garbage.status, 400);
      assert.equal(errorOf(garbage).type, 'invalid_request_error');
      assert.equal(server.stats().byStatus['400'], 6);
    });

    it('caps max_tokens: output = min(max_tokens, reply length), stop_reason max_tokens', async () => {
      const answer = await call(server, '/v1/messages', { body: message({ max_tokens: 1 }) });
      const body = answer.body as {
        content: { text: string }[];
        stop_reason: string;
        usage: { output_tokens: number };
      };
      assert.equal(body.usage.output_tokens, 1);
      assert.equal(body.content[0]?.text, 'This');
      assert.equal(body.stop_reason, 'max_tokens');
    });

    it('rejects unknown models only when asked to', async () => {
      assert.equal(
        (await call(server, '/v1/messages', { body: message({ model: 'claude-nope' }) })).status,
        200,
      );
      await restart({ rejectUnknownModels: true });
      const answer = await call(server, '/v1/messages', { body: message({ model: 'claude-nope' }) });
      assert.equal(answer.status, 404);
      assert.deepEqual(errorOf(answer), { type: 'not_found_error', message: 'model: claude-nope' });
      await restart();
    });

    it('answers 413 request_too_large beyond 32 MB', async () => {
      const big = 'x'.repeat(32 * 1024 * 1024 + 10);
      const answer = await call(server, '/v1/messages', { raw: big });
      assert.equal(answer.status, 413);
      assert.equal(errorOf(answer).type, 'request_too_large');
    });
  });

  describe('token buckets (fake clock)', () => {
    it('RPM: 429 rate_limit_error naming the limit, integer retry-after, continuous refill', async () => {
      await restart({ limits: { rpm: 3 } });
      for (let i = 0; i < 3; i++) {
        assert.equal((await call(server, '/v1/messages', { body: message() })).status, 200);
      }
      const limited = await call(server, '/v1/messages', { body: message() });
      assert.equal(limited.status, 429);
      assert.equal(errorOf(limited).type, 'rate_limit_error');
      assert.match(
        errorOf(limited).message,
        /rate limit of 3 requests per minute \(model: claude-haiku-4-5-20251001\)/,
      );
      assert.equal(limited.headers.get('retry-after'), '20'); // one request per 20 s
      assert.equal(limited.headers.get('x-should-retry'), 'true');
      assert.equal(limited.headers.get('anthropic-ratelimit-requests-remaining'), '0');
      assert.equal(limited.headers.get('anthropic-ratelimit-requests-reset'), '2026-05-01T10:01:01Z');
      now += 19_000;
      assert.equal((await call(server, '/v1/messages', { body: message() })).status, 429);
      now += 1_000;
      const ok = await call(server, '/v1/messages', { body: message() });
      assert.equal(ok.status, 200);
      assert.equal(ok.headers.get('anthropic-ratelimit-requests-remaining'), '0');
      now += 60_000;
      const full = await call(server, '/v1/messages', { body: message() });
      assert.equal(full.headers.get('anthropic-ratelimit-requests-remaining'), '2');
      await restart();
    });

    it('ITPM: a prompt larger than what is left is refused, naming input tokens', async () => {
      await restart({ limits: { itpm: 1000 } });
      const prompt = 'x'.repeat(3000); // 750 tokens
      assert.equal(
        (
          await call(server, '/v1/messages', {
            body: message({ messages: [{ role: 'user', content: prompt }] }),
          })
        ).status,
        200,
      );
      const limited = await call(server, '/v1/messages', {
        body: message({ messages: [{ role: 'user', content: prompt }] }),
      });
      assert.equal(limited.status, 429);
      assert.match(errorOf(limited).message, /1,000 input tokens per minute/);
      assert.equal(limited.headers.get('retry-after'), '30'); // 500 missing at 1000/min
      await restart();
    });

    it('OTPM: output is charged after generation; an empty bucket refuses the next request', async () => {
      await restart({ limits: { otpm: 20 }, replyTokens: 12 });
      assert.equal((await call(server, '/v1/messages', { body: message() })).status, 200);
      assert.equal((await call(server, '/v1/messages', { body: message() })).status, 200); // 8 left, goes below 0
      const limited = await call(server, '/v1/messages', { body: message() });
      assert.equal(limited.status, 429);
      assert.match(errorOf(limited).message, /20 output tokens per minute/);
      assert.equal(limited.headers.get('anthropic-ratelimit-output-tokens-remaining'), '0');
      await restart();
    });

    it('keeps separate buckets per model', async () => {
      await restart({ limits: { rpm: 1 }, modelLimits: { 'claude-opus-4-6': { rpm: 2 } } });
      assert.equal((await call(server, '/v1/messages', { body: message() })).status, 200);
      assert.equal((await call(server, '/v1/messages', { body: message() })).status, 429);
      const opus = await call(server, '/v1/messages', { body: message({ model: 'claude-opus-4-6' }) });
      assert.equal(opus.status, 200);
      assert.equal(opus.headers.get('anthropic-ratelimit-requests-limit'), '2');
      server.setLimits(MODEL, { rpm: 10 });
      assert.equal(
        (await call(server, '/v1/messages', { body: message() })).headers.get(
          'anthropic-ratelimit-requests-remaining',
        ),
        '9',
      );
      await restart();
    });
  });

  describe('auth and version', () => {
    it('requires the configured key, by x-api-key or Authorization: Bearer', async () => {
      const missing = await call(server, '/v1/messages', { body: message(), headers: { 'x-api-key': '' } });
      assert.equal(missing.status, 401);
      assert.deepEqual(errorOf(missing), { type: 'authentication_error', message: 'invalid x-api-key' });
      assert.equal(missing.headers.get('anthropic-organization-id'), null);
      const wrong = await call(server, '/v1/messages', {
        body: message(),
        headers: { 'x-api-key': 'sk-ant-wrong' },
      });
      assert.equal(wrong.status, 401);
      const bearer = await call(server, '/v1/messages', {
        body: message(),
        headers: { 'x-api-key': '', authorization: `Bearer ${KEY}` },
      });
      assert.equal(bearer.status, 200);
    });

    it('accepts any key when none is configured, but still requires one', async () => {
      const open = await startMockAnthropic();
      try {
        const ok = await fetch(`${open.url}/v1/models`, {
          headers: { 'x-api-key': 'anything', 'anthropic-version': '2023-06-01' },
        });
        assert.equal(ok.status, 200);
        const none = await fetch(`${open.url}/v1/models`, { headers: { 'anthropic-version': '2023-06-01' } });
        assert.equal(none.status, 401);
      } finally {
        await open.close();
      }
    });

    it('requires anthropic-version', async () => {
      const answer = await call(server, '/v1/messages', {
        body: message(),
        headers: { 'anthropic-version': '' },
      });
      assert.equal(answer.status, 400);
      assert.deepEqual(errorOf(answer), {
        type: 'invalid_request_error',
        message: 'anthropic-version: header is required',
      });
    });

    it('answers 404 not_found_error for unknown paths', async () => {
      const answer = await call(server, '/v1/nope');
      assert.equal(answer.status, 404);
      assert.equal(errorOf(answer).type, 'not_found_error');
    });
  });

  describe('other endpoints', () => {
    it('POST /v1/messages/count_tokens estimates ~4 characters per token, without rate-limit headers', async () => {
      const answer = await call(server, '/v1/messages/count_tokens', {
        body: {
          model: MODEL,
          system: 'abcd',
          messages: [{ role: 'user', content: [{ type: 'text', text: 'efghijkl' }] }],
        },
      });
      assert.equal(answer.status, 200);
      assert.deepEqual(answer.body, { input_tokens: 4 }); // "abcd\nefghijkl" = 13 characters
      assert.equal(answer.headers.get('anthropic-ratelimit-requests-limit'), null);
      assert.match(answer.headers.get('request-id') ?? '', /^req_/);
    });

    it('GET /v1/models pages with data, has_more, first_id and last_id', async () => {
      const first = (await call(server, '/v1/models?limit=2')).body as {
        data: {
          id: string;
          type: string;
          display_name: string;
          created_at: string;
          max_input_tokens: number;
          max_tokens: number;
        }[];
        has_more: boolean;
        first_id: string;
        last_id: string;
      };
      assert.deepEqual(
        first.data.map((m) => m.id),
        ['claude-sonnet-4-6', 'claude-opus-4-6'],
      );
      assert.equal(first.has_more, true);
      assert.equal(first.first_id, 'claude-sonnet-4-6');
      assert.equal(first.last_id, 'claude-opus-4-6');
      const model = first.data[0];
      assert.equal(model?.type, 'model');
      assert.equal(model?.display_name, 'Claude Sonnet 4.6');
      assert.match(model?.created_at ?? '', /^\d{4}-\d{2}-\d{2}T/);
      assert.equal(typeof model?.max_input_tokens, 'number');
      assert.equal(typeof model?.max_tokens, 'number');
      const next = (await call(server, `/v1/models?limit=2&after_id=${first.last_id}`)).body as typeof first;
      assert.deepEqual(
        next.data.map((m) => m.id),
        ['claude-opus-4-5-20251101', 'claude-haiku-4-5-20251001'],
      );
      const last = (await call(server, `/v1/models?limit=2&after_id=${next.last_id}`)).body as typeof first;
      assert.equal(last.has_more, false);
      assert.equal(last.data.length, 1);
      const before = (await call(server, `/v1/models?limit=1&before_id=${next.first_id}`))
        .body as typeof first;
      assert.deepEqual(
        before.data.map((m) => m.id),
        ['claude-opus-4-6'],
      );
      assert.equal((await call(server, '/v1/models?limit=0')).status, 400);
    });

    it('GET /v1/models/{id}', async () => {
      const answer = await call(server, '/v1/models/claude-opus-4-6');
      assert.equal((answer.body as { id: string }).id, 'claude-opus-4-6');
      assert.equal((await call(server, '/v1/models/nope')).status, 404);
      assert.equal(server.stats().byEndpoint['GET /v1/models/{id}'], 2);
    });
  });

  describe('faults', () => {
    it('529 overloaded, 500, 401 and 403, without rate-limit headers', async () => {
      const cases = [
        ['overloaded', 529, 'overloaded_error', 'true'],
        ['internal', 500, 'api_error', 'true'],
        ['unauthorized', 401, 'authentication_error', 'false'],
        ['forbidden', 403, 'permission_error', 'false'],
      ] as const;
      for (const [error, status, type, retry] of cases) {
        server.setFaults({ error });
        const answer = await call(server, '/v1/messages', { body: message() });
        assert.equal(answer.status, status);
        assert.equal(errorOf(answer).type, type);
        assert.equal(answer.headers.get('x-should-retry'), retry);
        assert.equal(answer.headers.get('anthropic-ratelimit-requests-limit'), null);
        assert.equal(answer.headers.get('retry-after'), null);
        assert.match((answer.body as { request_id: string }).request_id, /^req_/);
        assert.equal(answer.headers.get('x-headroom-simulated'), '1');
      }
    });

    it('spend-cap 429: error_code, no retry-after', async () => {
      server.setFaults({ error: 'spend-cap' });
      const answer = await call(server, '/v1/messages', { body: message() });
      assert.equal(answer.status, 429);
      const error = errorOf(answer);
      assert.equal(error.type, 'rate_limit_error');
      assert.deepEqual(error.details, { error_code: 'enforced_spend_limit_reached' });
      assert.equal(answer.headers.get('retry-after'), null);
    });

    it('429 with and without retry-after', async () => {
      server.setFaults({ error: 'rate-limit', retryAfterSeconds: 7 });
      const withRetry = await call(server, '/v1/messages', { body: message() });
      assert.equal(withRetry.status, 429);
      assert.equal(withRetry.headers.get('retry-after'), '7');
      assert.equal(withRetry.headers.get('anthropic-ratelimit-requests-limit'), '50');
      server.setFaults({ error: 'rate-limit-no-retry-after' });
      const without = await call(server, '/v1/messages', { body: message() });
      assert.equal(without.status, 429);
      assert.equal(without.headers.get('retry-after'), null);
    });

    it('missing and malformed rate-limit headers', async () => {
      server.setFaults({ missingRateLimitHeaders: true });
      const missing = await call(server, '/v1/messages', { body: message() });
      assert.equal(missing.status, 200);
      const names: string[] = [];
      missing.headers.forEach((_value, name) => names.push(name));
      assert.deepEqual(
        names.filter((k) => k.startsWith('anthropic-ratelimit')),
        [],
      );
      server.setFaults({ malformedRateLimitHeaders: true });
      const malformed = await call(server, '/v1/messages', { body: message() });
      assert.equal(malformed.headers.get('anthropic-ratelimit-requests-limit'), 'fifty');
      const snapshot = parseRateLimitHeaders(malformed.headers);
      assert.deepEqual(snapshot.families, {});
      assert.equal(snapshot.malformed.length, 12);
    });

    it('garbage body, with the usual status and headers', async () => {
      server.setFaults({ garbageBody: true });
      const answer = await call(server, '/v1/messages', { body: message() });
      assert.equal(answer.status, 200);
      assert.equal(answer.body, undefined);
      assert.equal(answer.headers.get('anthropic-ratelimit-requests-remaining'), '49');
    });

    it('added latency', async () => {
      server.setFaults({ latencyMs: 150 });
      const started = Date.now();
      await call(server, '/v1/models');
      assert.ok(Date.now() - started >= 140);
    });

    it('dropped connection before the response and in the middle of a stream', async () => {
      server.setFaults({ dropConnection: 'before-response' });
      await assert.rejects(call(server, '/v1/messages', { body: message() }));
      server.setFaults({ dropConnection: 'mid-stream' });
      await assert.rejects(call(server, '/v1/messages', { body: message({ stream: true }) }));
      assert.equal(server.stats().byStatus['0'], 2);
    });

    it('mixes failures into traffic with `every`', async () => {
      server.setFaults({ error: 'overloaded', every: 3 });
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) statuses.push((await call(server, '/v1/models')).status);
      assert.deepEqual(statuses, [200, 200, 529, 200, 200, 529, 200]);
    });

    it('heals by itself after `times` requests, and on setFaults({})', async () => {
      server.setFaults({ error: 'overloaded', times: 2 });
      assert.equal((await call(server, '/v1/models')).status, 529);
      assert.equal((await call(server, '/v1/models')).status, 529);
      assert.equal((await call(server, '/v1/models')).status, 200);
      server.setFaults({ error: 'internal' });
      assert.equal((await call(server, '/v1/models')).status, 500);
      server.setFaults({});
      assert.equal((await call(server, '/v1/models')).status, 200);
    });
  });

  describe('stats', () => {
    it('counts per model, endpoint and status, with tokens', async () => {
      await call(server, '/v1/messages', { body: message() });
      await call(server, '/v1/messages', { body: message({ model: 'claude-opus-4-6', stream: true }) });
      server.setFaults({ error: 'overloaded', times: 1 });
      await call(server, '/v1/messages', { body: message() });
      await call(server, '/v1/models');
      const stats = server.stats();
      assert.equal(stats.requests, 4);
      assert.deepEqual(stats.byEndpoint, { 'POST /v1/messages': 3, 'GET /v1/models': 1 });
      assert.deepEqual(stats.byStatus, { '200': 3, '529': 1 });
      assert.deepEqual(stats.byModel[MODEL], {
        requests: 2,
        byStatus: { '200': 1, '529': 1 },
        inputTokens: 3,
        outputTokens: 12,
      });
      assert.equal(stats.byModel['claude-opus-4-6']?.requests, 1);
      assert.equal(stats.inputTokens, 6);
      assert.equal(stats.outputTokens, 24);
      assert.equal(stats.log.length, 4);
      assert.equal(stats.log[1]?.stream, true);
      assert.match(stats.log[0]?.bodySha256 ?? '', /^[0-9a-f]{64}$/);
      server.reset();
      assert.equal(server.stats().requests, 0);
    });

    it('records the SHA-256 of each body exactly as sent (JSON and SSE), none for dropped connections', async () => {
      const { createHash } = await import('node:crypto');
      const sha = (text: string): string => createHash('sha256').update(text).digest('hex');
      const json = await call(server, '/v1/messages', { body: message() });
      const sse = await call(server, '/v1/messages', { body: message({ stream: true }) });
      const error = await call(server, '/v1/messages', { body: message({ max_tokens: undefined }) });
      server.setFaults({ dropConnection: 'mid-stream' });
      await assert.rejects(call(server, '/v1/messages', { body: message({ stream: true }) }));
      const log = server.stats().log;
      assert.deepEqual(
        log.map((r) => r.bodySha256),
        [sha(json.text), sha(sse.text), sha(error.text), undefined],
      );
      assert.equal(log[1]?.bodyBytes, Buffer.byteLength(sse.text));
      assert.equal(json.headers.get('date'), new Date(START).toUTCString());
    });

    it('records the highest number of requests in flight at once', async () => {
      server.setFaults({ latencyMs: 100 });
      await Promise.all(Array.from({ length: 5 }, () => call(server, '/v1/models')));
      assert.equal(server.stats().maxInFlight, 5);
      assert.equal(server.stats().inFlight, 0);
      server.reset();
      await call(server, '/v1/models');
      await call(server, '/v1/models');
      assert.equal(server.stats().maxInFlight, 1);
    });
  });
});
