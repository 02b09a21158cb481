/**
 * Poll cost, counted at the server: the real poller, the real SDK sender and the local
 * Anthropic-compatible server, over a simulated hour on a fake clock shared by all three.
 */
import * as assert from 'node:assert/strict';
import { Poller } from '../../../src/core/monitor/poller';
import { createSdkSender } from '../../../src/core/monitor/sdkSender';
import type { Observation } from '../../../src/core/monitor/source';
import { initialMonitorState, nextState, type MonitorState } from '../../../src/core/monitor/state';
import { startMockAnthropic, type MockAnthropic } from '../../mock-anthropic/server';
import { FakeScheduler } from './helpers';

const KEY = 'sk-ant-api03-poll-cost-test';
const MODEL = 'claude-haiku-4-5';

describe('monitor: poll cost over a simulated hour, counted at the local server', () => {
  let clock: FakeScheduler;
  let server: MockAnthropic;
  let poller: Poller;
  let active: boolean;
  let state: MonitorState;
  const T0 = Date.UTC(2026, 5, 1, 9, 0, 0);

  // Set up per test (not in `before`), so mutation testing sees this code as covered by the test.
  beforeEach(async () => {
    clock = new FakeScheduler(T0);
    server = await startMockAnthropic({ apiKey: KEY, now: () => clock.now() });
    active = true;
    state = initialMonitorState(T0, MODEL);
    poller = new Poller({
      send: createSdkSender({
        apiKey: KEY,
        baseURL: server.url,
        source: 'simulated',
        now: () => clock.now(),
      }),
      model: MODEL,
      intervalSeconds: 60,
      isActive: () => active,
      scheduler: clock,
    });
    poller.onObservation((o: Observation) => {
      state = nextState(state, o, clock.now(), {
        warnAt: 0.2,
        criticalAt: 0.05,
        pollIntervalSeconds: 60,
        model: MODEL,
      });
    });
  });
  afterEach(async () => {
    poller.dispose();
    await server.close();
  });

  /**
   * Moves fake time to `seconds` after T0, from one due timer to the next (nothing else moves
   * the poller), letting each real HTTP exchange finish before time moves on.
   */
  async function until(seconds: number): Promise<void> {
    const end = T0 + seconds * 1000;
    while (clock.now() < end) {
      await clock.advance(Math.min(end, clock.nextDue ?? end) - clock.now());
      while (poller.status.inFlight) await new Promise((r) => setTimeout(r, 1));
    }
  }
  const requestTimes = (): number[] =>
    server
      .stats()
      .log.filter((r) => r.path === '/v1/messages')
      .map((r) => (r.at - T0) / 1000);

  it('one request per interval while active, none while inactive, none during a retry-after', async () => {
    poller.start();
    await until(600);
    // 10 minutes active: t = 0, 60, …, 540 (and 600 itself, the 11th).
    assert.deepEqual(
      requestTimes(),
      Array.from({ length: 11 }, (_, i) => i * 60),
    );
    assert.equal(state.kind, 'ok');
    assert.equal(state.source, 'simulated');

    active = false; // unfocused or idle for 20 minutes
    await until(1800);
    assert.equal(requestTimes().length, 11);

    active = true;
    await until(2400);
    const resumed = requestTimes().slice(11);
    assert.ok((resumed[0] ?? 0) > 1800 && (resumed[0] ?? 0) <= 1805, String(resumed[0]));
    assert.equal(resumed.length, 10);

    // The next poll meets a 429 with retry-after 300 s: nothing is sent until it passes.
    server.setFaults({ error: 'rate-limit', retryAfterSeconds: 300, times: 1 });
    await until(2460);
    const limitedAt = requestTimes().at(-1) ?? 0;
    assert.equal(server.stats().byStatus['429'], 1);
    assert.equal(state.kind, 'critical');
    assert.equal(state.countdownUntil, T0 + (limitedAt + 300) * 1000);
    await until(limitedAt + 299);
    assert.equal(requestTimes().at(-1), limitedAt, 'no request while the retry-after runs');
    await until(3600);
    const after = requestTimes().filter((t) => t > limitedAt);
    assert.equal(after[0], limitedAt + 300);
    assert.equal(state.kind, 'ok');

    // Never two requests closer than the interval, never two in flight.
    const times = requestTimes();
    for (let i = 1; i < times.length; i++) {
      assert.ok((times[i] ?? 0) - (times[i - 1] ?? 0) >= 60, `${times[i - 1]} → ${times[i]}`);
    }
    assert.equal(server.stats().maxInFlight, 1);
    // The whole hour, as the server saw it: 11 polls, 20 minutes of nothing, 10 polls, the
    // 429 at 2405 s, 300 s of nothing, then one per minute again: 37 requests.
    const every = (from: number, n: number): number[] => Array.from({ length: n }, (_, i) => from + i * 60);
    assert.deepEqual(times, [...every(0, 11), ...every(1805, 11), ...every(2705, 15)]);
    // Each poll costs one request and, when served, one output token.
    assert.equal(server.stats().requests, times.length);
    assert.equal(server.stats().byModel[MODEL]?.outputTokens, times.length - 1);
  });
});
