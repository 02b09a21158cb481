import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  bindingFamily,
  computeBudget,
  familyBudget,
  mergeSnapshot,
  shareOf,
  type FamilyBudget,
  type ModelRecord,
} from '../../../src/core/monitor/budget';
import { parseRateLimitHeaders } from '../../../src/core/monitor/headers';
import { loadRecordedResponses } from './helpers';

const T0 = Date.parse('2026-03-01T12:00:00Z');

function family(id: FamilyBudget['id'], share: number | undefined): FamilyBudget {
  return {
    id,
    remainingExceedsLimit: false,
    observedAt: T0,
    ageMs: 0,
    ...(share !== undefined && { share }),
  };
}

/** A model record after one 200 that said 45 of 50 requests are left. */
function requestsRecord(): ReturnType<typeof mergeSnapshot> {
  const headers = {
    'anthropic-ratelimit-requests-limit': '50',
    'anthropic-ratelimit-requests-remaining': '45',
  };
  return mergeSnapshot(undefined, 'm', parseRateLimitHeaders(headers), T0, 'poll', 200);
}

describe('monitor/budget', () => {
  describe('on a real recording (#5: partly consumed buckets)', () => {
    const record5 = loadRecordedResponses()[5] as { headers: Record<string, string> };
    const at = Date.parse('2025-11-19T21:21:54Z'); // its Date header
    // Built per test (not while mocha collects tests), so mutation testing sees it as covered by the test.
    let record: ModelRecord;
    beforeEach(() => {
      record = mergeSnapshot(
        undefined,
        'claude-sonnet-4-5',
        parseRateLimitHeaders(record5.headers),
        at,
        'observed',
        200,
      );
    });

    it('computes each share and picks input tokens as binding', () => {
      const budget = computeBudget(record, at);
      const byId = Object.fromEntries(budget.families.map((f) => [f.id, f]));
      assert.equal(byId['requests']?.share, 3999 / 4000);
      assert.equal(byId['input-tokens']?.share, 3870000 / 4000000);
      assert.equal(byId['output-tokens']?.share, 799000 / 800000);
      assert.equal(byId['tokens']?.share, 4669000 / 4800000);
      assert.equal(budget.binding?.id, 'input-tokens');
      assert.equal(budget.lastRequestId, 'req_011CVHx196oPGzZRxJJscME5');
      assert.equal(budget.dataAgeMs, 0);
      assert.deepEqual(
        budget.families.map((f) => f.id),
        ['requests', 'input-tokens', 'output-tokens', 'tokens'],
      );
    });

    it('clamps time until full at 0 when the reset is already past (as recorded)', () => {
      const budget = computeBudget(record, at);
      // All four resets are at or before the Date header (requests-reset 18 s before).
      for (const f of budget.families) assert.equal(f.msUntilFull, 0, f.id);
      // ... so the estimate says every bucket is full again, while the measurement stays as sent.
      const input = budget.families.find((f) => f.id === 'input-tokens');
      assert.equal(input?.remaining, 3870000);
      assert.equal(input?.estimatedRemaining, 4000000);
    });

    it('has the continuous refill rate of a token bucket (limit per 60 s)', () => {
      const budget = computeBudget(record, at);
      const rates = Object.fromEntries(budget.families.map((f) => [f.id, f.refillPerSecond]));
      assert.deepEqual(rates, {
        requests: 4000 / 60,
        'input-tokens': 4000000 / 60,
        'output-tokens': 800000 / 60,
        tokens: 4800000 / 60,
      });
    });
  });

  describe('time until full and the refill estimate', () => {
    let record: ModelRecord;
    beforeEach(() => {
      const snapshot = parseRateLimitHeaders({
        'anthropic-ratelimit-output-tokens-limit': '60000',
        'anthropic-ratelimit-output-tokens-remaining': '6000',
        'anthropic-ratelimit-output-tokens-reset': '2026-03-01T12:00:54Z',
      });
      record = mergeSnapshot(undefined, 'm', snapshot, T0, 'poll', 200);
    });

    it('measures reset − now, clamped at 0', () => {
      assert.equal(computeBudget(record, T0).families[0]?.msUntilFull, 54_000);
      assert.equal(computeBudget(record, T0 + 50_000).families[0]?.msUntilFull, 4_000);
      assert.equal(computeBudget(record, T0 + 90_000).families[0]?.msUntilFull, 0);
    });

    it('estimates refill since the measurement, separately from the measured value, capped at the limit', () => {
      const at10s = computeBudget(record, T0 + 10_000).families[0];
      assert.equal(at10s?.remaining, 6000); // measured, unchanged
      assert.equal(at10s?.share, 0.1);
      assert.equal(at10s?.estimatedRemaining, 16000); // + 1000/s × 10 s
      assert.equal(at10s?.estimatedShare, 16000 / 60000);
      assert.equal(at10s?.ageMs, 10_000);
      const at53s = computeBudget(record, T0 + 53_000).families[0];
      assert.equal(at53s?.estimatedRemaining, 59000);
      const at54s = computeBudget(record, T0 + 54_000).families[0];
      assert.equal(at54s?.estimatedRemaining, 60000);
      const later = computeBudget(record, T0 + 3_600_000).families[0];
      assert.equal(later?.estimatedRemaining, 60000);
      assert.equal(later?.estimatedShare, 1);
    });

    it('never estimates without both limit and remaining', () => {
      const partial = mergeSnapshot(
        undefined,
        'm',
        parseRateLimitHeaders({ 'anthropic-ratelimit-tokens-remaining': '29873' }),
        T0,
        'observed',
      );
      const f = computeBudget(partial, T0 + 5000).families[0];
      assert.equal(f?.remaining, 29873);
      assert.equal(f?.share, undefined);
      assert.equal(f?.estimatedRemaining, undefined);
      assert.equal(f?.refillPerSecond, undefined);
      assert.equal(computeBudget(partial, T0).binding, undefined);
    });
  });

  describe('merging responses per model', () => {
    it('keeps families a later response lacks, with their own age, but binds only on the latest data', () => {
      const full = parseRateLimitHeaders({
        'anthropic-ratelimit-requests-limit': '50',
        'anthropic-ratelimit-requests-remaining': '45',
        'anthropic-ratelimit-output-tokens-limit': '10000',
        'anthropic-ratelimit-output-tokens-remaining': '1000',
      });
      const requestsOnly = parseRateLimitHeaders({
        'anthropic-ratelimit-requests-limit': '50',
        'anthropic-ratelimit-requests-remaining': '40',
        'request-id': 'req_011CSecondRequest',
      });
      const first = mergeSnapshot(undefined, 'm', full, T0, 'poll', 200);
      const second = mergeSnapshot(first, 'm', requestsOnly, T0 + 30_000, 'poll', 200);
      const budget = computeBudget(second, T0 + 30_000);
      const output = budget.families.find((f) => f.id === 'output-tokens');
      assert.equal(output?.remaining, 1000);
      assert.equal(output?.ageMs, 30_000);
      assert.equal(budget.families.find((f) => f.id === 'requests')?.remaining, 40);
      // The old 10% output share does not bind: only the latest response's families do.
      assert.equal(budget.binding?.id, 'requests');
      assert.equal(budget.lastRequestId, 'req_011CSecondRequest');
    });

    it('keeps data through responses without rate-limit headers (e.g. a 529)', () => {
      const first = requestsRecord();
      const second = mergeSnapshot(first, 'm', parseRateLimitHeaders({}), T0 + 60_000, 'poll', 529);
      assert.equal(second.lastDataAt, T0);
      assert.equal(second.lastAt, T0 + 60_000);
      assert.equal(second.lastStatus, 529);
      const budget = computeBudget(second, T0 + 60_000);
      assert.equal(budget.binding?.id, 'requests');
      assert.equal(budget.dataAgeMs, 60_000);
    });

    it('replaces a family wholesale, never mixing fields of two responses', () => {
      const first = requestsRecord();
      const second = mergeSnapshot(
        first,
        'm',
        parseRateLimitHeaders({ 'anthropic-ratelimit-requests-remaining': '44' }),
        T0 + 1000,
        'poll',
      );
      assert.equal(second.families.requests?.limit, undefined);
      assert.equal(second.families.requests?.remaining, 44);
    });
  });

  describe('the binding limit', () => {
    it('picks the least share among the standard four, ties going to requests first', () => {
      assert.equal(bindingFamily([family('tokens', 0.5), family('requests', 0.5)])?.id, 'requests');
      assert.equal(
        bindingFamily([family('requests', 0.9), family('output-tokens', 0.12)])?.id,
        'output-tokens',
      );
      assert.equal(bindingFamily([family('requests', 1), family('tokens', 0.99)])?.id, 'tokens');
    });

    it('ignores priority and fast pools unless no standard family is known', () => {
      assert.equal(
        bindingFamily([family('requests', 0.9), family('fast-output-tokens', 0.01)])?.id,
        'requests',
      );
      assert.equal(
        bindingFamily([family('fast-input-tokens', 0.5), family('priority-output-tokens', 0.2)])?.id,
        'priority-output-tokens',
      );
      assert.equal(bindingFamily([family('requests', undefined)]), undefined);
      assert.equal(bindingFamily([]), undefined);
    });
  });

  describe('shares', () => {
    it('clamps to [0, 1] and treats a zero limit as nothing left', () => {
      assert.equal(shareOf(3000, 2500), 1);
      assert.equal(shareOf(0, 0), 0);
      assert.equal(shareOf(5, 0), 0);
      assert.equal(shareOf(0, 50), 0);
    });

    it('are always finite numbers in [0, 1] (fuzzed)', () => {
      fc.assert(
        fc.property(
          fc.option(fc.nat({ max: 1e12 }), { nil: undefined }),
          fc.option(fc.nat({ max: 1e12 }), { nil: undefined }),
          fc.option(fc.integer({ min: -1e11, max: 1e11 }), { nil: undefined }),
          fc.integer({ min: 0, max: 1e9 }),
          (limit, remaining, resetOffset, elapsed) => {
            const f = familyBudget(
              'tokens',
              {
                ...(limit !== undefined && { limit }),
                ...(remaining !== undefined && { remaining }),
                ...(resetOffset !== undefined && { reset: new Date(T0 + resetOffset) }),
                remainingExceedsLimit: limit !== undefined && remaining !== undefined && remaining > limit,
                observedAt: T0,
              },
              T0 + elapsed,
            );
            for (const v of [f.share, f.estimatedShare]) {
              if (v !== undefined) assert.ok(v >= 0 && v <= 1, String(v));
            }
            for (const v of [f.msUntilFull, f.refillPerSecond, f.estimatedRemaining, f.ageMs]) {
              if (v !== undefined) assert.ok(Number.isFinite(v) && v >= 0, String(v));
            }
            if (f.estimatedRemaining !== undefined && limit !== undefined) {
              assert.ok(f.estimatedRemaining <= limit);
            }
          },
        ),
        { numRuns: 1000 },
      );
    });
  });
});
