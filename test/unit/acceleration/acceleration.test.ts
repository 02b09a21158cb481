import * as assert from 'node:assert/strict';
import {
  AccelerationWatch,
  DEFAULT_ACCELERATION_SETTINGS,
  RequestRateTracker,
  annotate429,
  classify429,
  concurrencyCap,
  type RampReading,
} from '../../../src/core/monitor/acceleration';
import { statusText } from '../../../src/core/monitor/format';
import { parseRateLimitHeaders, type HeaderRecord } from '../../../src/core/monitor/headers';
import type { ResponseObservation } from '../../../src/core/monitor/source';
import { initialMonitorState, nextState } from '../../../src/core/monitor/state';
import { describeResponse } from '../../../src/cli/proxy';
import { AccelerationLimiter } from '../../mock-anthropic/acceleration';

const T0 = Date.parse('2026-12-06T09:00:00Z');
const MODEL = 'claude-haiku-4-5';

function headers(requests: number, input: number, output: number): HeaderRecord {
  return {
    'anthropic-ratelimit-requests-limit': '1000',
    'anthropic-ratelimit-requests-remaining': String(requests),
    'anthropic-ratelimit-requests-reset': '2026-12-06T09:00:05Z',
    'anthropic-ratelimit-input-tokens-limit': '2000000',
    'anthropic-ratelimit-input-tokens-remaining': String(input),
    'anthropic-ratelimit-input-tokens-reset': '2026-12-06T09:00:05Z',
    'anthropic-ratelimit-output-tokens-limit': '400000',
    'anthropic-ratelimit-output-tokens-remaining': String(output),
    'anthropic-ratelimit-output-tokens-reset': '2026-12-06T09:00:05Z',
    'retry-after': '5',
  };
}

function response429(at: number, h: HeaderRecord, message: string): ResponseObservation {
  return {
    kind: 'response',
    source: 'observed',
    model: MODEL,
    at,
    status: 429,
    headers: parseRateLimitHeaders(h),
    error: { type: 'rate_limit_error', message },
  };
}

const ramp = (over: Partial<RampReading>): RampReading => ({
  lastMinute: 40,
  baselinePerMinute: 2,
  baselineMinutes: 10,
  ratio: 20,
  ramp: true,
  meanLatencyMs: 3000,
  ...over,
});

describe('acceleration: the request-rate tracker', () => {
  it('reads a burst after a quiet baseline as a ramp, and steady traffic as none', () => {
    const t = new RequestRateTracker();
    // Ten minutes at 2 requests a minute…
    for (let i = 0; i < 20; i++) t.record(T0 + i * 30_000);
    const steady = t.reading(T0 + 600_000);
    assert.equal(steady.ramp, false);
    assert.ok(Math.abs(steady.baselinePerMinute - 2) < 0.3, `baseline ${steady.baselinePerMinute}`);
    // …then 30 in one second.
    for (let i = 0; i < 30; i++) t.record(T0 + 600_000 + i * 30);
    const burst = t.reading(T0 + 601_000);
    assert.equal(burst.ramp, true);
    assert.ok(burst.lastMinute >= 30);
    assert.ok(burst.ratio >= DEFAULT_ACCELERATION_SETTINGS.rampFactor);
  });

  it('does not call a handful of requests a ramp (minRequests)', () => {
    const t = new RequestRateTracker();
    for (let i = 0; i < 9; i++) t.record(T0 + i);
    assert.equal(t.reading(T0 + 10).ramp, false);
    t.record(T0 + 10);
    assert.equal(t.reading(T0 + 11).ramp, true, 'the tenth request in a minute with no baseline');
  });

  it('forgets requests older than the baseline window', () => {
    const t = new RequestRateTracker();
    for (let i = 0; i < 50; i++) t.record(T0 + i);
    const later = t.reading(T0 + 30 * 60_000);
    assert.equal(later.lastMinute, 0);
    assert.equal(later.baselinePerMinute, 0);
  });
});

