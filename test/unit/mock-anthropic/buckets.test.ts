import * as assert from 'node:assert/strict';
import {
  ModelBuckets,
  TokenBucket,
  rateLimitHeaders,
  roundTokens,
  wholeSecondRfc3339,
} from '../../mock-anthropic/buckets';

const T = Date.parse('2026-05-01T10:00:00Z');

describe('mock-anthropic buckets', () => {
  it('refills continuously at limit per minute, never above capacity', () => {
    const b = new TokenBucket(60, T);
    b.take(60, T);
    assert.equal(b.available(T), 0);
    assert.equal(b.available(T + 1000), 1);
    assert.equal(b.available(T + 30_000), 30);
    assert.equal(b.available(T + 120_000), 60);
  });

  it('may go below zero (output charged after generation) and tells how long until an amount is back', () => {
    const b = new TokenBucket(600, T);
    b.take(700, T);
    assert.equal(b.available(T), -100);
    assert.equal(b.msUntil(1, T), 10_100);
    assert.equal(b.msUntilFull(T), 70_000);
    assert.equal(b.msUntil(601, T), Infinity);
  });

  it('rounds tokens to the nearest thousand within [0, limit]', () => {
    assert.equal(roundTokens(1_999_499, 2_000_000), 1_999_000);
    assert.equal(roundTokens(1_999_500, 2_000_000), 2_000_000);
    assert.equal(roundTokens(-50, 1000), 0);
    assert.equal(roundTokens(2500, 2500), 2500);
  });

  it('formats resets as whole-second RFC 3339, rounded up', () => {
    assert.equal(wholeSecondRfc3339(T), '2026-05-01T10:00:00Z');
    assert.equal(wholeSecondRfc3339(T + 1), '2026-05-01T10:00:01Z');
  });

  it('builds all four documented families', () => {
    const buckets = new ModelBuckets({ rpm: 50, itpm: 40_000, otpm: 8_000 }, T);
    buckets.requests.take(1, T);
    buckets.output.take(4_000, T);
    const headers = rateLimitHeaders(buckets, T);
    assert.deepEqual(headers, {
      'anthropic-ratelimit-requests-limit': '50',
      'anthropic-ratelimit-requests-remaining': '49',
      'anthropic-ratelimit-requests-reset': '2026-05-01T10:00:02Z',
      'anthropic-ratelimit-input-tokens-limit': '40000',
      'anthropic-ratelimit-input-tokens-remaining': '40000',
      'anthropic-ratelimit-input-tokens-reset': '2026-05-01T10:00:00Z',
      'anthropic-ratelimit-output-tokens-limit': '8000',
      'anthropic-ratelimit-output-tokens-remaining': '4000',
      'anthropic-ratelimit-output-tokens-reset': '2026-05-01T10:00:30Z',
      'anthropic-ratelimit-tokens-limit': '48000',
      'anthropic-ratelimit-tokens-remaining': '44000',
      'anthropic-ratelimit-tokens-reset': '2026-05-01T10:00:30Z',
    });
  });
});
