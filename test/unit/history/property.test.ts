import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { History, HISTORY_FORMAT, sampleOutcome } from '../../../src/core/history';
import { T0, response } from './helpers';

/** Tuples that look almost right: the shapes a corrupted or hand-edited store would hold. */
const nearTuple = fc.array(
  fc.oneof(
    fc.constant(null),
    fc.integer({ min: -10, max: 1000 }),
    fc.constantFrom(T0, 0, -1, 429, 529, 1e20, 1.5, NaN, Infinity),
    fc.string({ maxLength: 3 }),
    fc.boolean(),
  ),
  { maxLength: 22 },
);

const nearHistory = fc.record({
  format: fc.oneof(fc.constant(HISTORY_FORMAT), fc.string()),
  version: fc.oneof(fc.constant(1), fc.integer()),
  models: fc.oneof(
    fc.array(
      fc.record({
        model: fc.oneof(fc.string(), fc.integer(), fc.constant('__proto__')),
        samples: fc.oneof(fc.array(nearTuple, { maxLength: 20 }), fc.anything()),
      }),
      { maxLength: 12 },
    ),
    fc.anything(),
  ),
});

function checkInvariants(history: History): void {
  assert.ok(history.models().length <= history.maxModels);
  for (const model of history.models()) {
    const samples = history.samples(model);
    assert.ok(samples.length <= history.maxSamplesPerModel);
    for (const s of samples) {
      assert.ok(Number.isFinite(s.at));
      sampleOutcome(s);
    }
    // Every derived view works on whatever was restored.
    const series = history.series(model);
    assert.equal(series.t.length, samples.length);
    history.limits(model);
    history.summary(model);
  }
  history.toCsv();
  // And what was restored persists again unchanged.
  const again = History.fromJSON(JSON.parse(JSON.stringify(history)));
  assert.deepEqual(again.toJSON(), history.toJSON());
}

describe('history/fromJSON properties (fast-check)', () => {
  it('never throws and yields a valid history on arbitrary values', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        checkInvariants(History.fromJSON(value));
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on arbitrary JSON text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), fc.string()), (text) => {
        checkInvariants(History.fromJSON(text));
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on near-valid stores, and respects the bounds', () => {
    fc.assert(
      fc.property(nearHistory, (value) => {
        checkInvariants(History.fromJSON(value, { maxModels: 4, maxSamplesPerModel: 7 }));
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips any recorded history', () => {
    const obs = fc.record({
      at: fc.integer({ min: T0, max: T0 + 86_400_000 }),
      model: fc.constantFrom('a', 'b', 'c', ''),
      status: fc.constantFrom(200, 429, 529, 500, 400),
      latencyMs: fc.option(fc.integer({ min: 0, max: 60_000 }), { nil: undefined }),
      requests: fc.option(fc.tuple(fc.nat(10_000), fc.nat(10_000)), { nil: undefined }),
      output: fc.option(fc.tuple(fc.nat(1e9), fc.nat(1e9)), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(obs, { maxLength: 40 }), (specs) => {
        const history = new History({ maxSamplesPerModel: 10, maxModels: 3 });
        for (const spec of specs) history.record(response(spec));
        const restored = History.fromJSON(JSON.stringify(history), { maxSamplesPerModel: 10, maxModels: 3 });
        assert.deepEqual(restored.models(), history.models());
        for (const model of history.models()) {
          assert.deepEqual(restored.samples(model), history.samples(model));
        }
      }),
      { numRuns: 200 },
    );
  });
});
