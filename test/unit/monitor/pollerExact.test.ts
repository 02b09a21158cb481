/**
 * The poller's exact status, log lines and failure observations, and the edges of its
 * schedule (idempotent start, same-model updates, a retry-after ending now). Written
 * against the mutation report (`npm run mutate`).
 */
import * as assert from 'node:assert/strict';
import { parseRateLimitHeaders, type HeaderRecord } from '../../../src/core/monitor/headers';
import { Poller, describeObservation, type PollerOptions } from '../../../src/core/monitor/poller';
import type { ApiErrorInfo, Observation } from '../../../src/core/monitor/source';
import { FakeScheduler } from './helpers';

const MODEL = 'claude-haiku-4-5';
const MINUTE = 60_000;

/** A poller whose `send` answers at once with `answer(n)` for the n-th request (0-based). */
function poller(
  answer: (n: number) => { status: number; headers?: HeaderRecord; error?: ApiErrorInfo } | Error | string,
  options: Partial<PollerOptions> = {},
): { clock: FakeScheduler; poller: Poller; sends: number[] } {
  const clock = new FakeScheduler();
  const sends: number[] = [];
  const p = new Poller({
    send: async (model) => {
      const n = sends.length;
      sends.push(clock.now());
      await clock.sleep(100);
      const a = answer(n);
      if (a instanceof Error || typeof a === 'string') throw a;
      return {
        kind: 'response',
        source: 'poll',
        model,
        at: clock.now(),
        status: a.status,
        headers: parseRateLimitHeaders(a.headers ?? {}),
        ...(a.error && { error: a.error }),
      };
    },
    model: MODEL,
    intervalSeconds: 60,
    isActive: () => true,
    scheduler: clock,
    ...options,
  });
  return { clock, poller: p, sends };
}

