/**
 * The state machine's exact output: whole states compared with deepStrictEqual (so a field
 * that should be absent must be absent), reasons word for word, and each threshold at its
 * boundary. Written against the mutation report (`npm run mutate`): each case pins a
 * behaviour a planted change went unnoticed by.
 */
import * as assert from 'node:assert/strict';
import { parseRateLimitHeaders, type HeaderRecord } from '../../../src/core/monitor/headers';
import type { ApiErrorInfo, ResponseObservation } from '../../../src/core/monitor/source';
import {
  DEFAULT_MONITOR_SETTINGS,
  initialMonitorState,
  nextState,
  staleAfterMs,
  stateBudget,
  type MonitorSettings,
  type MonitorState,
} from '../../../src/core/monitor/state';

const T0 = Date.parse('2026-03-14T09:00:00Z');
const MODEL = 'claude-sonnet-4-6';
const SETTINGS: MonitorSettings = { ...DEFAULT_MONITOR_SETTINGS, model: MODEL };

/** Requests limit 1000 with `remaining` left (and a request id unless `extra` overrides it). */
function requests(remaining: number, extra: HeaderRecord = {}): HeaderRecord {
  return {
    'anthropic-ratelimit-requests-limit': '1000',
    'anthropic-ratelimit-requests-remaining': String(remaining),
    ...extra,
  };
}

function response(
  status: number,
  headers: HeaderRecord,
  options: { at?: number; error?: ApiErrorInfo; model?: string; bodyError?: 'invalid-json' } = {},
): ResponseObservation {
  return {
    kind: 'response',
    source: 'poll',
    model: options.model ?? MODEL,
    at: options.at ?? T0,
    status,
    headers: parseRateLimitHeaders(headers),
    ...(options.error && { error: options.error }),
    ...(options.bodyError && { bodyError: options.bodyError }),
  };
}

/** The state after one response to a fresh machine, at the response's time. */
function after(event: ResponseObservation, settings: MonitorSettings = SETTINGS): MonitorState {
  return nextState(initialMonitorState(T0, MODEL), event, event.at, settings);
}

/** The state without its per-model records (compared separately where they matter). */
function fields(state: MonitorState): Omit<MonitorState, 'models'> {
  const { models: _models, ...rest } = state;
  return rest;
}