describe('acceleration: classifying a 429', () => {
  it('calls a 429 whose message names a limit a ceiling', () => {
    const v = classify429(
      response429(
        T0,
        headers(900, 1_900_000, 400_000),
        'Number of request tokens has exceeded your per-minute rate limit',
      ),
      ramp({}),
    );
    assert.equal(v.cause, 'ceiling');
  });

  it('calls a 429 with an empty bucket in its headers a ceiling, naming the bucket', () => {
    const v = classify429(response429(T0, headers(900, 0, 400_000), 'Rate limited'), ramp({}));
    assert.equal(v.cause, 'ceiling');
    assert.equal(v.limit, 'input-tokens');
  });

  it('calls a 429 with budget everywhere after a ramp acceleration, with a concurrency cap', () => {
    const v = classify429(response429(T0, headers(900, 1_900_000, 390_000), 'Rate limited'), ramp({}));
    assert.equal(v.cause, 'acceleration');
    // Baseline 2/min at 3 s latency sustains 0.1 in flight: cap at 1.
    assert.equal(v.concurrencyCap, 1);
    assert.ok(v.signals.some((s) => /budget left/.test(s)));
  });

  it('calls a 429 with budget and no ramp unexplained', () => {
    const v = classify429(
      response429(T0, headers(900, 1_900_000, 390_000), 'Rate limited'),
      ramp({ ramp: false, ratio: 1 }),
    );
    assert.equal(v.cause, 'unexplained');
  });

  it('sizes the cap from the baseline rate and latency (Little’s law)', () => {
    assert.equal(concurrencyCap(ramp({ baselinePerMinute: 600, meanLatencyMs: 2000 })), 20);
    assert.equal(concurrencyCap(ramp({ baselinePerMinute: 0 })), 1);
  });
});

describe('acceleration: the status bar and the proxy line name it', () => {
  it('rewrites a 429 state to say acceleration and the cure; a ceiling 429 keeps its words', () => {
    const watch = new AccelerationWatch();
    let state = initialMonitorState(T0, MODEL);
    // A burst of 12 successes in one second from a cold start, then a 429 with full buckets.
    for (let i = 0; i < 12; i++) {
      const ok: ResponseObservation = {
        kind: 'response',
        source: 'observed',
        model: MODEL,
        at: T0 + i * 50,
        status: 200,
        latencyMs: 500,
        headers: parseRateLimitHeaders(headers(999 - i, 2_000_000, 400_000)),
      };
      state = annotate429(nextState(state, ok, ok.at), ok, watch.observe(ok));
    }
    const accel = response429(T0 + 700, headers(988, 2_000_000, 400_000), 'Rate limited');
    state = annotate429(nextState(state, accel, accel.at), accel, watch.observe(accel));
    assert.equal(state.cause, 'acceleration');
    assert.match(state.reason, /429 from a sharp ramp, not your limits/);
    assert.match(state.reason, /ramp up over hours; cap concurrency at \d+ and raise it in steps/);
    assert.match(statusText(state, T0 + 800), /^\$\(error\) 429 acceleration · \ds$/);
    assert.match(
      describeResponse(accel, new Date(T0), classify429(accel, watch.ramp(accel.at))),
      /429 rate_limit_error {2}acceleration/,
    );

    const ceiling = response429(T0 + 900, headers(0, 2_000_000, 400_000), 'Rate limited');
    const v = watch.observe(ceiling);
    const after = annotate429(nextState(state, ceiling, ceiling.at), ceiling, v);
    assert.equal(after.cause, 'ceiling');
    assert.doesNotMatch(statusText(after, T0 + 1000), /acceleration/);
    assert.deepEqual(
      watch.events().map((e) => e.kind),
      ['ramp', 'acceleration-429', 'ceiling-429'],
    );
  });
});

describe('mock acceleration limiter', () => {
  it('refuses a burst from cold after minRequests, and admits a steady ramp-up of the same total', () => {
    const burst = new AccelerationLimiter({});
    let refused = 0;
    for (let i = 0; i < 60; i++) if (burst.refuse(T0 + i * 10)) refused++;
    assert.equal(refused, 55, 'five admitted, the rest refused');

    // The same 60 requests spread over 3 minutes, rising gently: none refused.
    const steady = new AccelerationLimiter({});
    let t = T0;
    let refusedSteady = 0;
    for (let i = 0; i < 60; i++) {
      t += 4000 - i * 20;
      if (steady.refuse(t)) refusedSteady++;
    }
    assert.equal(refusedSteady, 0);
  });

  it('once it refuses, refuses everything until its retry-after has passed', () => {
    const limiter = new AccelerationLimiter({ minRequests: 2, retryAfterSeconds: 5 });
    assert.equal(limiter.refuse(T0), false);
    assert.equal(limiter.refuse(T0 + 1), false);
    assert.equal(limiter.refuse(T0 + 2), true);
    // The window (10 s) would still refuse at +3 s; at +4.9 s the cool-down alone does.
    assert.equal(limiter.refuse(T0 + 4_900), true);
    // Past the cool-down and the window, admitted again.
    assert.equal(limiter.refuse(T0 + 11_000), false);
  });
});
