import * as assert from 'node:assert/strict';
import {
  escapeMarkdown,
  formatCount,
  formatDuration,
  formatPercent,
  notificationFor,
  statusBackground,
  statusText,
  statusTooltip,
} from '../../../src/core/monitor/format';
import { parseRateLimitHeaders, type HeaderRecord } from '../../../src/core/monitor/headers';
import type { ApiErrorInfo, ResponseObservation } from '../../../src/core/monitor/source';
import {
  DEFAULT_MONITOR_SETTINGS,
  initialMonitorState,
  nextState,
  type MonitorState,
} from '../../../src/core/monitor/state';

const T0 = Date.parse('2026-03-14T09:00:00Z');
const MODEL = 'claude-sonnet-4-6';
const SETTINGS = { ...DEFAULT_MONITOR_SETTINGS, model: MODEL };
const clock = (ms: number): string => new Date(ms).toISOString().slice(11, 19);

const FULL: HeaderRecord = {
  'anthropic-ratelimit-requests-limit': '1000',
  'anthropic-ratelimit-requests-remaining': '820',
  'anthropic-ratelimit-requests-reset': '2026-03-14T09:00:11Z',
  'anthropic-ratelimit-input-tokens-limit': '2000000',
  'anthropic-ratelimit-input-tokens-remaining': '1999000',
  'anthropic-ratelimit-input-tokens-reset': '2026-03-14T09:00:01Z',
  'anthropic-ratelimit-output-tokens-limit': '400000',
  'anthropic-ratelimit-output-tokens-remaining': '400000',
  'anthropic-ratelimit-output-tokens-reset': '2026-03-14T09:00:00Z',
  'anthropic-ratelimit-tokens-limit': '2400000',
  'anthropic-ratelimit-tokens-remaining': '2399000',
  'anthropic-ratelimit-tokens-reset': '2026-03-14T09:00:01Z',
  'request-id': 'req_011CFormatTest',
};

function observe(
  status: number,
  headers: HeaderRecord,
  error?: ApiErrorInfo,
  extra: Partial<ResponseObservation> = {},
): MonitorState {
  const event: ResponseObservation = {
    kind: 'response',
    source: 'poll',
    model: MODEL,
    at: T0,
    status,
    headers: parseRateLimitHeaders(headers),
    ...(error && { error }),
    ...extra,
  };
  return nextState(initialMonitorState(T0, MODEL), event, T0, SETTINGS);
}

