/**
 * One truth on the status bar (issue 12): the bar's percentage is the number the tooltip's
 * table shows for the binding limit, in every state; a stale reading is shown as the
 * estimate (reading plus refill), never as a measured 0%; resets carry a clock time; the
 * table's heads and labels are short; a notification ends when the state recovers.
 */
import * as assert from 'node:assert/strict';
import {
  TOOLTIP_HEADS,
  bindingFigure,
  notificationEnds,
  refillsCell,
  statusBackground,
  statusText,
  statusTooltip,
  type FormatOptions,
} from '../../../src/core/monitor/format';
import { parseRateLimitHeaders, type HeaderRecord } from '../../../src/core/monitor/headers';
import {
  DEFAULT_MONITOR_SETTINGS,
  initialMonitorState,
  nextState,
  type MonitorState,
} from '../../../src/core/monitor/state';

const START = Date.parse('2026-05-02T14:30:00Z');
const MODEL = 'claude-haiku-4-5';
const SETTINGS = { ...DEFAULT_MONITOR_SETTINGS, model: MODEL, pollIntervalSeconds: 30 };
/** The status bar's rule: a reading older than one poll interval is shown as the estimate. */
const OPTIONS: FormatOptions = {
  estimateAfterMs: 30_000,
  formatClock: (ms) => new Date(ms).toISOString().slice(11, 19),
};

/** Headers of a 50 RPM limit with `left` requests left, full again `resetS` seconds after `at`. */
function rpm(left: number, at: number, resetS: number, extra: HeaderRecord = {}): HeaderRecord {
  return {
    'anthropic-ratelimit-requests-limit': '50',
    'anthropic-ratelimit-requests-remaining': String(left),
    'anthropic-ratelimit-requests-reset': new Date(at + resetS * 1000).toISOString(),
    'anthropic-ratelimit-input-tokens-limit': '50000',
    'anthropic-ratelimit-input-tokens-remaining': '50000',
    'anthropic-ratelimit-input-tokens-reset': new Date(at).toISOString(),
    ...extra,
  };
}

function respond(previous: MonitorState, status: number, headers: HeaderRecord, at: number): MonitorState {
  return nextState(
    previous,
    { kind: 'response', source: 'poll', model: MODEL, at, status, headers: parseRateLimitHeaders(headers) },
    at,
    SETTINGS,
  );
}

/** The percentage in the status bar text, if it shows one. */
function barPercent(state: MonitorState, now: number): string | undefined {
  return /(\d+)%/.exec(statusText(state, now, OPTIONS))?.[1];
}

/** The percentage in the tooltip's bold (binding) row's Left cell. */
function tooltipPercent(state: MonitorState, now: number): string | undefined {
  const row = statusTooltip(state, now, OPTIONS)
    .split('\n')
    .find((line) => line.startsWith('| **'));
  return row ? /\((\d+)%\)/.exec(row.split('|')[2] ?? '')?.[1] : undefined;
}

