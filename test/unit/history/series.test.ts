import * as assert from 'node:assert/strict';
import {
  History,
  chartSeries,
  latencyPercentiles,
  percentile,
  requestRate,
  sortedByTime,
  type HistorySample,
} from '../../../src/core/history';
import { MODEL, T0, response } from './helpers';

function sample(at: number, extra: Partial<HistorySample> = {}): HistorySample {
  return { at, source: 'poll', status: 200, families: {}, ...extra };
}

describe('history/series', () => {
  describe('percentile (nearest rank)', () => {
    it('picks the smallest value with at least p% at or below it', () => {
      const values = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
      assert.equal(percentile(values, 50), 50);
      assert.equal(percentile(values, 95), 100);
      assert.equal(percentile(values, 90), 90);
      assert.equal(percentile(values, 0), 10);
      assert.equal(percentile(values, 100), 100);
      assert.equal(percentile([7], 95), 7);
      assert.equal(percentile([], 50), undefined);
    });
  });

  describe('requestRate', () => {
    it('counts the requests of the sliding window ending at each sample, per minute', () => {
      const sorted = [0, 10_000, 20_000, 59_000, 60_000, 61_000, 200_000].map((t) => sample(T0 + t));
      assert.deepEqual(requestRate(sorted, 60_000), [1, 2, 3, 4, 4, 5, 1]);
    });

    it('scales a shorter window to a minute and counts equal times together', () => {
      const sorted = [0, 0, 5_000, 15_000].map((t) => sample(T0 + t));
      assert.deepEqual(requestRate(sorted, 10_000), [12, 12, 18, 6]);
    });
  });

  describe('latencyPercentiles', () => {
    it('slides a window over the samples that have a latency', () => {
      const sorted = [
        sample(T0, { latencyMs: 100 }),
        sample(T0 + 1000, { latencyMs: 300 }),
        sample(T0 + 2000), // no latency (e.g. a network error without timing)
        sample(T0 + 3000, { latencyMs: 200 }),
        sample(T0 + 20_000, { latencyMs: 50 }),
        sample(T0 + 40_000),
      ];
      const [p50, p95] = latencyPercentiles(sorted, 10_000);
      assert.deepEqual(p50, [100, 100, 100, 200, 50, null]);
      assert.deepEqual(p95, [100, 300, 300, 300, 50, null]);
    });

    it('matches a brute-force computation on random data', () => {
      let seed = 7;
      const rand = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      let at = T0;
      const sorted = Array.from({ length: 800 }, () => {
        at += Math.floor(rand() * 3000);
        return sample(at, rand() < 0.9 ? { latencyMs: Math.floor(rand() * 2000) } : {});
      });
      const window = 30_000;
      const [p50, p95] = latencyPercentiles(sorted, window);
      sorted.forEach((s, i) => {
        const inWindow = sorted
          .filter((o) => o.at <= s.at && o.at > s.at - window && o.latencyMs !== undefined)
          .map((o) => o.latencyMs!)
          .sort((a, b) => a - b);
        assert.equal(p50![i], percentile(inWindow, 50) ?? null, `p50 at ${i}`);
        assert.equal(p95![i], percentile(inWindow, 95) ?? null, `p95 at ${i}`);
      });
    });
  });

  describe('chartSeries', () => {
    it('aligns every column on time, sorted, with markers for 429 and 529 only', () => {
      const history = new History();
      history.record(response({ at: T0 + 2000, requests: [50, 48], latencyMs: 200 }));
      history.record(response({ at: T0, requests: [50, 49], output: [10_000, 9_000], latencyMs: 100 }));
      history.record(response({ at: T0 + 3000, status: 429, requests: [50, 0] }));
      history.record(response({ at: T0 + 4000, status: 529 }));
      history.record(response({ at: T0 + 5000, status: 500 }));
      const series = chartSeries(history.samples(MODEL));
      assert.deepEqual(series.t, [T0, T0 + 2000, T0 + 3000, T0 + 4000, T0 + 5000]);
      assert.deepEqual(series.families, ['requests', 'output-tokens']);
      assert.deepEqual(series.remaining.requests, [49, 48, 0, null, null]);
      assert.deepEqual(series.limit.requests, [50, 50, 50, null, null]);
      assert.deepEqual(series.remaining['output-tokens'], [9_000, null, null, null, null]);
      assert.equal(series.remaining['input-tokens'], undefined);
      assert.deepEqual(series.latencyMs, [100, 200, null, null, null]);
      assert.deepEqual(series.p50, [100, 100, 100, 100, 100]);
      assert.deepEqual(series.p95, [100, 200, 200, 200, 200]);
      assert.deepEqual(series.ratePerMinute, [1, 2, 3, 4, 5]);
      assert.deepEqual(series.markers, [
        { at: T0 + 3000, status: 429 },
        { at: T0 + 4000, status: 529 },
      ]);
    });

    it('handles an empty history', () => {
      const series = chartSeries([]);
      assert.deepEqual(series.t, []);
      assert.deepEqual(series.families, []);
      assert.deepEqual(series.markers, []);
    });

    it('computes the series of a full history (5,000 samples), one point per sample', () => {
      // No clock: a time bound, and even a ratio of two sizes in one run, flaked on a loaded machine.
      const history = new History();
      for (let i = 0; i < 5_000; i++) {
        history.record(response({ at: T0 + i * 50, requests: [4000, 3000], latencyMs: i % 700 }));
      }
      const series = history.series(MODEL);
      assert.equal(series.t.length, 5_000);
      assert.equal(series.latencyMs.length, 5_000);
      assert.equal(series.ratePerMinute.length, 5_000);
      assert.equal(series.t[4_999], T0 + 4_999 * 50);
    });
  });

  it('sortedByTime is stable and copies', () => {
    const a = sample(T0 + 1, { status: 201 });
    const b = sample(T0, { status: 202 });
    const c = sample(T0 + 1, { status: 203 });
    const input = [a, b, c];
    const sorted = sortedByTime(input);
    assert.deepEqual(
      sorted.map((s) => s.status),
      [202, 201, 203],
    );
    assert.notEqual(sortedByTime([b, a]), input);
  });
});
