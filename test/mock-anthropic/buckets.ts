/**
 * Continuous-refill token buckets, as the API describes its limiter: capacity = the
 * per-minute limit, refilled at limit/60 per second, never above capacity. A bucket may go
 * below zero when a response produced more output tokens than were left (output is only
 * known after generation); it then refuses requests until it refills above zero.
 */

export interface Limits {
  /** Requests per minute. */
  readonly rpm: number;
  /** Input tokens per minute. */
  readonly itpm: number;
  /** Output tokens per minute. */
  readonly otpm: number;
}

export class TokenBucket {
  private level: number;
  private updatedAt: number;

  constructor(
    readonly capacity: number,
    now: number,
  ) {
    this.level = capacity;
    this.updatedAt = now;
  }

  /** Units per millisecond. */
  get ratePerMs(): number {
    return this.capacity / 60_000;
  }

  /** The level at `now` after refill (may be negative, never above capacity). */
  available(now: number): number {
    const elapsed = Math.max(0, now - this.updatedAt);
    this.level = Math.min(this.capacity, this.level + elapsed * this.ratePerMs);
    this.updatedAt = Math.max(this.updatedAt, now);
    return this.level;
  }

  take(amount: number, now: number): void {
    this.available(now);
    this.level -= amount;
  }

  /** Sets the level directly (tests drive the server into warning/critical states with it). */
  set(level: number, now: number): void {
    this.available(now);
    this.level = Math.min(this.capacity, level);
  }

  /** Milliseconds until the level reaches `amount`; Infinity if it never can. */
  msUntil(amount: number, now: number): number {
    const level = this.available(now);
    if (level >= amount) return 0;
    if (amount > this.capacity || this.ratePerMs <= 0) return Infinity;
    return (amount - level) / this.ratePerMs;
  }

  /** Milliseconds until the bucket is full again. */
  msUntilFull(now: number): number {
    return this.msUntil(this.capacity, now);
  }
}

/** The three buckets of one model. */
export class ModelBuckets {
  readonly requests: TokenBucket;
  readonly input: TokenBucket;
  readonly output: TokenBucket;

  constructor(
    readonly limits: Limits,
    now: number,
  ) {
    this.requests = new TokenBucket(limits.rpm, now);
    this.input = new TokenBucket(limits.itpm, now);
    this.output = new TokenBucket(limits.otpm, now);
  }
}

/** RFC 3339 with whole seconds, rounded up so "full at" is never early: `2026-02-17T23:44:15Z`. */
export function wholeSecondRfc3339(epochMs: number): string {
  return new Date(Math.ceil(epochMs / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The API rounds token `remaining` to the nearest thousand; kept within [0, limit]. */
export function roundTokens(level: number, limit: number): number {
  return Math.min(limit, Math.max(0, Math.round(level / 1000) * 1000));
}

/** The documented rate-limit headers for one model's buckets at `now`. */
export function rateLimitHeaders(buckets: ModelBuckets, now: number): Record<string, string> {
  const { requests, input, output, limits } = buckets;
  const inFullAt = now + input.msUntilFull(now);
  const outFullAt = now + output.msUntilFull(now);
  const inLevel = input.available(now);
  const outLevel = output.available(now);
  return {
    'anthropic-ratelimit-requests-limit': String(limits.rpm),
    'anthropic-ratelimit-requests-remaining': String(Math.max(0, Math.floor(requests.available(now)))),
    'anthropic-ratelimit-requests-reset': wholeSecondRfc3339(now + requests.msUntilFull(now)),
    'anthropic-ratelimit-input-tokens-limit': String(limits.itpm),
    'anthropic-ratelimit-input-tokens-remaining': String(roundTokens(inLevel, limits.itpm)),
    'anthropic-ratelimit-input-tokens-reset': wholeSecondRfc3339(inFullAt),
    'anthropic-ratelimit-output-tokens-limit': String(limits.otpm),
    'anthropic-ratelimit-output-tokens-remaining': String(roundTokens(outLevel, limits.otpm)),
    'anthropic-ratelimit-output-tokens-reset': wholeSecondRfc3339(outFullAt),
    'anthropic-ratelimit-tokens-limit': String(limits.itpm + limits.otpm),
    'anthropic-ratelimit-tokens-remaining': String(
      roundTokens(Math.max(0, inLevel) + Math.max(0, outLevel), limits.itpm + limits.otpm),
    ),
    'anthropic-ratelimit-tokens-reset': wholeSecondRfc3339(Math.max(inFullAt, outFullAt)),
  };
}

/**
 * Header values for a 429 that names the requests-per-minute limit when the bucket itself was
 * not drained (a forced fault): the named bucket reads as the API would show it, exhausted
 * (0 remaining) and full again one minute later, not the full bucket behind the fault.
 */
export function exhaustedRequestsHeaders(now: number): Record<string, string> {
  return {
    'anthropic-ratelimit-requests-remaining': '0',
    'anthropic-ratelimit-requests-reset': wholeSecondRfc3339(now + 60_000),
  };
}
