import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseRateLimitHeaders, type HeaderRecord } from '../../../src/core/monitor/headers';
import type { ApiErrorInfo, Observation, ResponseObservation } from '../../../src/core/monitor/source';
import {
  DEFAULT_MONITOR_SETTINGS,
  initialMonitorState,
  limitNamed,
  nextMonthStartUtc,
  nextState,
  staleAfterMs,
  stateBudget,
  type MonitorEvent,
  type MonitorSettings,
  type MonitorState,
} from '../../../src/core/monitor/state';
import { MONITOR_STATE_KINDS, loadRecordedResponses } from './helpers';

const T0 = Date.parse('2026-03-14T09:00:00Z');
const MODEL = 'claude-sonnet-4-6';
const SETTINGS: MonitorSettings = { ...DEFAULT_MONITOR_SETTINGS, model: MODEL };

function headersWith(share: { requests?: number; output?: number }, extra: HeaderRecord = {}): HeaderRecord {
  return {
    'anthropic-ratelimit-requests-limit': '1000',
    'anthropic-ratelimit-requests-remaining': String(Math.round((share.requests ?? 1) * 1000)),
    'anthropic-ratelimit-requests-reset': '2026-03-14T09:00:30Z',
    'anthropic-ratelimit-output-tokens-limit': '400000',
    'anthropic-ratelimit-output-tokens-remaining': String(Math.round((share.output ?? 1) * 400) * 1000),
    'anthropic-ratelimit-output-tokens-reset': '2026-03-14T09:00:40Z',
    'request-id': 'req_011CStateTest',
    ...extra,
  };
}

function response(
  status: number,
  headers: HeaderRecord,
  at = T0,
  error?: ApiErrorInfo,
  model = MODEL,
): ResponseObservation {
  return {
    kind: 'response',
    source: 'poll',
    model,
    at,
    latencyMs: 120,
    status,
    headers: parseRateLimitHeaders(headers),
    ...(error && { error }),
  };
}

