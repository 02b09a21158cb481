/**
 * Hostile input, the monitor (issue item 4): a huge `retry-after` (seconds, an HTTP date
 * far ahead, or `retry-after-ms`) never makes the poller spin or the status bar count
 * down for years. The wait is capped at seven days (real 429s ask for hours), the tooltip
 * says so, and the timer is never armed faster than the poll interval.
 */
import * as assert from 'node:assert/strict';
import {
  MAX_RETRY_WAIT_MS,
  parseRateLimitHeaders,
  retryAfterUntil,
  type HeaderRecord,
} from '../../../src/core/monitor/headers';
import { Poller } from '../../../src/core/monitor/poller';
import type { Observation } from '../../../src/core/monitor/source';
import { DEFAULT_MONITOR_SETTINGS, initialMonitorState, nextState } from '../../../src/core/monitor/state';
import { statusText, statusTooltip } from '../../../src/core/monitor/format';
import { FakeScheduler } from '../monitor/helpers';

const MODEL = 'claude-haiku-4-5';
const MINUTE = 60_000;
const HUGE: HeaderRecord[] = [
  { 'retry-after': '3000000' },
  { 'retry-after': '999999999' },
  { 'retry-after': 'Fri, 01 Jan 2099 00:00:00 GMT' },
  { 'retry-after-ms': '999999999999' },
];

function response(at: number, headers: HeaderRecord): Observation {
  return {
    kind: 'response',
    source: 'poll',
    model: MODEL,
    at,
    latencyMs: 100,
    status: 429,
    headers: parseRateLimitHeaders(headers),
    error: {
      type: 'rate_limit_error',
      message: 'Number of requests has exceeded your per-minute rate limit',
    },
  };
}

describe('hostile input: a huge retry-after', () => {
  for (const headers of HUGE) {
    const name = Object.entries(headers)[0]?.join(': ');

    it(`${name}: the wait is capped at seven days and the tooltip says so`, () => {
      const at = Date.UTC(2026, 11, 6, 12);
      assert.equal(retryAfterUntil(parseRateLimitHeaders(headers), at), at + MAX_RETRY_WAIT_MS);
      const state = nextState(initialMonitorState(at, MODEL), response(at, headers), at, {
        ...DEFAULT_MONITOR_SETTINGS,
        model: MODEL,
      });
      assert.equal(state.countdownUntil, at + MAX_RETRY_WAIT_MS);
      const text = statusText(state, at);
      assert.doesNotMatch(text, /\d{2,}d/, `no countdown of weeks or years: ${text}`);
      assert.match(text, /[67]d/);
      assert.match(statusTooltip(state, at), /asked to wait longer than 7 days/);
    });

    it(`${name}: the poller waits once, then polls again; no timer storm`, async () => {
      const clock = new FakeScheduler();
      let arms = 0;
      const setTimeout = clock.setTimeout.bind(clock);
      clock.setTimeout = (callback, ms) => {
        arms++;
        return setTimeout(callback, ms);
      };
      const sends: number[] = [];
      const poller = new Poller({
        model: MODEL,
        intervalSeconds: 60,
        isActive: () => true,
        scheduler: clock,
        send: () => {
          sends.push(clock.now());
          return Promise.resolve(response(clock.now(), sends.length === 1 ? headers : {}));
        },
      });
      const start = clock.now();
      poller.start();
      await clock.advance(MAX_RETRY_WAIT_MS + 30 * MINUTE);
      poller.dispose();
      assert.ok(sends.length >= 2, 'polling resumes after the capped wait');
      assert.ok((sends[1] as number) - start <= MAX_RETRY_WAIT_MS + MINUTE, 'second poll within the cap');
      assert.ok(arms < 4 * sends.length + 4, `${arms} timer arms for ${sends.length} polls`);
    });
  }
});