describe('monitor/format: one truth on the status bar', () => {
  const initial = initialMonitorState(START, MODEL);
  const ok = respond(initial, 200, rpm(45, START, 6), START);
  const warning = respond(ok, 200, rpm(5, START + 10_000, 57), START + 10_000);
  const limited = respond(warning, 429, rpm(0, START + 20_000, 60, { 'retry-after': '20' }), START + 20_000);

  it('the bar and the tooltip show the same percentage: ok, warning, stale estimate, 429 countdown, recovered', () => {
    const cases: Array<[string, MonitorState, number, string | undefined]> = [
      ['ok, fresh', ok, START + 1000, '90'],
      ['warning, fresh', warning, START + 11_000, '10'],
      ['429 counting down', limited, START + 25_000, undefined],
      // 46 s after the 429 (an unfocused window polls no more): 0 + 50/60 × 46 = 38 of 50.
      ['stale estimate', limited, START + 66_000, '76'],
    ];
    const recovered = respond(limited, 200, rpm(49, START + 90_000, 1), START + 90_000);
    cases.push(['recovered', recovered, START + 90_500, '98']);
    for (const [name, state, now, expected] of cases) {
      assert.equal(barPercent(state, now), expected, `${name}: ${statusText(state, now, OPTIONS)}`);
      if (expected !== undefined) assert.equal(tooltipPercent(state, now), expected, name);
      else assert.equal(tooltipPercent(state, now), '0', `${name}: the table still shows the reading`);
    }
  });

  it('never shows a stale measured 0%: the estimate, marked, with no alarm colour', () => {
    const now = START + 66_000;
    const text = statusText(limited, now, OPTIONS);
    assert.equal(text, '$(history) ~76% RPM est.');
    assert.equal(statusBackground(limited, now, OPTIONS), undefined);
    assert.equal(statusBackground(limited, START + 25_000, OPTIONS), 'error', 'the countdown is still red');
    const tooltip = statusTooltip(limited, now, OPTIONS);
    assert.ok(tooltip.includes('| **Requests/min** | ~38 (76%) | 50 | 14s · 14:31:20 |'), tooltip);
    assert.match(tooltip, /^~ Estimate: the last reading plus refill/m);
    assert.match(tooltip, /Estimate: ~76% RPM left\. Last reading: Rate limited/);
    assert.deepEqual(bindingFigure(limited, now, OPTIONS), {
      id: 'requests',
      remaining: 38,
      limit: 50,
      share: 0.76,
      estimated: true,
    });
  });

  it('a stale state shows the estimate even inside the poll interval', () => {
    const stale = nextState(ok, { kind: 'tick' }, START + 61_000, SETTINGS);
    assert.equal(stale.kind, 'stale');
    assert.equal(
      statusText(stale, START + 61_000, { estimateAfterMs: 3_600_000 }),
      '$(history) ~100% RPM est.',
    );
  });

  it('Refills: empty when nothing is used, "now" once the reset passed, else countdown and clock time', () => {
    const clock = (ms: number): string => new Date(ms).toISOString().slice(11, 16);
    const reset = new Date(START + 65_000);
    assert.equal(refillsCell({ remaining: 50, limit: 50 }, { msUntilFull: 5000, reset }, clock), '');
    assert.equal(refillsCell({ remaining: 49, limit: 50 }, { msUntilFull: 0, reset }, clock), 'now');
    assert.equal(
      refillsCell({ remaining: 10, limit: 50 }, { msUntilFull: 65_000, reset }, clock),
      '1m 05s · 14:31',
    );
    assert.equal(refillsCell({ remaining: 10, limit: 50 }, {}, clock), '—');
  });

  it('fits the default hover width: one-word heads, short labels with units, short rows', () => {
    for (const head of TOOLTIP_HEADS) assert.match(head, /^\w{1,7}$/);
    const tooltip = statusTooltip(ok, START + 1000, OPTIONS);
    const rows = tooltip.split('\n').filter((line) => line.startsWith('|'));
    assert.deepEqual(rows[0], '| | Left | Limit | Refills |');
    assert.ok(rows.some((r) => r.includes('| **Requests/min** |')));
    assert.ok(rows.some((r) => r.includes('| Input tok/min |')));
    // Rendered cells (bold markers and pipes aside) stay well inside a 500 px hover.
    for (const row of rows.slice(2)) {
      const visible = row
        .replace(/\*\*/g, '')
        .replace(/\s*\|\s*/g, ' ')
        .trim();
      assert.ok(visible.length <= 60, `${visible.length} chars: ${visible}`);
    }
  });

  it('a warning state is what it says', () => assert.equal(warning.kind, 'warning'));

  it('a notification ends on recovery or another definite state, and holds while nothing is known', () => {
    const recovered = respond(warning, 200, rpm(49, START + 12_000, 1), START + 12_000);
    assert.equal(notificationEnds('warning', recovered), true, 'recovered to ok');
    assert.equal(notificationEnds('warning', limited), true, 'superseded by critical');
    assert.equal(
      notificationEnds('critical', warning),
      true,
      'better, but not ok: the critical note is wrong now',
    );
    assert.equal(notificationEnds('warning', warning), false);
    assert.equal(
      notificationEnds('warning', nextState(warning, { kind: 'tick' }, START + 200_000, SETTINGS)),
      false,
    );
    assert.equal(
      notificationEnds('critical', nextState(limited, { kind: 'no-key', at: START }, START)),
      true,
    );
  });
});