function run(events: MonitorEvent[], settings = SETTINGS, start = initialMonitorState(T0)): MonitorState {
  let state = start;
  for (const event of events) {
    const now = 'at' in event ? event.at : T0;
    state = nextState(state, event, now, settings);
  }
  return state;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

describe('monitor/state', () => {
  it('starts stale, waiting for the first response', () => {
    const state = initialMonitorState(T0, MODEL);
    assert.equal(state.kind, 'stale');
    assert.equal(state.lastUpdate, undefined);
    assert.deepEqual(state.models, {});
  });

  describe('levels from the binding limit', () => {
    it('is ok with plenty left, and names the binding limit', () => {
      const state = run([response(200, headersWith({ requests: 0.82, output: 0.9 }))]);
      assert.equal(state.kind, 'ok');
      assert.equal(state.binding, 'requests');
      assert.equal(state.bindingShare, 0.82);
      assert.equal(state.status, 200);
      assert.equal(state.lastRequestId, 'req_011CStateTest');
      assert.match(state.reason, /requests per minute, 82% left \(820 of 1,000\)/);
      const s29 = run([response(200, headersWith({ requests: 0.29 }))]);
      assert.match(s29.reason, /29% left/);
    });

    it('warns below warnAt and is critical below 5%', () => {
      assert.equal(run([response(200, headersWith({ output: 0.2 }))]).kind, 'ok'); // not below
      const warning = run([response(200, headersWith({ output: 0.12 }))]);
      assert.equal(warning.kind, 'warning');
      assert.equal(warning.binding, 'output-tokens');
      assert.match(warning.reason, /Only 12% of output tokens per minute left \(48,000 of 400,000\)/);
      const critical = run([response(200, headersWith({ output: 0.04 }))]);
      assert.equal(critical.kind, 'critical');
      assert.equal(critical.countdownUntil, undefined);
    });

    it('honours a custom warnAt and keeps criticalAt at or below it', () => {
      const settings = { ...SETTINGS, warnAt: 0.5 };
      assert.equal(run([response(200, headersWith({ output: 0.4 }))], settings).kind, 'warning');
      const odd = { ...SETTINGS, warnAt: 0.03, criticalAt: 0.05 };
      assert.equal(run([response(200, headersWith({ output: 0.04 }))], odd).kind, 'ok');
      assert.equal(run([response(200, headersWith({ output: 0.02 }))], odd).kind, 'critical');
      const nonsense = { ...SETTINGS, warnAt: Number.NaN };
      assert.equal(run([response(200, headersWith({ output: 0.12 }))], nonsense).kind, 'warning');
    });

    it('is ok without a binding limit when the response had no rate-limit headers', () => {
      const state = run([response(200, { 'request-id': 'req_011CNoHeaders' })]);
      assert.equal(state.kind, 'ok');
      assert.equal(state.binding, undefined);
      assert.match(state.reason, /no usable rate-limit headers/);
    });

    it('notes a body that was not JSON but still trusts the headers', () => {
      const event: ResponseObservation = {
        ...response(200, headersWith({ output: 0.12 })),
        bodyError: 'invalid-json',
      };
      const state = run([event]);
      assert.equal(state.kind, 'warning');
      assert.match(state.reason, /not valid JSON/);
    });
  });

  describe('errors', () => {
    it('429 with retry-after: critical with a countdown and the limit the message names', () => {
      const state = run([
        response(429, headersWith({ output: 0 }, { 'retry-after': '23' }), T0, {
          type: 'rate_limit_error',
          message:
            "This request would exceed your organization's rate limit of 400,000 output tokens per minute.",
        }),
      ]);
      assert.equal(state.kind, 'critical');
      assert.equal(state.countdownUntil, T0 + 23_000);
      assert.equal(state.binding, 'output-tokens');
      assert.equal(state.bindingShare, 0);
      assert.equal(state.errorType, 'rate_limit_error');
      assert.match(
        state.reason,
        /Rate limited \(429\): output tokens per minute exhausted\. Waiting for retry-after\./,
      );
    });

    it('429 without retry-after (recording #25): critical, no countdown, requests exhausted from the headers', () => {
      const recorded = loadRecordedResponses()[25] as { headers: Record<string, string> };
      const state = run([response(429, recorded.headers, T0, { type: 'rate_limit_error' })]);
      assert.equal(state.kind, 'critical');
      assert.equal(state.countdownUntil, undefined);
      assert.equal(state.binding, 'requests');
      assert.match(state.reason, /No retry-after was sent; backing off/);
    });

    it('spend-cap 429: its own state, counting down to 00:00 UTC on the 1st', () => {
      const state = run([
        response(429, {}, T0, {
          type: 'rate_limit_error',
          message: 'You have reached your monthly spend cap.',
          errorCode: 'enforced_spend_limit_reached',
        }),
      ]);
      assert.equal(state.kind, 'spend-cap');
      assert.equal(state.countdownUntil, Date.parse('2026-04-01T00:00:00Z'));
      assert.equal(state.errorCode, 'enforced_spend_limit_reached');
      assert.match(state.reason, /retrying does not help/);
      assert.equal(nextMonthStartUtc(Date.parse('2026-12-31T23:59:59Z')), Date.parse('2027-01-01T00:00:00Z'));
    });

    it('400 for a spend limit the user set: spend-cap without a countdown', () => {
      const state = run([
        response(400, {}, T0, {
          type: 'invalid_request_error',
          message:
            'You have reached your specified workspace API usage limits. You will regain access on 2026-04-01.',
        }),
      ]);
      assert.equal(state.kind, 'spend-cap');
      assert.equal(state.countdownUntil, undefined);
    });

    it('529 is overloaded and keeps the last known budget', () => {
      const state = run([
        response(200, headersWith({ output: 0.5 })),
        response(529, { 'x-should-retry': 'true' }, T0 + 60_000, {
          type: 'overloaded_error',
          message: 'Overloaded',
        }),
      ]);
      assert.equal(state.kind, 'overloaded');
      assert.match(state.reason, /not your rate limit/);
      const budget = stateBudget(state, T0 + 60_000);
      assert.equal(budget?.binding?.id, 'output-tokens');
      assert.equal(budget?.dataAgeMs, 60_000);
    });

    it('401 and 403 are auth problems', () => {
      const s401 = run([
        response(401, {}, T0, { type: 'authentication_error', message: 'invalid x-api-key' }),
      ]);
      assert.equal(s401.kind, 'auth');
      assert.match(s401.reason, /rejected \(401\)/);
      assert.match(s401.reason, /invalid x-api-key/);
      assert.equal(run([response(403, {}, T0, { type: 'permission_error' })]).kind, 'auth');
    });

    it('500, 404 and other statuses are api-error', () => {
      const s500 = run([response(500, {}, T0, { type: 'api_error', message: 'Internal server error' })]);
      assert.equal(s500.kind, 'api-error');
      assert.match(s500.reason, /500 api_error/);
      assert.equal(
        run([response(404, {}, T0, { type: 'not_found_error', message: 'model: nope' })]).kind,
        'api-error',
      );
      assert.equal(run([response(302, {})]).kind, 'api-error');
    });

    it('network errors and timeouts are offline', () => {
      const base = { kind: 'network-error', source: 'poll', model: MODEL, at: T0 } as const;
      const refused = run([{ ...base, timeout: false, message: 'connection error: ECONNREFUSED' }]);
      assert.equal(refused.kind, 'offline');
      assert.match(refused.reason, /ECONNREFUSED/);
      const timeout = run([{ ...base, timeout: true, message: 'timed out' }]);
      assert.match(timeout.reason, /timed out/);
    });

    it('no-key forgets everything', () => {
      const state = run([response(200, headersWith({})), { kind: 'no-key', at: T0 + 1 }]);
      assert.equal(state.kind, 'no-key');
      assert.deepEqual(state.models, {});
    });

    it('reset waits for data again', () => {
      const state = run([response(200, headersWith({})), { kind: 'reset' }]);
      assert.equal(state.kind, 'stale');
      assert.equal(state.model, MODEL);
    });
  });

  describe('over time (fake clock)', () => {
    it('goes stale after twice the poll interval, not before, and recovers on the next response', () => {
      const fresh = run([response(200, headersWith({ output: 0.12 }))]);
      assert.equal(staleAfterMs(SETTINGS), 120_000);
      assert.equal(nextState(fresh, { kind: 'tick' }, T0 + 120_000, SETTINGS).kind, 'warning');
      const stale = nextState(fresh, { kind: 'tick' }, T0 + 120_001, SETTINGS);
      assert.equal(stale.kind, 'stale');
      assert.equal(stale.since, T0 + 120_001);
      assert.equal(stale.binding, 'output-tokens'); // what it was, for the "12% out TPM · 2m ago" text
      const again = nextState(stale, response(200, headersWith({})), T0 + 130_000, SETTINGS);
      assert.equal(again.kind, 'ok');
    });

    it('uses staleAfterMs when given and 2 minutes when polling is off', () => {
      assert.equal(staleAfterMs({ ...SETTINGS, pollIntervalSeconds: 0 }), 120_000);
      assert.equal(staleAfterMs({ ...SETTINGS, pollIntervalSeconds: 300 }), 600_000);
      assert.equal(staleAfterMs({ ...SETTINGS, staleAfterMs: 5000 }), 5000);
    });

    it('does not go stale while a retry-after countdown runs', () => {
      const limited = run([response(429, headersWith({ requests: 0 }, { 'retry-after': '600' }))]);
      assert.equal(nextState(limited, { kind: 'tick' }, T0 + 300_000, SETTINGS).kind, 'critical');
      assert.equal(nextState(limited, { kind: 'tick' }, T0 + 600_001, SETTINGS).kind, 'stale');
    });

    it('error states do not go stale', () => {
      const overloaded = run([response(529, {})]);
      assert.equal(nextState(overloaded, { kind: 'tick' }, T0 + 3_600_000, SETTINGS).kind, 'overloaded');
    });

    it('keeps `since` while the kind holds, so a notification fires once per entry', () => {
      const a = run([response(200, headersWith({ output: 0.12 }))]);
      const b = nextState(a, response(200, headersWith({ output: 0.1 }), T0 + 60_000), T0 + 60_000, SETTINGS);
      assert.equal(b.kind, 'warning');
      assert.equal(b.since, a.since);
      const c = nextState(
        b,
        response(200, headersWith({ output: 0.01 }), T0 + 120_000),
        T0 + 120_000,
        SETTINGS,
      );
      assert.equal(c.kind, 'critical');
      assert.equal(c.since, T0 + 120_000);
    });
  });

  describe('several models', () => {
    const haikuLimited = (): ResponseObservation =>
      response(
        429,
        headersWith({ requests: 0 }, { 'retry-after': '5' }),
        T0 + 1000,
        undefined,
        'claude-haiku-4-5',
      );

    it('records other models but keeps the state on the chosen one', () => {
      const state = run([response(200, headersWith({ requests: 0.9 })), haikuLimited()]);
      assert.equal(state.kind, 'ok');
      assert.equal(state.model, MODEL);
      assert.deepEqual(Object.keys(state.models).sort(), ['claude-haiku-4-5', MODEL]);
    });

    it('follows the latest model when none is chosen (observe mode)', () => {
      const settings = { ...DEFAULT_MONITOR_SETTINGS };
      const state = run([response(200, headersWith({})), haikuLimited()], settings);
      assert.equal(state.kind, 'critical');
      assert.equal(state.model, 'claude-haiku-4-5');
    });

    it('refocuses on a tick after the chosen model changes', () => {
      const both = run([
        response(200, headersWith({ requests: 0.9 })),
        response(200, headersWith({ output: 0.1 }), T0 + 1000, undefined, 'claude-haiku-4-5'),
      ]);
      const haiku = nextState(both, { kind: 'tick' }, T0 + 2000, { ...SETTINGS, model: 'claude-haiku-4-5' });
      assert.equal(haiku.model, 'claude-haiku-4-5');
      assert.equal(haiku.kind, 'warning');
      const unknown = nextState(both, { kind: 'tick' }, T0 + 2000, { ...SETTINGS, model: 'claude-opus-4-6' });
      assert.equal(unknown.kind, 'stale');
      assert.equal(unknown.model, 'claude-opus-4-6');
      assert.equal(Object.keys(unknown.models).length, 2);
    });
  });

  describe('on every recorded response', () => {
    const expectedKinds: Record<number, string> = {
      8: 'api-error',
      13: 'auth',
      20: 'api-error',
      25: 'critical',
      26: 'overloaded',
      27: 'critical',
    };
    loadRecordedResponses().forEach((record, i) => {
      const expected = expectedKinds[i] ?? 'ok';
      it(`#${i} (${record.status}) → ${expected}`, () => {
        const error = record.error_type ? { type: record.error_type } : undefined;
        const state = run([response(record.status, record.headers, T0, error)]);
        assert.equal(state.kind, expected);
        if (i === 27) assert.equal(state.countdownUntil, T0 + 13262 * 1000);
        if (i === 5) assert.equal(state.binding, 'input-tokens');
      });
    });
  });

  describe('purity', () => {
    it('does not mutate its input and returns equal output for equal input', () => {
      const prev = deepFreeze(run([response(200, headersWith({ output: 0.5 }))]));
      const event = deepFreeze(
        response(429, headersWith({ requests: 0 }, { 'retry-after': '3' }), T0 + 5000),
      );
      const a = nextState(prev, event, T0 + 5000, SETTINGS);
      const b = nextState(prev, event, T0 + 5000, SETTINGS);
      assert.deepEqual(a, b);
      assert.notEqual(a, prev);
    });

    it('never throws and always yields a valid state on random event sequences (fuzzed)', () => {
      const kinds: readonly string[] = MONITOR_STATE_KINDS;
      const headerValue = fc.oneof(
        fc.nat({ max: 5000 }).map(String),
        fc.string(),
        fc.constant('2026-03-14T09:01:00Z'),
      );
      const event: fc.Arbitrary<Observation | MonitorEvent> = fc.oneof(
        fc
          .record({
            status: fc.constantFrom(200, 201, 400, 401, 403, 404, 429, 500, 529, 0, 999),
            dt: fc.nat({ max: 600_000 }),
            model: fc.constantFrom(MODEL, 'claude-haiku-4-5'),
            headers: fc.dictionary(
              fc.constantFrom(
                'anthropic-ratelimit-requests-limit',
                'anthropic-ratelimit-requests-remaining',
                'anthropic-ratelimit-output-tokens-limit',
                'anthropic-ratelimit-output-tokens-remaining',
                'anthropic-ratelimit-output-tokens-reset',
                'retry-after',
              ),
              headerValue,
            ),
            message: fc.option(fc.string(), { nil: undefined }),
            code: fc.option(fc.constantFrom('enforced_spend_limit_reached', 'other'), { nil: undefined }),
          })
          .map(({ status, dt, model, headers, message, code }) =>
            response(
              status,
              headers,
              T0 + dt,
              { type: 'x', ...(message && { message }), ...(code && { errorCode: code }) },
              model,
            ),
          ),
        fc.constant<MonitorEvent>({ kind: 'tick' }),
        fc.constant<MonitorEvent>({ kind: 'reset' }),
        fc.constant<MonitorEvent>({ kind: 'no-key', at: T0 }),
        fc
          .record({ timeout: fc.boolean(), message: fc.string() })
          .map((e): Observation => ({ kind: 'network-error', source: 'poll', model: MODEL, at: T0, ...e })),
      );
      fc.assert(
        fc.property(
          fc.array(fc.tuple(event, fc.nat({ max: 1_000_000 })), { maxLength: 30 }),
          fc.boolean(),
          (events, chosen) => {
            let state = initialMonitorState(T0);
            let now = T0;
            for (const [e, dt] of events) {
              now += dt;
              state = nextState(state, e, now, chosen ? SETTINGS : DEFAULT_MONITOR_SETTINGS);
              assert.ok(kinds.includes(state.kind), state.kind);
              assert.ok(state.since <= now);
              assert.ok(state.reason.length > 0);
              if (state.bindingShare !== undefined) {
                assert.ok(state.bindingShare >= 0 && state.bindingShare <= 1);
              }
            }
          },
        ),
        { numRuns: 300 },
      );
    });
  });

  it('reads which limit a 429 message names', () => {
    assert.equal(limitNamed('…rate limit of 50 requests per minute…'), 'requests');
    assert.equal(limitNamed('…of 40,000 input tokens per minute…'), 'input-tokens');
    assert.equal(limitNamed('…of 8,000 output tokens per minute…'), 'output-tokens');
    assert.equal(limitNamed('Number of request tokens has exceeded your per-minute rate limit'), 'tokens');
    assert.equal(limitNamed('fast mode output tokens per minute'), 'fast-output-tokens');
    assert.equal(limitNamed('Fast mode input tokens per minute'), 'fast-input-tokens');
    assert.equal(limitNamed('breakfast: 80,000 tokens'), 'tokens');
    assert.equal(limitNamed(''), undefined);
    assert.equal(limitNamed('Overloaded'), undefined);
    assert.equal(limitNamed(undefined), undefined);
  });
});
