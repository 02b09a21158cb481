import * as assert from 'node:assert/strict';
import {
  DEFAULT_TIER_LIMITS,
  callCost,
  estimateFanout,
  type ModelLimits,
} from '../../../src/core/monitor/capacity';
import { ModelBuckets } from '../../mock-anthropic/buckets';

/**
 * N calls through the mock server's own token buckets (test/mock-anthropic/buckets.ts) with
 * `concurrency` workers: a call starts when its worker is free and the buckets admit it as
 * the mock does (a request, its input tokens, and at least one output token left), takes
 * them (output may go below zero, as in the mock), and ends `latencyMs` later. Returns when
 * the last call ends, ms.
 */
function simulate(p: {
  n: number;
  inputTokens: number;
  outputTokens: number;
  concurrency: number;
  latencyMs: number;
  limits: ModelLimits;
}): number {
  const buckets = new ModelBuckets(p.limits, 0);
  const free: number[] = Array.from({ length: p.concurrency }, () => 0);
  let clock = 0;
  let end = 0;
  for (let i = 0; i < p.n; i++) {
    free.sort((a, b) => a - b);
    const ready = Math.max(free[0]!, clock);
    const wait = Math.max(
      buckets.requests.msUntil(1, ready),
      buckets.input.msUntil(p.inputTokens, ready),
      buckets.output.msUntil(1, ready),
    );
    assert.ok(Number.isFinite(wait), 'the buckets can admit the call');
    const start = ready + wait;
    buckets.requests.take(1, start);
    buckets.input.take(p.inputTokens, start);
    buckets.output.take(p.outputTokens, start);
    clock = start;
    free[0] = start + p.latencyMs;
    end = Math.max(end, free[0]);
  }
  return end;
}

const MOCK_DEFAULT: ModelLimits = { rpm: 50, itpm: 50_000, otpm: 10_000 };

describe('capacity: the fan-out estimate against a simulation on the mock’s buckets', () => {
  const cases: Array<[string, Parameters<typeof simulate>[0], string]> = [
    [
      'RPM-bound',
      { n: 200, inputTokens: 100, outputTokens: 12, concurrency: 50, latencyMs: 2000, limits: MOCK_DEFAULT },
      'requests',
    ],
    [
      'ITPM-bound',
      {
        n: 100,
        inputTokens: 5000,
        outputTokens: 10,
        concurrency: 10,
        latencyMs: 1000,
        limits: { rpm: 1000, itpm: 50_000, otpm: 100_000 },
      },
      'input tokens',
    ],
    [
      'OTPM-bound',
      {
        n: 100,
        inputTokens: 100,
        outputTokens: 1000,
        concurrency: 20,
        latencyMs: 1500,
        limits: { rpm: 1000, itpm: 1_000_000, otpm: 10_000 },
      },
      'output tokens',
    ],
    [
      'concurrency-bound',
      {
        n: 100,
        inputTokens: 100,
        outputTokens: 10,
        concurrency: 5,
        latencyMs: 2000,
        limits: DEFAULT_TIER_LIMITS,
      },
      'concurrency',
    ],
    [
      'per 100 calls at the default tier, unbounded',
      {
        n: 100,
        inputTokens: 30_000,
        outputTokens: 1024,
        concurrency: 100,
        latencyMs: 8000,
        limits: DEFAULT_TIER_LIMITS,
      },
      'input tokens',
    ],
  ];
  for (const [name, p, binding] of cases) {
    it(`${name}: within 20% of the simulation, naming the binding limit`, () => {
      const simulated = simulate(p) / 1000;
      const estimate = estimateFanout(p);
      const error = Math.abs(estimate.seconds - simulated) / simulated;
      assert.ok(
        error <= 0.2,
        `estimate ${estimate.seconds.toFixed(1)} s vs simulated ${simulated.toFixed(1)} s (${(error * 100).toFixed(1)}%)`,
      );
      assert.equal(estimate.binding, binding);
    });
  }

  it('the safe concurrency keeps the simulated steady rate under every limit', () => {
    const p = { n: 300, inputTokens: 100, outputTokens: 12, latencyMs: 2000, limits: MOCK_DEFAULT };
    const safe = estimateFanout({ ...p, concurrency: 50 }).safeConcurrency;
    assert.equal(safe, 1, '50 RPM at 2 s per call sustains one call in flight');
    // At the safe concurrency the run is concurrency-bound, not stalled on a bucket.
    const atSafe = estimateFanout({ ...p, concurrency: safe });
    assert.equal(atSafe.binding, 'concurrency');
    const sim = simulate({ ...p, concurrency: safe }) / 1000;
    assert.ok(Math.abs(atSafe.seconds - sim) / sim <= 0.2);
  });
});

describe('capacity: pricing a call', () => {
  it('prices a call: input as estimated, output at max_tokens', () => {
    assert.ok(Math.abs(callCost('claude-haiku-4-5', 1000, 1000)!.usd - (1000 * 1 + 1000 * 5) / 1e6) < 1e-12);
    assert.equal(callCost('claude-unknown-9', 1, 1), undefined);
  });

  it('names the model the call is for, not the price row that covers it', () => {
    assert.equal(callCost('claude-sonnet-4-6', 1, 1)?.name, 'Sonnet 4.6');
    assert.equal(callCost('claude-3-7-sonnet-20250219', 1, 1)?.name, 'Sonnet 3.7');
  });
});
