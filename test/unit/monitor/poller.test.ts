import * as assert from 'node:assert/strict';
import { parseRateLimitHeaders, type HeaderRecord } from '../../../src/core/monitor/headers';
import { Poller, describeObservation, type PollerOptions } from '../../../src/core/monitor/poller';
import type { ApiErrorInfo, Observation } from '../../../src/core/monitor/source';
import type { Logger } from '../../../src/core/logger';
import { FakeScheduler } from './helpers';

const MODEL = 'claude-haiku-4-5';
const MINUTE = 60_000;

interface Reply {
  status: number;
  headers?: HeaderRecord;
  error?: ApiErrorInfo;
  /** Reject instead of resolving. */
  reject?: boolean;
  /** Never settle (until aborted, and not even then). */
  hang?: boolean;
}

/** A fake `send` that counts calls, tracks concurrency and answers after `latencyMs` of fake time. */
class FakeSender {
  readonly sends: { at: number; model: string }[] = [];
  inFlight = 0;
  maxInFlight = 0;
  aborted = 0;
  reply: (n: number) => Reply = () => ({ status: 200 });
  latencyMs = 200;

  constructor(private readonly clock: FakeScheduler) {}

  readonly send = async (model: string, signal: AbortSignal): Promise<Observation> => {
    const n = this.sends.length;
    this.sends.push({ at: this.clock.now(), model });
    signal.addEventListener('abort', () => this.aborted++);
    if (this.reply(n).hang) return new Promise<Observation>(() => undefined);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    const started = this.clock.now();
    await this.clock.sleep(this.latencyMs);
    this.inFlight--;
    const r = this.reply(n);
    if (r.reject) throw new Error('socket hang up');
    return {
      kind: 'response',
      source: 'poll',
      model,
      at: this.clock.now(),
      latencyMs: this.clock.now() - started,
      status: r.status,
      headers: parseRateLimitHeaders(r.headers ?? {}),
      ...(r.error && { error: r.error }),
    };
  };

  /** Send times in seconds since `start`. */
  times(start: number): number[] {
    return this.sends.map((s) => (s.at - start) / 1000);
  }
}

function setup(options: Partial<PollerOptions> = {}): {
  clock: FakeScheduler;
  sender: FakeSender;
  poller: Poller;
  observations: Observation[];
  start: number;
} {
  const clock = new FakeScheduler();
  const sender = new FakeSender(clock);
  const poller = new Poller({
    send: sender.send,
    model: MODEL,
    intervalSeconds: 60,
    isActive: () => true,
    scheduler: clock,
    ...options,
  });
  const observations: Observation[] = [];
  poller.onObservation((o) => observations.push(o));
  return { clock, sender, poller, observations, start: clock.now() };
}