describe('monitor/poller: exact status and edges', () => {
  it('status lists nextDueAt only while polling can happen, and blockedUntil only while it runs', async () => {
    const { clock, poller: p } = poller(() => ({ status: 429, headers: { 'retry-after': '120' } }));
    const t0 = clock.now();
    assert.deepEqual(p.status, {
      running: false,
      inFlight: false,
      intervalMs: MINUTE,
      consecutiveFailures: 0,
    });
    p.start();
    assert.deepEqual(p.status, {
      running: true,
      inFlight: false,
      intervalMs: MINUTE,
      consecutiveFailures: 0,
      nextDueAt: t0,
    });
    await clock.advance(0);
    assert.equal(p.status.inFlight, true);
    await clock.advance(100);
    assert.deepEqual(p.status, {
      running: true,
      inFlight: false,
      intervalMs: MINUTE,
      consecutiveFailures: 1,
      nextDueAt: t0 + 2 * MINUTE,
      blockedUntil: t0 + 100 + 120_000,
    });
    await clock.advance(120_000);
    assert.equal(p.status.blockedUntil, undefined, 'not listed once it ends');
    p.update({ intervalSeconds: 0 });
    assert.equal(p.status.nextDueAt, undefined);
    assert.equal(p.status.intervalMs, 0);
    p.update({ intervalSeconds: 60, model: undefined });
    assert.equal(p.status.nextDueAt, undefined);
    p.dispose();
    assert.equal(p.status.running, false);
  });

  it('start() twice does not poll twice', async () => {
    const { clock, poller: p, sends } = poller(() => ({ status: 200 }));
    p.start();
    await clock.advance(30_000);
    p.start();
    await clock.advance(1000);
    assert.equal(sends.length, 1);
    p.dispose();
  });

  it('an update naming the same model keeps the backoff; a new interval during backoff keeps it too', async () => {
    const { clock, poller: p, sends } = poller(() => ({ status: 500 }));
    p.start();
    await clock.advance(100);
    const due = p.status.nextDueAt;
    assert.equal(due, clock.now() - 100 + 2 * MINUTE);
    p.update({ model: MODEL });
    await clock.advance(1000);
    assert.equal(sends.length, 1);
    p.update({ intervalSeconds: 30 });
    assert.equal(p.status.nextDueAt, due);
    p.dispose();
  });

  it('a new interval before any poll counts from now', () => {
    const { clock, poller: p } = poller(() => ({ status: 200 }));
    p.update({ intervalSeconds: 30 });
    p.start();
    assert.equal(p.status.nextDueAt, clock.now());
    p.stop();
  });

  it('refreshNow is refused while a retry-after runs, and sent the moment it ends', async () => {
    const {
      clock,
      poller: p,
      sends,
    } = poller((n) => (n === 0 ? { status: 429, headers: { 'retry-after': '10' } } : { status: 200 }));
    p.start();
    await clock.advance(100);
    const until = clock.now() + 10_000;
    await clock.advance(9_999);
    assert.deepEqual(await p.refreshNow(), { sent: false, reason: 'retry-after', until });
    await clock.advance(1);
    const refresh = p.refreshNow();
    await clock.advance(100);
    assert.equal((await refresh).sent, true);
    assert.equal(sends.length, 2);
    p.dispose();
  });

  it('a retry-after already over when the answer arrives blocks nothing', async () => {
    // An HTTP date a minute before the fake clock's start.
    const { clock, poller: p } = poller(() => ({
      status: 429,
      headers: { 'retry-after': 'Thu, 01 Jan 2026 11:59:00 GMT' },
    }));
    p.start();
    await clock.advance(100);
    assert.equal(p.status.blockedUntil, undefined);
    assert.equal((await Promise.all([p.refreshNow(), clock.advance(100)]))[0].sent, true);
    p.dispose();
  });

  it('299 counts as success and 300 as a failure; only a 429 spend cap jumps to the cap', async () => {
    for (const [status, failures] of [
      [299, 0],
      [300, 1],
      [199, 1],
    ] as const) {
      const { clock, poller: p } = poller(() => ({ status }));
      p.start();
      await clock.advance(100);
      assert.equal(p.status.consecutiveFailures, failures, String(status));
      p.dispose();
    }
    const spendCode = { errorCode: 'enforced_spend_limit_reached' };
    const on400 = poller(() => ({ status: 400, error: spendCode }));
    on400.poller.start();
    await on400.clock.advance(100);
    assert.equal(on400.poller.status.nextDueAt, on400.clock.now() - 100 + 2 * MINUTE);
    on400.poller.dispose();
  });

  it('failures: a rejected send with its message (or a generic one), latency measured, source as configured', async () => {
    const seen: Observation[] = [];
    const { clock, poller: p } = poller((n) => (n === 0 ? new Error('socket hang up') : 'not an Error'), {
      source: 'observed',
    });
    p.onObservation((o) => seen.push(o));
    p.start();
    await clock.advance(100);
    const t1 = clock.now();
    assert.deepEqual(await Promise.all([p.refreshNow(), clock.advance(100)]).then(([r]) => r), {
      sent: true,
      observation: {
        kind: 'network-error',
        source: 'observed',
        model: MODEL,
        at: t1 + 100,
        latencyMs: 100,
        timeout: false,
        message: 'request failed',
      },
    });
    assert.deepEqual(seen[0], {
      kind: 'network-error',
      source: 'observed',
      model: MODEL,
      at: t1,
      latencyMs: 100,
      timeout: false,
      message: 'socket hang up',
    });
    assert.equal(p.kind, 'observed');
    assert.equal(poller(() => ({ status: 200 })).poller.kind, 'poll');
    p.dispose();
  });

  it('a refresh cut short by stop() resolves as aborted, not timed out', async () => {
    const clock = new FakeScheduler();
    const p = new Poller({
      send: () => new Promise<Observation>(() => undefined),
      model: MODEL,
      intervalSeconds: 60,
      isActive: () => true,
      scheduler: clock,
    });
    p.start();
    const refresh = p.refreshNow();
    p.stop();
    const result = await refresh;
    assert.ok(result.sent);
    assert.equal(result.observation.kind, 'network-error');
    assert.deepEqual(
      result.observation.kind === 'network-error' && [result.observation.timeout, result.observation.message],
      [false, 'aborted'],
    );
  });

  it('a listener that throws, with no log, does not stop polling', async () => {
    const { clock, poller: p, sends } = poller(() => ({ status: 200 }));
    p.onObservation(() => {
      throw new Error('listener failed');
    });
    p.start();
    await clock.advance(MINUTE + 100);
    assert.equal(sends.length, 2);
    p.dispose();
  });

  it('describeObservation: one line with source, model, outcome, latency and request id', () => {
    const headers = parseRateLimitHeaders({ 'request-id': 'req_011CDescribe' });
    assert.equal(
      describeObservation({
        kind: 'response',
        source: 'poll',
        model: 'm',
        at: 0,
        latencyMs: 119.6,
        status: 429,
        headers,
        error: { type: 'rate_limit_error' },
      }),
      'poll m: 429 rate_limit_error in 120 ms req_011CDescribe',
    );
    assert.equal(
      describeObservation({
        kind: 'response',
        source: 'observed',
        model: 'm',
        at: 0,
        status: 200,
        headers: parseRateLimitHeaders({}),
      }),
      'observed m: 200',
    );
    assert.equal(
      describeObservation({
        kind: 'network-error',
        source: 'poll',
        model: 'm',
        at: 0,
        latencyMs: 12.4,
        timeout: true,
        message: 'x',
      }),
      'poll m: timed out in 12 ms (x)',
    );
    assert.equal(
      describeObservation({
        kind: 'network-error',
        source: 'simulated',
        model: 'm',
        at: 0,
        timeout: false,
        message: 'refused',
      }),
      'simulated m: network error (refused)',
    );
  });
});
