/**
 * The status bar's words, exactly: whole tooltips line by line, the text and background of
 * every state kind, the notification matrix, and duration boundaries. Written against the
 * mutation report (`npm run mutate`): each case pins a behaviour a planted change went
 * unnoticed by.
 */
import * as assert from 'node:assert/strict';
import {
  escapeMarkdown,
  formatDuration,
  notificationFor,
  statusBackground,
  statusText,
  statusTooltip,
} from '../../../src/core/monitor/format';
import { parseRateLimitHeaders, type HeaderRecord } from '../../../src/core/monitor/headers';
import type { ApiErrorInfo } from '../../../src/core/monitor/source';
import {
  DEFAULT_MONITOR_SETTINGS,
  initialMonitorState,
  nextState,
  type MonitorState,
  type MonitorStateKind,
} from '../../../src/core/monitor/state';
import { MONITOR_STATE_KINDS } from './helpers';

const T0 = Date.parse('2026-03-14T09:00:00Z');
const MODEL = 'claude-sonnet-4-6';
const SETTINGS = { ...DEFAULT_MONITOR_SETTINGS, model: MODEL };
const OPTIONS = { formatClock: (ms: number): string => new Date(ms).toISOString().slice(11, 19) };

function observe(status: number, headers: HeaderRecord, error?: ApiErrorInfo): MonitorState {
  return nextState(
    initialMonitorState(T0, MODEL),
    {
      kind: 'response',
      source: 'poll',
      model: MODEL,
      at: T0,
      status,
      headers: parseRateLimitHeaders(headers),
      ...(error && { error }),
    },
    T0,
    SETTINGS,
  );
}

/** A state of `kind` with nothing else known (what the formatter must cope with). */
function bare(kind: MonitorStateKind, extra: Partial<MonitorState> = {}): MonitorState {
  return { kind, reason: 'r', since: T0, models: {}, ...extra };
}

const KINDS = MONITOR_STATE_KINDS;