describe('monitor/poller (fake clock)', () => {
  it('a simulated hour while active: exactly one request per interval, never two in flight', async () => {
    const { clock, sender, poller, observations, start } = setup();
    poller.start();
    await clock.advance(60 * MINUTE - 1);
    assert.equal(sender.sends.length, 60);
    assert.deepEqual(
      sender.times(start),
      Array.from({ length: 60 }, (_, i) => i * 60),
    );
    assert.equal(sender.maxInFlight, 1);
    assert.equal(observations.length, 60);
    poller.dispose();
    assert.equal(clock.pending, 0);
  });

  it('none while inactive (unfocused or idle), and resumes when active again', async () => {
    let active = true;
    const { clock, sender, poller, start } = setup({ isActive: () => active });
    poller.start();
    await clock.advance(10 * MINUTE - 1);
    active = false;
    await clock.advance(20 * MINUTE + 1);
    assert.equal(sender.sends.length, 10);
    assert.ok(sender.times(start).every((t) => t < 600));
    active = true;
    await clock.advance(30 * MINUTE);
    const times = sender.times(start);
    assert.equal(times.filter((t) => t >= 600 && t < 1800).length, 0, 'no request while inactive');
    // The first request comes within one activity check (5 s) of the user's return.
    assert.ok((times[10] ?? 0) > 1800 && (times[10] ?? 0) <= 1805, String(times[10]));
    assert.equal(sender.sends.length, 40);
    poller.dispose();
  });

  it('wake() polls at once when a poll is due and the user is back', async () => {
    let active = false;
    const { clock, sender, poller, start } = setup({ isActive: () => active, activityCheckMs: 60_000 });
    poller.start();
    await clock.advance(30_000);
    assert.equal(sender.sends.length, 0);
    active = true;
    poller.wake();
    await clock.advance(1);
    assert.deepEqual(sender.times(start), [30]);
    poller.dispose();
  });

  it('no request while a 429 retry-after runs, then recovery', async () => {
    const { clock, sender, poller, start } = setup();
    sender.reply = (n) =>
      n === 0
        ? { status: 429, headers: { 'retry-after': '300' }, error: { type: 'rate_limit_error' } }
        : { status: 200 };
    poller.start();
    await clock.advance(300 * 1000);
    assert.equal(sender.sends.length, 1, 'nothing before the retry-after passes');
    assert.equal(poller.status.blockedUntil, start + 200 + 300_000);
    const refused = await poller.refreshNow();
    assert.deepEqual(refused, { sent: false, reason: 'retry-after', until: start + 200 + 300_000 });
    assert.equal(sender.sends.length, 1);
    await clock.advance(1000);
    assert.deepEqual(sender.times(start), [0, 300.2]);
    await clock.advance(5 * MINUTE);
    assert.deepEqual(sender.times(start), [0, 300.2, 360.2, 420.2, 480.2, 540.2, 600.2]);
    assert.equal(poller.status.consecutiveFailures, 0);
    poller.dispose();
  });

  it('honours a retry-after longer than the backoff cap', async () => {
    const { clock, sender, poller, start } = setup();
    sender.reply = (n) => (n === 0 ? { status: 429, headers: { 'retry-after': '13262' } } : { status: 200 });
    poller.start();
    await clock.advance(13262 * 1000);
    assert.equal(sender.sends.length, 1);
    await clock.advance(1000);
    assert.deepEqual(sender.times(start), [0, 13262.2]);
    poller.dispose();
  });

  it('ignores retry-after on a 2xx (seen on successes in late 2025)', async () => {
    const { clock, sender, poller, start } = setup();
    sender.reply = () => ({ status: 200, headers: { 'retry-after': '300' } });
    poller.start();
    await clock.advance(3 * MINUTE);
    assert.deepEqual(sender.times(start), [0, 60, 120, 180]);
    poller.dispose();
  });

  it('backs off exponentially after errors (doubling from the interval, capped at 15 min) and recovers by itself', async () => {
    const { clock, sender, poller, start } = setup();
    let healthy = false;
    sender.reply = () => (healthy ? { status: 200 } : { status: 529, error: { type: 'overloaded_error' } });
    poller.start();
    await clock.advance(60 * MINUTE);
    assert.deepEqual(sender.times(start), [0, 120, 360, 840, 1740, 2640, 3540]);
    assert.equal(poller.status.consecutiveFailures, 7);
    healthy = true;
    await clock.advance(15 * MINUTE);
    const times = sender.times(start);
    assert.equal(times[7], 4440); // the next backed-off attempt succeeds...
    assert.equal(times[8], 4500); // ...and the interval is back to 60 s
    assert.equal(poller.status.consecutiveFailures, 0);
    poller.dispose();
  });

  it('treats a rejected send as a network error, with backoff and no unhandled rejection', async () => {
    const { clock, sender, poller, observations, start } = setup();
    sender.reply = () => ({ status: 0, reject: true });
    poller.start();
    await clock.advance(6 * MINUTE);
    assert.deepEqual(sender.times(start), [0, 120, 360]);
    assert.equal(observations[0]?.kind, 'network-error');
    assert.match(describeObservation(observations[0] as Observation), /network error.*socket hang up/);
    poller.dispose();
  });

  it('goes straight to the cap after a spend-cap 429', async () => {
    const { clock, sender, poller, start } = setup();
    sender.reply = () => ({
      status: 429,
      error: { type: 'rate_limit_error', errorCode: 'enforced_spend_limit_reached' },
    });
    poller.start();
    await clock.advance(31 * MINUTE);
    assert.deepEqual(sender.times(start), [0, 900, 1800]);
    poller.dispose();
  });

  it('refreshNow joins a poll in flight instead of sending a second request', async () => {
    const { clock, sender, poller } = setup();
    sender.latencyMs = 10_000;
    poller.start();
    await clock.advance(1000);
    assert.equal(sender.sends.length, 1);
    const joined = poller.refreshNow();
    await clock.advance(10_000);
    const result = await joined;
    assert.equal(result.sent, true);
    assert.equal(sender.sends.length, 1);
    assert.equal(sender.maxInFlight, 1);
    poller.dispose();
  });

  it('refreshNow polls at once, resets the cadence, and can be forced through a retry-after', async () => {
    const { clock, sender, poller, start } = setup();
    poller.start();
    await clock.advance(30_000);
    const refreshed = poller.refreshNow();
    await clock.advance(1000);
    assert.equal((await refreshed).sent, true);
    await clock.advance(60_000);
    assert.deepEqual(sender.times(start), [0, 30, 90]);
    sender.reply = () => ({ status: 429, headers: { 'retry-after': '120' } });
    await clock.advance(60_000);
    assert.equal(sender.sends.length, 4);
    const forced = poller.refreshNow({ force: true });
    await clock.advance(1000);
    assert.equal((await forced).sent, true);
    assert.equal(sender.sends.length, 5);
    poller.dispose();
  });

  it('interval 0 turns automatic polling off; refreshNow still works', async () => {
    const { clock, sender, poller } = setup({ intervalSeconds: 0 });
    poller.start();
    await clock.advance(60 * MINUTE);
    assert.equal(sender.sends.length, 0);
    assert.equal(clock.pending, 0);
    const refreshed = poller.refreshNow();
    await clock.advance(1000);
    assert.equal((await refreshed).sent, true);
    await clock.advance(60 * MINUTE);
    assert.equal(sender.sends.length, 1);
    poller.dispose();
  });

  it('clamps tiny intervals to 10 s so a settings typo cannot drain the budget', async () => {
    const { clock, sender, poller } = setup({ intervalSeconds: 1 });
    poller.start();
    await clock.advance(MINUTE - 1);
    assert.equal(sender.sends.length, 6);
    assert.equal(poller.status.intervalMs, 10_000);
    poller.dispose();
  });

  it('follows settings: a new model is polled at once with fresh backoff, a new interval counts from the last poll', async () => {
    const { clock, sender, poller, start } = setup();
    sender.reply = (n) => (n === 0 ? { status: 404, error: { type: 'not_found_error' } } : { status: 200 });
    poller.start();
    await clock.advance(10_000);
    assert.equal(poller.status.consecutiveFailures, 1);
    poller.update({ model: 'claude-opus-4-6' });
    await clock.advance(1000);
    assert.deepEqual(
      sender.sends.map((s) => [(s.at - start) / 1000, s.model]),
      [
        [0, MODEL],
        [10, 'claude-opus-4-6'],
      ],
    );
    assert.equal(poller.status.consecutiveFailures, 0);
    poller.update({ intervalSeconds: 300 });
    await clock.advance(299_000 - 1000);
    assert.equal(sender.sends.length, 2);
    await clock.advance(1000);
    assert.equal(sender.sends.length, 3);
    poller.update({ model: undefined });
    assert.deepEqual(await poller.refreshNow(), { sent: false, reason: 'no-model' });
    await clock.advance(60 * MINUTE);
    assert.equal(sender.sends.length, 3);
    poller.dispose();
  });

  it('stop() drops the result of a request in flight and leaves no timer', async () => {
    const { clock, sender, poller, observations } = setup();
    sender.latencyMs = 5000;
    poller.start();
    await clock.advance(1000);
    poller.stop();
    await clock.advance(10 * MINUTE);
    assert.equal(sender.sends.length, 1);
    assert.equal(observations.length, 0);
    assert.equal(clock.pending, 0);
    assert.deepEqual(await poller.refreshNow(), { sent: false, reason: 'stopped' });
    poller.start();
    await clock.advance(1);
    assert.equal(sender.sends.length, 2);
    poller.dispose();
  });

  it('a listener that throws is logged and does not stop polling', async () => {
    const errors: string[] = [];
    const log: Logger = { ...silentLogger(), error: (m) => void errors.push(String(m)) };
    const { clock, sender, poller } = setup({ log });
    poller.onObservation(() => {
      throw new Error('listener broke');
    });
    poller.start();
    await clock.advance(3 * MINUTE + 1000);
    assert.equal(sender.sends.length, 4);
    assert.equal(errors.length, 4);
    assert.match(errors[0] ?? '', /listener broke/);
    poller.dispose();
  });

  it('a send that never settles is aborted by the watchdog and polling goes on', async () => {
    const { clock, sender, poller, observations, start } = setup({ sendTimeoutMs: 30_000 });
    sender.reply = () => ({ status: 0, hang: true });
    poller.start();
    await clock.advance(2 * MINUTE + 1000); // watchdog at 30 s, backed-off retry at 120 s, still hanging
    assert.deepEqual(sender.times(start), [0, 120]);
    assert.equal(sender.aborted, 1);
    assert.equal(observations[0]?.kind, 'network-error');
    assert.equal(observations[0]?.kind === 'network-error' && observations[0].timeout, true);
    poller.dispose();
    await clock.advance(1);
    assert.equal(sender.aborted, 2);
    assert.equal(observations.length, 1);
    assert.equal(clock.pending, 0);
  });

  it('treats a throwing isActive() as inactive', async () => {
    const { clock, sender, poller } = setup({
      isActive: () => {
        throw new Error('no window');
      },
    });
    poller.start();
    await clock.advance(5 * MINUTE);
    assert.equal(sender.sends.length, 0);
    poller.dispose();
  });
});

function silentLogger(): Logger {
  return {
    trace: () => undefined,
    debug: () => undefined,
    info: () => undefined,
    warn: () => undefined,
    error: () => undefined,
  };
}
