/**
 * A forced 429 (the `rate-limit` fault) carries the bucket state the API would send with it:
 * the requests bucket its message names at 0 remaining, full a minute later; the other
 * buckets as they really are. (It used to send the full bucket, so a status bar read 100%.)
 */
import * as assert from 'node:assert/strict';
import { parseRateLimitHeaders } from '../../../src/core/monitor/headers';
import { startMockAnthropic } from '../../mock-anthropic/server';

const KEY = 'sk-ant-api03-mock-fault-test-key';
const NOW = Date.parse('2026-05-01T10:00:00.000Z');

async function post(url: string): Promise<Response> {
  return fetch(`${url}/v1/messages`, {
    method: 'POST',
    headers: { 'x-api-key': KEY, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'claude-haiku-4-5',
      max_tokens: 10,
      messages: [{ role: 'user', content: 'hi' }],
    }),
  });
}

describe('mock Anthropic: a forced 429 reports the exhausted bucket', () => {
  for (const error of ['rate-limit', 'rate-limit-no-retry-after'] as const) {
    it(`${error}: requests at 0 of the limit, reset a minute on; token buckets unchanged`, async () => {
      const server = await startMockAnthropic({ apiKey: KEY, now: () => NOW });
      try {
        server.setFaults({ error, retryAfterSeconds: 7, times: 1 });
        const limited = await post(server.url);
        assert.equal(limited.status, 429);
        await limited.text();
        const snapshot = parseRateLimitHeaders(limited.headers);
        assert.deepEqual(snapshot.malformed, []);
        const requests = snapshot.families.requests;
        assert.equal(requests?.limit, 50);
        assert.equal(requests?.remaining, 0);
        assert.equal(requests?.reset?.getTime(), NOW + 60_000);
        assert.equal(limited.headers.get('retry-after'), error === 'rate-limit' ? '7' : null);
        // The token buckets were not touched by the refused request: full, as the API reports them.
        const input = snapshot.families['input-tokens'];
        assert.ok(input?.limit !== undefined && input.remaining === input.limit);

        // The fault was for one request: the next is answered with the real (full) bucket.
        const ok = await post(server.url);
        assert.equal(ok.status, 200);
        await ok.text();
        assert.equal(parseRateLimitHeaders(ok.headers).families.requests?.remaining, 49);
      } finally {
        await server.close();
      }
    });
  }

  it('keeps missing or malformed headers as the fault asks', async () => {
    const server = await startMockAnthropic({ apiKey: KEY, now: () => NOW });
    try {
      server.setFaults({ error: 'rate-limit', missingRateLimitHeaders: true });
      const missing = await post(server.url);
      await missing.text();
      assert.equal(missing.headers.get('anthropic-ratelimit-requests-remaining'), null);
      server.setFaults({ error: 'rate-limit', malformedRateLimitHeaders: true });
      const malformed = await post(server.url);
      await malformed.text();
      assert.equal(malformed.headers.get('anthropic-ratelimit-requests-limit'), 'fifty');
      assert.equal(malformed.headers.get('anthropic-ratelimit-requests-remaining'), '-1');
    } finally {
      await server.close();
    }
  });
});