describe('monitor/format', () => {
  describe('status text', () => {
    it('ok: binding share and label', () => {
      assert.equal(statusText(observe(200, FULL), T0), '$(pulse) 82% RPM');
    });

    it('warning and critical by share', () => {
      const low = { ...FULL, 'anthropic-ratelimit-output-tokens-remaining': '48000' };
      assert.equal(statusText(observe(200, low), T0), '$(warning) 12% out TPM');
      const lower = { ...FULL, 'anthropic-ratelimit-input-tokens-remaining': '80000' };
      assert.equal(statusText(observe(200, lower), T0), '$(error) 4% in TPM');
    });

    it('429 with a countdown that ticks down and then disappears', () => {
      const state = observe(429, { ...FULL, 'retry-after': '23' }, { type: 'rate_limit_error' });
      assert.equal(statusText(state, T0), '$(error) 429 · 23s');
      assert.equal(statusText(state, T0 + 22_500), '$(error) 429 · 1s');
      assert.equal(statusText(state, T0 + 23_000), '$(error) 429');
      assert.equal(statusText(observe(429, FULL), T0), '$(error) 429');
    });

    it('every other state', () => {
      assert.equal(statusText(observe(529, {}), T0), '$(cloud) 529 overloaded');
      assert.equal(statusText(observe(401, {}), T0), '$(key) 401 key rejected');
      assert.equal(statusText(observe(403, {}), T0), '$(key) 403 no permission');
      assert.equal(statusText(observe(500, {}), T0), '$(alert) 500 API error');
      assert.equal(
        statusText(observe(429, {}, { errorCode: 'enforced_spend_limit_reached' }), T0),
        '$(credit-card) spend cap',
      );
      assert.equal(statusText(observe(200, {}), T0), '$(pulse) OK');
      const offline = nextState(
        initialMonitorState(T0, MODEL),
        { kind: 'network-error', source: 'poll', model: MODEL, at: T0, timeout: false, message: 'x' },
        T0,
        SETTINGS,
      );
      assert.equal(statusText(offline, T0), '$(debug-disconnect) offline');
      assert.equal(statusText(nextState(offline, { kind: 'no-key', at: T0 }, T0), T0), '$(key) set API key');
      assert.equal(statusText(initialMonitorState(T0), T0), '$(history) waiting for data');
      const stale = nextState(observe(200, FULL), { kind: 'tick' }, T0 + 300_000, SETTINGS);
      // Five minutes on, the stale reading is shown as the estimate (refilled), never as measured.
      assert.equal(statusText(stale, T0 + 300_000), '$(history) ~100% RPM est.');
    });
  });

  describe('background', () => {
    it('uses error for critical, spend cap and key problems, warning for warning and platform trouble', () => {
      assert.equal(statusBackground(observe(200, FULL)), undefined);
      assert.equal(
        statusBackground(observe(200, { ...FULL, 'anthropic-ratelimit-requests-remaining': '100' })),
        'warning',
      );
      assert.equal(statusBackground(observe(429, FULL)), 'error');
      assert.equal(statusBackground(observe(401, {})), 'error');
      assert.equal(statusBackground(observe(529, {})), 'warning');
      assert.equal(statusBackground(initialMonitorState(T0)), undefined);
    });
  });

  describe('tooltip', () => {
    it('has a table row per family with short heads: left (as measured while fresh), limit, refills', () => {
      const tooltip = statusTooltip(observe(200, FULL), T0 + 5000, { formatClock: clock });
      assert.match(tooltip, /^\*\*Headroom\*\* · `claude-sonnet-4-6`/);
      assert.ok(tooltip.includes('| | Left | Limit | Refills |'), tooltip);
      assert.ok(tooltip.includes('| **Requests/min** | 820 (82%) | 1,000 | 6s · 09:00:11 |'), tooltip);
      // Reset passed: full again now. Nothing used: nothing to refill, so the cell is empty.
      assert.ok(tooltip.includes('| Input tok/min | 1,999,000 (99%) | 2,000,000 | now |'), tooltip);
      assert.ok(tooltip.includes('| Output tok/min | 400,000 (100%) | 400,000 |  |'), tooltip);
      assert.ok(tooltip.includes('| Tokens/min | 2,399,000 (99%) | 2,400,000 | now |'), tooltip);
      assert.ok(!tooltip.includes('~'), 'a fresh reading is not marked as an estimate');
      assert.match(tooltip, /Source: polling/);
      assert.match(tooltip, /Last update: 5s ago \(09:00:00\)/);
      assert.match(tooltip, /Last request id: `req_011CFormatTest`/);
    });

    it('shows the retry-after and spend-cap countdowns', () => {
      const limited = observe(429, { ...FULL, 'retry-after': '23' });
      assert.match(statusTooltip(limited, T0, { formatClock: clock }), /Retry after: 23s \(at 09:00:23\)/);
      const cap = observe(429, {}, { errorCode: 'enforced_spend_limit_reached' });
      assert.match(statusTooltip(cap, T0), /Cap resets in 17d 15h \(2026-04-01 00:00 UTC\)/);
    });

    it('says simulated API for the local server', () => {
      const state = observe(200, FULL, undefined, { source: 'simulated' });
      assert.match(statusTooltip(state, T0), /Source: simulated API/);
    });

    it('escapes server text so it cannot inject Markdown, links or icons', () => {
      const state = observe(
        500,
        {},
        {
          type: 'api_error',
          message: 'Boom | [click](https://evil.example) <img src=x> $(key) **bold**\nnext',
        },
      );
      const tooltip = statusTooltip(state, T0);
      assert.ok(!tooltip.includes('[click](https'), tooltip);
      assert.ok(!tooltip.includes('<img'));
      assert.ok(!tooltip.includes(' $(key)'));
      assert.ok(tooltip.includes('\\[click\\]\\(https://evil.example\\)'));
      assert.equal(escapeMarkdown('a|b'), 'a\\|b');
    });

    it('flags remaining above the limit', () => {
      const state = observe(200, {
        'anthropic-ratelimit-input-tokens-limit': '2500',
        'anthropic-ratelimit-input-tokens-remaining': '3000',
      });
      assert.match(statusTooltip(state, T0), /3,000 \(100%\) ⚠ above limit/);
    });

    it('never contains an API key', () => {
      const key = 'sk-ant-api03-SECRETSECRETSECRET';
      // The state machine and formatter only ever see parsed, scrubbed data; a key has no way in.
      const state = observe(401, {}, { type: 'authentication_error', message: 'invalid x-api-key' });
      for (const text of [statusText(state, T0), statusTooltip(state, T0)]) assert.ok(!text.includes(key));
    });
  });

  describe('notifications', () => {
    // Built per test (not while mocha collects tests), so mutation testing sees it as covered by the test.
    let ok: MonitorState, warning: MonitorState, critical: MonitorState, auth: MonitorState;
    beforeEach(() => {
      ok = observe(200, FULL);
      warning = observe(200, { ...FULL, 'anthropic-ratelimit-requests-remaining': '100' });
      critical = observe(429, FULL);
      auth = observe(401, {});
    });

    it('fires when entering warning (all), critical, spend cap or auth, never while the kind holds', () => {
      assert.equal(notificationFor(ok, warning, 'all')?.severity, 'warning');
      assert.equal(notificationFor(ok, warning, 'critical'), undefined);
      assert.equal(notificationFor(warning, critical, 'critical')?.severity, 'error');
      assert.equal(notificationFor(ok, auth, 'critical')?.severity, 'error');
      assert.equal(notificationFor(critical, critical, 'all'), undefined);
      assert.equal(notificationFor(ok, critical, 'off'), undefined);
      assert.match(
        notificationFor(ok, critical, 'all')?.message ?? '',
        /^Headroom \(claude-sonnet-4-6\): Rate limited/,
      );
    });

    it('stays quiet when things improve', () => {
      assert.equal(notificationFor(critical, warning, 'all'), undefined);
      assert.equal(notificationFor(warning, ok, 'all'), undefined);
      assert.equal(notificationFor(auth, ok, 'all'), undefined);
    });
  });

  describe('helpers', () => {
    it('formats durations for countdowns (ceil) and ages (floor)', () => {
      assert.equal(formatDuration(0), '0s');
      assert.equal(formatDuration(-5), '0s');
      assert.equal(formatDuration(Number.NaN), '0s');
      assert.equal(formatDuration(100, 'ceil'), '1s');
      assert.equal(formatDuration(100, 'floor'), '0s');
      assert.equal(formatDuration(59_000), '59s');
      assert.equal(formatDuration(65_000), '1m 05s');
      assert.equal(formatDuration(3_600_000 + 41 * 60_000), '1h 41m');
      assert.equal(formatDuration(9 * 86_400_000 + 4 * 3_600_000), '9d 4h');
    });

    it('rounds percentages down so headroom is never overstated', () => {
      assert.equal(formatPercent(0.199), '19%');
      assert.equal(formatPercent(0.2), '20%');
      assert.equal(formatPercent(0.0499), '4%');
      assert.equal(formatPercent(1), '100%');
      assert.equal(formatPercent(0.29), '29%');
      assert.equal(formatPercent(Number.NaN), '—');
    });

    it('groups thousands', () => {
      assert.equal(formatCount(2399000), '2,399,000');
      assert.equal(formatCount(Number.POSITIVE_INFINITY), '—');
    });
  });
});
