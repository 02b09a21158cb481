/**
 * The mock's acceleration limiter: a ramp detector that answers 429 `rate_limit_error`
 * while the token buckets still have budget, as Anthropic's acceleration limits do after a
 * sharp rise in usage (../shared/reference/anthropic-rate-limits.md §3.2; no numbers are
 * published, so these are the mock's own, chosen to be easy to trip in a test and easy to
 * stay under with a steady ramp).
 *
 * Rule: a request is refused when the requests admitted in the last `windowMs` already
 * number at least `max(minRequests, factor × the baseline's rate over windowMs)`, the
 * baseline being the admitted requests of the `baselineMs` before the window. Refused
 * requests do not count (a client hammering through 429s is not admitted traffic). Once it
 * refuses, it refuses everything until its `retry-after` has passed, as the API says
 * ("retrying sooner will fail", reference §1.1).
 */

export interface AccelerationLimit {
  /** The short window the burst is measured over, ms (default 10,000). */
  readonly windowMs?: number;
  /** The baseline before it, ms (default 60,000). */
  readonly baselineMs?: number;
  /** How many times the baseline rate a window may carry (default 3). */
  readonly factor?: number;
  /** Requests a window may always carry, baseline or not (default 5). */
  readonly minRequests?: number;
  /** `retry-after` on its 429s, seconds (default 5). */
  readonly retryAfterSeconds?: number;
}

/** The bare message real acceleration-style 429s carried in 2026 (reference §3.2): it names no limit. */
export const ACCELERATION_MESSAGE = 'Rate limited';

export class AccelerationLimiter {
  private admitted: number[] = [];
  private blockedUntil = -Infinity;
  readonly windowMs: number;
  readonly baselineMs: number;
  readonly factor: number;
  readonly minRequests: number;
  readonly retryAfterSeconds: number;

  constructor(limit: AccelerationLimit) {
    this.windowMs = limit.windowMs ?? 10_000;
    this.baselineMs = limit.baselineMs ?? 60_000;
    this.factor = limit.factor ?? 3;
    this.minRequests = limit.minRequests ?? 5;
    this.retryAfterSeconds = limit.retryAfterSeconds ?? 5;
  }

  /** How many requests the window may carry at `now`. */
  allowance(now: number): number {
    const windowStart = now - this.windowMs;
    const baselineStart = windowStart - this.baselineMs;
    const baseline = this.admitted.filter((t) => t >= baselineStart && t < windowStart).length;
    return Math.max(this.minRequests, (this.factor * baseline * this.windowMs) / this.baselineMs);
  }

  /** True when a request at `now` would be a sharp ramp (refuse it); otherwise admits it. */
  refuse(now: number): boolean {
    const horizon = now - this.windowMs - this.baselineMs;
    while (this.admitted.length > 0 && this.admitted[0]! < horizon) this.admitted.shift();
    if (now < this.blockedUntil) return true;
    const inWindow = this.admitted.filter((t) => t > now - this.windowMs).length;
    if (inWindow >= this.allowance(now)) {
      this.blockedUntil = now + this.retryAfterSeconds * 1000;
      return true;
    }
    this.admitted.push(now);
    return false;
  }
}

const limiters = new WeakMap<AccelerationLimit, AccelerationLimiter>();

/**
 * The limiter for a fault set's `acceleration` entry: one per `setFaults` call (the object
 * the caller passed), so switching it on starts a fresh ramp history and `setFaults({})`
 * switches it off.
 */
export function limiterFor(limit: AccelerationLimit): AccelerationLimiter {
  let limiter = limiters.get(limit);
  if (!limiter) {
    limiter = new AccelerationLimiter(limit);
    limiters.set(limit, limiter);
  }
  return limiter;
}