describe('monitor/state: exact states', () => {
  it('the initial state has no model field unless one is given', () => {
    assert.deepEqual(initialMonitorState(T0), {
      kind: 'stale',
      reason: 'No data yet: waiting for the first response.',
      since: T0,
      models: {},
    });
    assert.equal(initialMonitorState(T0, MODEL).model, MODEL);
  });

  it('stateBudget is undefined without a model, even when records exist', () => {
    const withData = after(response(200, requests(500)));
    assert.ok(stateBudget(withData, T0));
    const { model: _model, ...noModel } = withData;
    assert.equal(stateBudget(noModel, T0), undefined);
  });

  it('staleAfterMs: an explicit positive threshold wins; otherwise twice the interval, or 2 min when off', () => {
    assert.equal(staleAfterMs({ ...DEFAULT_MONITOR_SETTINGS, staleAfterMs: 5000 }), 5000);
    assert.equal(
      staleAfterMs({ ...DEFAULT_MONITOR_SETTINGS, staleAfterMs: 0, pollIntervalSeconds: 30 }),
      60_000,
    );
    assert.equal(
      staleAfterMs({ ...DEFAULT_MONITOR_SETTINGS, staleAfterMs: -1, pollIntervalSeconds: 10 }),
      20_000,
    );
    assert.equal(staleAfterMs({ ...DEFAULT_MONITOR_SETTINGS, pollIntervalSeconds: 0 }), 120_000);
  });

  describe('levels', () => {
    it('a share exactly at criticalAt is a warning, exactly at warnAt is ok', () => {
      assert.equal(after(response(200, requests(49))).kind, 'critical');
      assert.equal(after(response(200, requests(50))).kind, 'warning');
      assert.equal(after(response(200, requests(199))).kind, 'warning');
      assert.equal(after(response(200, requests(200))).kind, 'ok');
    });

    it('says which limit binds, its share and the amounts, word for word', () => {
      const ok = after(response(200, requests(820, { 'request-id': 'req_011CExact1' })));
      assert.deepEqual(fields(ok), {
        kind: 'ok',
        reason: 'Binding limit: requests per minute, 82% left (820 of 1,000).',
        since: T0,
        model: MODEL,
        source: 'poll',
        status: 200,
        lastUpdate: T0,
        lastRequestId: 'req_011CExact1',
        binding: 'requests',
        bindingShare: 0.82,
      });
      assert.equal(
        after(response(200, requests(120))).reason,
        'Only 12% of requests per minute left (120 of 1,000).',
      );
    });

    it('a 200 without usable headers, and one whose latest family is incomplete, say so differently', () => {
      const none = after(response(200, {}));
      assert.deepEqual(fields(none), {
        kind: 'ok',
        reason: 'The API answered, but sent no usable rate-limit headers.',
        since: T0,
        model: MODEL,
        source: 'poll',
        status: 200,
        lastUpdate: T0,
      });
      const partial = after(response(200, { 'anthropic-ratelimit-requests-limit': '1000' }));
      assert.equal(
        partial.reason,
        'The API answered; its latest response had no complete rate-limit family.',
      );
      assert.equal(partial.binding, undefined);
    });

    it('notes a 2xx body that was not JSON; 299 is a success, 300 is not', () => {
      const bad = after(response(200, requests(820), { bodyError: 'invalid-json' }));
      assert.equal(
        bad.reason,
        'Binding limit: requests per minute, 82% left (820 of 1,000). The response body was not valid JSON.',
      );
      assert.equal(after(response(299, requests(820))).kind, 'ok');
      assert.equal(after(response(300, requests(820))).kind, 'api-error');
      assert.equal(after(response(199, requests(820))).kind, 'api-error');
    });
  });

  describe('errors', () => {
    it('api-error names the status, the error type when sent, and what the API said', () => {
      const plain = after(response(500, {}));
      assert.equal(plain.reason, 'The API answered 500.');
      assert.equal(plain.errorType, undefined);
      assert.ok(!('errorType' in plain) && !('errorCode' in plain));
      const typed = after(
        response(500, {}, { error: { type: 'api_error', message: 'Internal  error\n here' } }),
      );
      assert.equal(typed.reason, 'The API answered 500 api_error. The API said: “Internal error here”');
      assert.equal(typed.errorType, 'api_error');
    });

    it('quotes a long API message cut to 200 characters, and a 200-character one whole', () => {
      const long = 'x'.repeat(250);
      assert.equal(
        after(response(500, {}, { error: { message: long } })).reason,
        `The API answered 500. The API said: “${'x'.repeat(199)}…”`,
      );
      const exact = 'y'.repeat(200);
      assert.equal(
        after(response(500, {}, { error: { message: exact } })).reason,
        `The API answered 500. The API said: “${exact}”`,
      );
    });

    it('401 and 403 have their own reasons, with what the API said', () => {
      const said = { type: 'authentication_error', message: 'invalid x-api-key' };
      assert.equal(
        after(response(401, {}, { error: said })).reason,
        'The API key was rejected (401): it is missing, malformed, revoked or expired. The API said: “invalid x-api-key”',
      );
      assert.equal(after(response(403, {})).reason, 'The API key lacks permission for this request (403).');
      assert.equal(after(response(403, {})).kind, 'auth');
    });

    it('a 400 is a spend cap only when it says the organization or workspace limit was reached', () => {
      const own = (message: string): MonitorState =>
        after(response(400, {}, { error: { type: 'invalid_request_error', message } }));
      const workspace = own('You have reached your specified workspace API usage limits.');
      assert.equal(workspace.kind, 'spend-cap');
      assert.equal(
        workspace.reason,
        'A spend limit you set on the organization or workspace was reached (400). Requests fail until you raise it in the Console.',
      );
      assert.equal(workspace.countdownUntil, undefined);
      assert.equal(own('You have reached your specified API usage limits.').kind, 'spend-cap');
      assert.equal(own('max_tokens: too large').kind, 'api-error');
      assert.equal(after(response(400, {})).kind, 'api-error');
      // The same words on another status are not the spend limit.
      const on500 = after(
        response(500, {}, { error: { message: 'You have reached your specified API usage limits.' } }),
      );
      assert.equal(on500.kind, 'api-error');
    });

    it('the monthly spend cap counts down to 00:00 UTC on the 1st; other 429 codes are plain 429s', () => {
      const cap = after(
        response(429, {}, { error: { type: 'rate_limit_error', errorCode: 'enforced_spend_limit_reached' } }),
      );
      assert.equal(cap.kind, 'spend-cap');
      assert.equal(cap.countdownUntil, Date.UTC(2026, 3, 1));
      assert.equal(
        cap.reason,
        'Monthly spend cap reached (429 enforced_spend_limit_reached). Requests fail until 00:00 UTC on the 1st ' +
          'or until your usage tier is raised; retrying does not help.',
      );
      assert.equal(cap.errorCode, 'enforced_spend_limit_reached');
      assert.equal(after(response(429, {}, { error: { errorCode: 'something_else' } })).kind, 'critical');
    });

    it('a 429 names the exhausted limit and its share, or says nothing of one it cannot tell', () => {
      const exhausted = after(response(429, requests(0, { 'retry-after': '30' })));
      assert.deepEqual(fields(exhausted), {
        kind: 'critical',
        reason: 'Rate limited (429): requests per minute exhausted. Waiting for retry-after.',
        since: T0,
        model: MODEL,
        source: 'poll',
        status: 429,
        lastUpdate: T0,
        binding: 'requests',
        bindingShare: 0,
        countdownUntil: T0 + 30_000,
      });
      const blind = after(response(429, {}));
      assert.deepEqual(fields(blind), {
        kind: 'critical',
        reason: 'Rate limited (429). No retry-after was sent; backing off.',
        since: T0,
        model: MODEL,
        source: 'poll',
        status: 429,
        lastUpdate: T0,
      });
      // Named by the message but not measured: the limit without a share.
      const named = after(
        response(429, {}, { error: { message: 'exceeded 8,000 output tokens per minute' } }),
      );
      assert.equal(named.binding, 'output-tokens');
      assert.ok(!('bindingShare' in named));
      assert.ok(!('countdownUntil' in named));
    });

    it('a 429 without a message picks the first exhausted family of the latest data, standard families first', () => {
      const headers: HeaderRecord = {
        'anthropic-ratelimit-requests-limit': '1000',
        'anthropic-ratelimit-requests-remaining': '400',
        'anthropic-ratelimit-tokens-limit': '9000',
        'anthropic-ratelimit-tokens-remaining': '0',
        'anthropic-ratelimit-output-tokens-limit': '8000',
        'anthropic-ratelimit-output-tokens-remaining': '0',
        'anthropic-priority-input-tokens-limit': '100',
        'anthropic-priority-input-tokens-remaining': '0',
      };
      assert.equal(after(response(429, headers)).binding, 'output-tokens');
      const priorityOnly: HeaderRecord = {
        'anthropic-ratelimit-requests-limit': '1000',
        'anthropic-ratelimit-requests-remaining': '400',
        'anthropic-priority-output-tokens-limit': '100',
        'anthropic-priority-output-tokens-remaining': '0',
      };
      assert.equal(after(response(429, priorityOnly)).binding, 'priority-output-tokens');
      // An exhausted family from an older response does not count; the binding one does.
      const older = after(
        response(200, {
          ...requests(500),
          'anthropic-ratelimit-tokens-limit': '9000',
          'anthropic-ratelimit-tokens-remaining': '0',
        }),
      );
      const later = nextState(older, response(429, requests(300), { at: T0 + 1000 }), T0 + 1000, SETTINGS);
      assert.equal(later.binding, 'requests');
      assert.equal(later.bindingShare, 0.3);
    });
  });

  describe('offline', () => {
    it('keeps the model, the last request id and the records, and cuts the message to 160 characters', () => {
      const ok = after(response(200, requests(820, { 'request-id': 'req_011CExact2' })));
      const message = `connect ECONNREFUSED ${'z'.repeat(200)}`;
      const offline = nextState(
        ok,
        { kind: 'network-error', source: 'poll', model: 'other-model', at: T0 + 5, timeout: false, message },
        T0 + 5,
        SETTINGS,
      );
      assert.deepEqual(offline, {
        kind: 'offline',
        reason: `Cannot reach the API (${message.slice(0, 159)}…).`,
        since: T0 + 5,
        model: MODEL,
        source: 'poll',
        lastUpdate: T0 + 5,
        lastRequestId: 'req_011CExact2',
        models: ok.models,
      });
      const first = nextState(
        initialMonitorState(T0),
        { kind: 'network-error', source: 'observed', model: 'm2', at: T0, timeout: true, message: 'x' },
        T0,
      );
      assert.deepEqual(first, {
        kind: 'offline',
        reason: 'The request to the API timed out.',
        since: T0,
        model: 'm2',
        source: 'observed',
        lastUpdate: T0,
        models: {},
      });
    });
  });

  describe('ticks', () => {
    const settings: MonitorSettings = { ...SETTINGS, staleAfterMs: 120_000 };

    it('stays as it is within the staleness threshold and goes stale after it', () => {
      const ok = after(response(200, requests(820)), settings);
      assert.equal(nextState(ok, { kind: 'tick' }, T0 + 120_000, settings), ok);
      const stale = nextState(ok, { kind: 'tick' }, T0 + 120_001, settings);
      assert.equal(stale.kind, 'stale');
      assert.equal(stale.reason, 'No fresh data: the latest response is older than twice the poll interval.');
      assert.equal(stale.since, T0 + 120_001);
      assert.equal(stale.binding, 'requests');
    });

    it('a running countdown holds the state; from its end the staleness rule applies', () => {
      const limited = after(response(429, requests(0, { 'retry-after': '300' })), settings);
      assert.equal(nextState(limited, { kind: 'tick' }, T0 + 299_999, settings), limited);
      assert.equal(nextState(limited, { kind: 'tick' }, T0 + 300_000, settings).kind, 'stale');
    });

    it('never leaves no-key for a model change', () => {
      const noKey = nextState(initialMonitorState(T0, 'a'), { kind: 'no-key', at: T0 }, T0);
      const ticked = nextState(noKey, { kind: 'tick' }, T0 + 1000, { ...settings, model: 'b' });
      assert.equal(ticked, noKey);
    });

    it('refocusing on a model with data shows its level, or stale when its data is old', () => {
      const haiku = 'claude-haiku-4-5';
      const both = nextState(
        after(response(200, requests(820, { 'request-id': 'req_011CExact3' }))),
        response(200, requests(150, { 'request-id': 'req_011CExact4' }), { model: haiku, at: T0 + 1000 }),
        T0 + 1000,
        SETTINGS,
      );
      assert.equal(both.kind, 'ok', 'another model does not move the state');
      const fresh = nextState(both, { kind: 'tick' }, T0 + 2000, { ...settings, model: haiku });
      assert.deepEqual(fields(fresh), {
        kind: 'warning',
        reason: 'Only 15% of requests per minute left (150 of 1,000).',
        since: T0 + 2000,
        model: haiku,
        source: 'poll',
        status: 200,
        lastUpdate: T0 + 1000,
        lastRequestId: 'req_011CExact4',
        binding: 'requests',
        bindingShare: 0.15,
      });
      assert.equal(fresh.models, both.models);
      const old = nextState(both, { kind: 'tick' }, T0 + 1000 + 120_001, { ...settings, model: haiku });
      assert.equal(old.kind, 'stale');
      assert.equal(old.reason, 'No fresh data for this model yet.');
      assert.equal(old.binding, 'requests');
      const edge = nextState(both, { kind: 'tick' }, T0 + 1000 + 120_000, { ...settings, model: haiku });
      assert.equal(edge.kind, 'warning');
      // A model with a record but no rate-limit data yet: waiting, records kept.
      const bare = nextState(both, response(500, {}, { model: 'bare', at: T0 + 3000 }), T0 + 3000, SETTINGS);
      const waiting = nextState(bare, { kind: 'tick' }, T0 + 3000, { ...settings, model: 'bare' });
      assert.deepEqual(fields(waiting), {
        kind: 'stale',
        reason: 'No data yet: waiting for the first response.',
        since: T0 + 3000,
        model: 'bare',
      });
      assert.equal(waiting.models, bare.models);
    });
  });
});
