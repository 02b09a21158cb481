/**
 * The budget model's exact output (deepStrictEqual: absent fields must be absent), the
 * refill estimate at the reset instant, and the observation emitter's subscriptions.
 * Written against the mutation report (`npm run mutate`).
 */
import * as assert from 'node:assert/strict';
import {
  bindingFamily,
  computeBudget,
  familyBudget,
  mergeSnapshot,
  type FamilyBudget,
} from '../../../src/core/monitor/budget';
import { parseRateLimitHeaders } from '../../../src/core/monitor/headers';
import { ObservationEmitter, type Observation } from '../../../src/core/monitor/source';

const T0 = Date.parse('2026-03-01T12:00:00Z');

describe('monitor/budget: exact records and budgets', () => {
  it('a record keeps ids from earlier responses and has no field for what was never sent', () => {
    const first = mergeSnapshot(
      undefined,
      'm',
      parseRateLimitHeaders({
        'anthropic-ratelimit-requests-limit': '50',
        'anthropic-ratelimit-requests-remaining': '45',
        'anthropic-organization-id': 'org-0123abcd',
        'anthropic-workspace-id': 'wrkspc_01abcd',
        'request-id': 'req_011CBudget1',
      }),
      T0,
      'observed',
      200,
    );
    assert.deepEqual(first, {
      model: 'm',
      source: 'observed',
      families: { requests: { limit: 50, remaining: 45, remainingExceedsLimit: false, observedAt: T0 } },
      lastAt: T0,
      lastStatus: 200,
      lastRequestId: 'req_011CBudget1',
      lastDataAt: T0,
      organizationId: 'org-0123abcd',
      workspaceId: 'wrkspc_01abcd',
    });
    const second = mergeSnapshot(first, 'm', parseRateLimitHeaders({}), T0 + 1000, 'observed');
    assert.deepEqual(second, {
      model: 'm',
      source: 'observed',
      families: first.families,
      lastAt: T0 + 1000,
      lastRequestId: 'req_011CBudget1',
      lastDataAt: T0,
      organizationId: 'org-0123abcd',
      workspaceId: 'wrkspc_01abcd',
    });
    const bare = mergeSnapshot(undefined, 'm', parseRateLimitHeaders({}), T0, 'poll');
    assert.deepEqual(bare, { model: 'm', source: 'poll', families: {}, lastAt: T0 });
    // Newer ids replace older ones.
    const third = mergeSnapshot(
      second,
      'm',
      parseRateLimitHeaders({
        'anthropic-organization-id': 'org-9999zzzz',
        'anthropic-workspace-id': 'wrkspc_99zz',
      }),
      T0 + 2000,
      'observed',
    );
    assert.equal(third.organizationId, 'org-9999zzzz');
    assert.equal(third.workspaceId, 'wrkspc_99zz');
  });

  it('a family with only a reset has no limit, remaining, share or estimate fields', () => {
    const reset = new Date(T0 + 30_000);
    assert.deepEqual(
      familyBudget('tokens', { reset, remainingExceedsLimit: false, observedAt: T0 }, T0 + 10_000),
      {
        id: 'tokens',
        reset,
        remainingExceedsLimit: false,
        observedAt: T0,
        ageMs: 10_000,
        msUntilFull: 20_000,
      },
    );
    assert.deepEqual(
      familyBudget('requests', { limit: 60, remainingExceedsLimit: false, observedAt: T0 }, T0),
      {
        id: 'requests',
        limit: 60,
        remainingExceedsLimit: false,
        observedAt: T0,
        ageMs: 0,
        refillPerSecond: 1,
      },
    );
  });

  it('the estimate is the limit from the reset instant on, and refill before it', () => {
    const family = {
      limit: 600,
      remaining: 0,
      reset: new Date(T0 + 60_000),
      remainingExceedsLimit: false,
      observedAt: T0,
    };
    assert.equal(familyBudget('requests', family, T0 + 30_000).estimatedRemaining, 300);
    assert.equal(familyBudget('requests', family, T0 + 59_999).estimatedRemaining, 599);
    assert.equal(
      familyBudget('requests', { ...family, limit: 6000, remaining: 0 }, T0 + 60_000).estimatedRemaining,
      6000,
    );
    assert.equal(
      familyBudget('requests', { ...family, limit: 6000, remaining: 0 }, T0 + 60_000).estimatedShare,
      1,
    );
  });

  it('a model budget has no status, request id or binding fields when there were none', () => {
    const record = mergeSnapshot(undefined, 'm', parseRateLimitHeaders({}), T0, 'poll');
    assert.deepEqual(computeBudget(record, T0 + 5), {
      model: 'm',
      source: 'poll',
      families: [],
      lastAt: T0,
    });
  });

  it('binding: among priority/fast pools only when no standard family has a share', () => {
    const f = (id: FamilyBudget['id'], share?: number): FamilyBudget => ({
      id,
      remainingExceedsLimit: false,
      observedAt: T0,
      ageMs: 0,
      ...(share !== undefined && { share }),
    });
    assert.equal(
      bindingFamily([f('requests'), f('fast-input-tokens', 0.5), f('priority-output-tokens', 0.2)])?.id,
      'priority-output-tokens',
    );
    assert.equal(bindingFamily([f('tokens', 0.9), f('priority-output-tokens', 0.1)])?.id, 'tokens');
    assert.equal(bindingFamily([f('requests')]), undefined);
  });
});

describe('monitor/source: ObservationEmitter', () => {
  const observation: Observation = {
    kind: 'network-error',
    source: 'poll',
    model: 'm',
    at: T0,
    timeout: false,
    message: 'x',
  };

  it('a disposed subscription receives nothing more; the others still do', () => {
    const emitter = new ObservationEmitter();
    const a: Observation[] = [];
    const b: Observation[] = [];
    const subA = emitter.on((o) => a.push(o));
    emitter.on((o) => b.push(o));
    emitter.emit(observation);
    subA.dispose();
    emitter.emit(observation);
    assert.equal(a.length, 1);
    assert.equal(b.length, 2);
  });

  it('dispose() drops every listener, and listener errors are returned, not thrown', () => {
    const emitter = new ObservationEmitter();
    const seen: Observation[] = [];
    const boom = new Error('listener failed');
    emitter.on(() => {
      throw boom;
    });
    emitter.on((o) => seen.push(o));
    assert.deepEqual(emitter.emit(observation), [boom]);
    assert.equal(seen.length, 1);
    emitter.dispose();
    assert.deepEqual(emitter.emit(observation), []);
    assert.equal(seen.length, 1);
  });
});