describe('monitor/format: exact words', () => {
  describe('tooltip, line by line', () => {
    it('a fresh reading: heading, reason, table (binding row bold, nothing used = empty Refills) and facts', () => {
      const state = observe(200, {
        'anthropic-ratelimit-requests-limit': '1000',
        'anthropic-ratelimit-requests-remaining': '820',
        'anthropic-ratelimit-requests-reset': '2026-03-14T09:00:11Z',
        'anthropic-ratelimit-output-tokens-limit': '400000',
        'anthropic-ratelimit-output-tokens-remaining': '400000',
        'anthropic-ratelimit-output-tokens-reset': '2026-03-14T09:00:00Z',
        'request-id': 'req_011CTooltip1',
      });
      assert.deepEqual(statusTooltip(state, T0 + 5000, OPTIONS).split('\n'), [
        '**Headroom** · `claude-sonnet-4-6`',
        '',
        '$(pulse) OK — Binding limit: requests per minute, 82% left \\(820 of 1,000\\).',
        '',
        '| | Left | Limit | Refills |',
        '|:--|--:|--:|--:|',
        '| **Requests/min** | 820 (82%) | 1,000 | 6s · 09:00:11 |',
        '| Output tok/min | 400,000 (100%) | 400,000 |  |',
        '',
        'Source: polling (one small request per interval)  ',
        'Last update: 5s ago (09:00:00)  ',
        'Last status: 200  ',
        'Last request id: `req_011CTooltip1`',
      ]);
    });

    it('a 429 without headers: countdown, no table, and a note that no headers came', () => {
      const state = observe(429, { 'retry-after': '23' }, { type: 'rate_limit_error' });
      assert.deepEqual(statusTooltip(state, T0, OPTIONS).split('\n'), [
        '**Headroom** · `claude-sonnet-4-6`',
        '',
        '$(error) Critical — Rate limited \\(429\\). Waiting for retry-after.',
        '',
        'Retry after: 23s (at 09:00:23).',
        '',
        'No rate-limit headers received for this model yet.',
        '',
        'Source: polling (one small request per interval)  ',
        'Last update: 0s ago (09:00:00)  ',
        'Last status: 429',
      ]);
      // Once the countdown has run out it is no longer shown.
      assert.ok(!statusTooltip(state, T0 + 23_000, OPTIONS).includes('Retry after'));
    });

    it('no key: no model, no table, no facts', () => {
      const state = nextState(initialMonitorState(T0, MODEL), { kind: 'no-key', at: T0 }, T0, SETTINGS);
      assert.deepEqual(statusTooltip(state, T0, OPTIONS).split('\n'), [
        '**Headroom** · no model chosen',
        '',
        '$(key) No API key — No Anthropic API key. Set one to see your rate-limit headroom.',
      ]);
    });

    it('each kind has its own title', () => {
      const titles = KINDS.map((kind) => statusTooltip(bare(kind), T0, OPTIONS).split('\n')[2]);
      assert.deepEqual(titles, [
        '$(pulse) OK — r',
        '$(warning) Warning — r',
        '$(error) Critical — r',
        '$(credit-card) Spend cap reached — r',
        '$(cloud) API overloaded — r',
        '$(key) Key problem — r',
        '$(debug-disconnect) Offline — r',
        '$(key) No API key — r',
        '$(history) Stale — r',
        '$(alert) API error — r',
      ]);
    });

    it('names each source, and strips backticks and line breaks from code spans', () => {
      const observed = bare('ok', { source: 'observed', model: 'm`x\ny', lastRequestId: 'req_`1' });
      const lines = statusTooltip(observed, T0, OPTIONS).split('\n');
      assert.equal(lines[0], '**Headroom** · `mxy`');
      assert.deepEqual(lines.slice(-2), [
        "Source: observed (your app's own traffic)  ",
        'Last request id: `req_1`',
      ]);
      const simulated = statusTooltip(bare('ok', { source: 'simulated' }), T0, OPTIONS).split('\n');
      assert.equal(simulated.at(-1), 'Source: simulated API (local test server)');
    });

    it('the default clock is local HH:MM:SS', () => {
      const at = T0 + 3_723_000;
      const d = new Date(at);
      const pad = (n: number): string => String(n).padStart(2, '0');
      const local = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
      const tooltip = statusTooltip(bare('offline', { lastUpdate: at }), at);
      assert.ok(tooltip.endsWith(`Last update: 0s ago (${local})`), tooltip);
    });
  });

  describe('status bar', () => {
    it('text of every kind when nothing else is known', () => {
      assert.deepEqual(
        KINDS.map((kind) => statusText(bare(kind), T0)),
        [
          '$(pulse) OK',
          '$(warning) low',
          '$(error) critical',
          '$(credit-card) spend cap',
          '$(cloud) 529 overloaded',
          '$(key) 401 key rejected',
          '$(debug-disconnect) offline',
          '$(key) set API key',
          '$(history) waiting for data',
          '$(alert) API error',
        ],
      );
    });

    it('a stale state shows its last share and age; a non-429 critical its share', () => {
      const known = { binding: 'requests' as const, bindingShare: 0.82, lastUpdate: T0 };
      assert.equal(statusText(bare('stale', known), T0 + 5000), '$(history) 82% RPM · 5s ago');
      assert.equal(statusText(bare('stale', { lastUpdate: T0 }), T0 + 5000), '$(history) 5s ago');
      assert.equal(statusText(bare('critical', known), T0), '$(error) 82% RPM');
      assert.equal(statusText(bare('warning', known), T0), '$(warning) 82% RPM');
      assert.equal(statusText(bare('ok', { binding: 'requests' }), T0), '$(pulse) OK');
      assert.equal(statusText(bare('api-error', { status: 404 }), T0), '$(alert) 404 API error');
      assert.equal(statusText(bare('auth', { status: 401 }), T0), '$(key) 401 key rejected');
      assert.equal(statusText(bare('critical', { status: 429 }), T0), '$(error) 429');
    });

    it('background of every kind', () => {
      assert.deepEqual(
        KINDS.map((kind) => statusBackground(bare(kind))),
        [
          undefined,
          'warning',
          'error',
          'error',
          'warning',
          'error',
          'warning',
          undefined,
          undefined,
          'warning',
        ],
      );
    });
  });

  describe('notifications', () => {
    it('only on getting worse, by level, with the model when known', () => {
      const ok = bare('ok', { model: MODEL });
      const warning = bare('warning', { model: MODEL, reason: 'low' });
      const critical = bare('critical', { reason: 'limited' });
      assert.deepEqual(notificationFor(ok, critical, 'critical'), {
        severity: 'error',
        message: 'Headroom: limited',
      });
      assert.deepEqual(notificationFor(ok, warning, 'all'), {
        severity: 'warning',
        message: `Headroom (${MODEL}): low`,
      });
      assert.equal(notificationFor(critical, warning, 'all'), undefined);
      assert.equal(notificationFor(warning, ok, 'all'), undefined);
      // From a state outside the ok → warning → critical scale, any bad state notifies.
      assert.equal(notificationFor(bare('stale'), warning, 'all')?.severity, 'warning');
      assert.equal(notificationFor(bare('offline'), critical, 'critical')?.severity, 'error');
      assert.equal(notificationFor(ok, bare('spend-cap'), 'critical')?.severity, 'error');
      assert.equal(notificationFor(ok, bare('auth'), 'critical')?.severity, 'error');
      // Platform trouble, staleness and recovery never notify.
      for (const kind of ['overloaded', 'offline', 'api-error', 'stale', 'no-key', 'ok'] as const) {
        assert.equal(notificationFor(bare('critical'), bare(kind), 'all'), undefined, kind);
      }
      assert.equal(notificationFor(bare('stale'), ok, 'all'), undefined);
    });
  });

  describe('helpers', () => {
    it('durations switch unit exactly at a minute, an hour and a day', () => {
      assert.equal(formatDuration(0), '0s');
      assert.equal(formatDuration(1999), '1s');
      assert.equal(formatDuration(60_000), '1m 00s');
      assert.equal(formatDuration(59_001, 'ceil'), '1m 00s');
      assert.equal(formatDuration(3_600_000), '1h 00m');
      assert.equal(formatDuration(3_599_999), '59m 59s');
      assert.equal(formatDuration(86_400_000), '1d 0h');
      assert.equal(formatDuration(86_399_999), '23h 59m');
    });

    it('escapes angle brackets and joins lines', () => {
      assert.equal(escapeMarkdown('a<b>c\r\nd\ne'), 'a&lt;b&gt;c d e');
    });
  });
});
