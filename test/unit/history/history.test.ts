import * as assert from 'node:assert/strict';
import { History, HISTORY_FORMAT, RingBuffer, UNKNOWN_MODEL } from '../../../src/core/history';
import { MODEL, T0, networkError, response } from './helpers';

describe('history/RingBuffer', () => {
  it('keeps the newest items up to its capacity, oldest first', () => {
    const ring = new RingBuffer<number>(3);
    assert.equal(ring.push(1), undefined);
    ring.push(2);
    ring.push(3);
    assert.equal(ring.push(4), 1, 'pushing onto a full buffer returns the dropped item');
    ring.push(5);
    assert.deepEqual(ring.toArray(), [3, 4, 5]);
    assert.equal(ring.length, 3);
    assert.equal(ring.at(0), 3);
    assert.equal(ring.at(3), undefined);
    assert.equal(ring.at(-1), undefined);
    assert.equal(ring.last(), 5);
    ring.clear();
    assert.deepEqual(ring.toArray(), []);
    assert.equal(ring.last(), undefined);
  });

  it('rejects a capacity that is not a positive integer', () => {
    for (const bad of [0, -1, 1.5, NaN, Infinity]) assert.throws(() => new RingBuffer(bad), RangeError);
  });
});

describe('history/History', () => {
  it('records status, latency, usage and the standard families of a response', () => {
    const history = new History();
    const sample = history.record(
      response({
        latencyMs: 412.6,
        requests: [50, 49],
        input: [50_000, 48_000],
        output: [10_000, 9_000],
        tokens: [60_000, 57_000],
        resetInSeconds: 12,
        usage: { inputTokens: 12, outputTokens: 1 },
      }),
    );
    assert.ok(sample);
    assert.deepEqual(history.models(), [MODEL]);
    const [stored] = history.samples(MODEL);
    assert.deepEqual(stored, {
      at: T0,
      source: 'poll',
      status: 200,
      latencyMs: 412.6,
      inputTokens: 12,
      outputTokens: 1,
      families: {
        requests: { limit: 50, remaining: 49, reset: T0 + 12_000 },
        'input-tokens': { limit: 50_000, remaining: 48_000, reset: T0 + 12_000 },
        'output-tokens': { limit: 10_000, remaining: 9_000, reset: T0 + 12_000 },
        tokens: { limit: 60_000, remaining: 57_000, reset: T0 + 12_000 },
      },
    });
  });

  it('records 429, 529 and network errors (timeouts marked)', () => {
    const history = new History();
    history.record(response({ status: 429, requests: [50, 0] }));
    history.record(response({ at: T0 + 1, status: 529 }));
    history.record(networkError(T0 + 2, true));
    history.record(networkError(T0 + 3, false));
    const samples = history.samples(MODEL);
    assert.deepEqual(
      samples.map((s) => [s.status, s.timeout ?? false]),
      [
        [429, false],
        [529, false],
        [0, true],
        [0, false],
      ],
    );
    assert.deepEqual(history.summary(MODEL).outcomes, {
      ok: 0,
      'rate-limited': 1,
      overloaded: 1,
      error: 0,
      'network-error': 1,
      timeout: 1,
    });
  });

  it('ignores observations with an unusable time and never throws on odd input', () => {
    const history = new History();
    assert.equal(history.record({ ...response(), at: NaN }), undefined);
    assert.equal(history.record(response({ at: 5 })), undefined, 'epoch 1970 is a broken clock');
    assert.equal(history.record({} as never), undefined);
    assert.equal(history.record(null as never), undefined);
    assert.equal(history.size, 0);
    assert.equal(history.revision, 0, 'nothing recorded, nothing changed');
  });

  it('drops implausible numbers instead of charting them', () => {
    const history = new History();
    const obs = { ...response(), latencyMs: -3, usage: { inputTokens: 1.5, outputTokens: -1 } };
    history.record(obs);
    const [s] = history.samples(MODEL);
    assert.equal(s?.latencyMs, undefined);
    assert.equal(s?.inputTokens, undefined);
    assert.equal(s?.outputTokens, undefined);
  });

  it('keys samples by a cleaned model id, "(unknown)" when there is none', () => {
    const history = new History();
    history.record(response({ model: '' }));
    history.record(response({ model: ' claude-x\n' }));
    history.record(response({ model: 'm'.repeat(500) }));
    assert.deepEqual(history.models().sort(), [UNKNOWN_MODEL, 'claude-x', 'm'.repeat(200)].sort());
  });

  it('is bounded: 5,000 samples per model by default, the oldest dropped first', () => {
    const history = new History();
    assert.equal(history.maxSamplesPerModel, 5_000);
    for (let i = 0; i < 5_100; i++) history.record(response({ at: T0 + i * 1000, requests: [50, 40] }));
    const samples = history.samples(MODEL);
    assert.equal(samples.length, 5_000);
    assert.equal(history.count(MODEL), 5_000);
    assert.equal(history.count('other'), 0);
    assert.equal(samples[0]?.at, T0 + 100_000);
    assert.equal(history.latest(MODEL)?.at, T0 + 5_099_000);
  });

  it('is bounded in models: the least recently updated model is evicted', () => {
    const history = new History({ maxModels: 3, maxSamplesPerModel: 10 });
    history.record(response({ model: 'a' }));
    history.record(response({ model: 'b' }));
    history.record(response({ model: 'c' }));
    history.record(response({ model: 'a', at: T0 + 1 })); // a is now the most recent
    history.record(response({ model: 'd' }));
    assert.deepEqual(history.models(), ['d', 'a', 'c']);
    assert.deepEqual(history.samples('b'), []);
  });

  it('tells listeners about each change and survives a listener that throws', () => {
    const history = new History();
    let calls = 0;
    history.onDidChange(() => {
      throw new Error('boom');
    });
    const sub = history.onDidChange(() => calls++);
    history.record(response());
    assert.equal(calls, 1);
    assert.equal(history.revision, 1);
    history.clear();
    assert.equal(calls, 2);
    assert.equal(history.size, 0);
    history.clear();
    assert.equal(calls, 2, 'clearing an empty history changes nothing');
    sub.dispose();
    history.record(response());
    assert.equal(calls, 2);
  });

  it('limits table: the newest value of each family, even when the last response lacked it', () => {
    const history = new History();
    history.record(response({ at: T0, requests: [50, 45], output: [10_000, 8_000], resetInSeconds: 6 }));
    history.record(response({ at: T0 + 5_000, requests: [50, 44], resetInSeconds: 7 }));
    history.record(response({ at: T0 + 6_000, status: 529 }));
    const rows = history.limits(MODEL);
    assert.deepEqual(
      rows.map((r) => [r.family, r.limit, r.remaining, r.observedAt, r.reset]),
      [
        ['requests', 50, 44, T0 + 5_000, T0 + 12_000],
        ['output-tokens', 10_000, 8_000, T0, T0 + 6_000],
      ],
    );
    assert.equal(rows[0]?.share, 44 / 50);
  });

  it('limits table clamps the share when rounded token counts exceed the limit', () => {
    const history = new History();
    history.record(response({ input: [1_500, 2_000] }));
    assert.equal(history.limits(MODEL)[0]?.share, 1);
  });
});

describe('history/History persistence', () => {
  function filled(): History {
    const history = new History();
    history.record(
      response({
        latencyMs: 300.4,
        requests: [50, 49],
        input: [50_000, 49_000],
        output: [10_000, 10_000],
        usage: { inputTokens: 9, outputTokens: 1 },
      }),
    );
    history.record(response({ at: T0 + 1_000, status: 429, requests: [50, 0], source: 'observed' }));
    history.record(networkError(T0 + 2_000, true));
    history.record(response({ at: T0 + 3_000, model: 'claude-sonnet-4-5', tokens: [1, 1] }));
    return history;
  }

  it('round-trips through JSON text (latency rounded to whole ms)', () => {
    const history = filled();
    const restored = History.fromJSON(JSON.stringify(history));
    assert.deepEqual(restored.models(), history.models());
    for (const model of history.models()) {
      const expected = history
        .samples(model)
        .map((s) => (s.latencyMs !== undefined ? { ...s, latencyMs: Math.round(s.latencyMs) } : s));
      assert.deepEqual(restored.samples(model), expected);
    }
  });

  it('round-trips the object form and keeps the update order of models', () => {
    const history = filled();
    const json = history.toJSON();
    assert.equal(json.format, HISTORY_FORMAT);
    assert.deepEqual(
      json.models.map((m) => m.model),
      [MODEL, 'claude-sonnet-4-5'],
    );
    assert.deepEqual(History.fromJSON(json).models(), ['claude-sonnet-4-5', MODEL]);
  });

  it('cuts to the newest samples per model and to a size budget', () => {
    const history = new History();
    for (let i = 0; i < 1_000; i++) {
      history.record(response({ at: T0 + i * 1000, requests: [50, 50 - (i % 50)], latencyMs: 100 }));
    }
    const json = history.toJSON({ maxSamplesPerModel: 10 });
    assert.equal(json.models[0]?.samples.length, 10);
    assert.equal(json.models[0]?.samples[9]?.[0], T0 + 999_000, 'the newest are kept');
    const full = JSON.stringify(history.toJSON()).length;
    const budget = Math.floor(full / 3);
    const text = JSON.stringify(history.toJSON({ maxChars: budget }));
    assert.ok(text.length <= budget, `${text.length} ≤ ${budget}`);
    const kept = History.fromJSON(text).samples(MODEL).length;
    assert.ok(kept > 300 && kept < 340, `about a third kept (${kept})`);
    assert.equal(JSON.stringify(history.toJSON({ maxChars: 10 })).length > 10, true, 'only the frame');
    assert.equal(History.fromJSON(history.toJSON({ maxChars: 10 })).size, 0);
  });

  it('restores into the bounds of the new history', () => {
    const history = new History();
    for (let i = 0; i < 50; i++) history.record(response({ at: T0 + i, model: `m${i % 5}` }));
    const small = History.fromJSON(history.toJSON(), { maxModels: 2, maxSamplesPerModel: 3 });
    assert.deepEqual(small.models(), ['m4', 'm3']);
    assert.equal(small.samples('m4').length, 3);
    assert.equal(small.latest('m4')?.at, T0 + 49);
  });

  it('turns garbage into an empty history without throwing', () => {
    for (const garbage of [
      undefined,
      null,
      42,
      'not json',
      '{"format":"headroom-history"}',
      [],
      { format: HISTORY_FORMAT, version: 2, models: [] },
      { format: 'other', version: 1, models: [] },
      { format: HISTORY_FORMAT, version: 1, models: 'x' },
      { format: HISTORY_FORMAT, version: 1, models: [null, 1, { model: 3, samples: [] }] },
    ]) {
      const history = History.fromJSON(garbage);
      assert.equal(history.size, 0, JSON.stringify(garbage));
    }
  });

  it('skips malformed samples and keeps the good ones', () => {
    const good = [T0, 200, 0, 0, 120, 5, 1, 50, 49, 1000];
    const json = {
      format: HISTORY_FORMAT,
      version: 1,
      models: [
        {
          model: MODEL,
          samples: [
            good,
            [T0, 200], // too short
            [T0, 200, 9, 0], // unknown source
            [T0, 200, 0, 2], // unknown flag
            [T0, 'x', 0, 0],
            [T0, 200, 0, 0, -5], // negative latency
            [T0, 200, 0, 0, null, null, null, 1.5], // fractional count
            [T0, 0, 0, 0, null, null, null, 50, 49], // a network error with headers
            [T0, 200, 0, 0, null, null, null, null, null, 1e20], // absurd reset offset
            [...good, ...new Array(20).fill(null)], // too long
            { at: T0 },
          ],
        },
      ],
    };
    const history = History.fromJSON(json);
    assert.deepEqual(history.samples(MODEL), [
      {
        at: T0,
        source: 'poll',
        status: 200,
        latencyMs: 120,
        inputTokens: 5,
        outputTokens: 1,
        families: { requests: { limit: 50, remaining: 49, reset: T0 + 1000 } },
      },
    ]);
  });

  it('does not let stored model names pollute prototypes', () => {
    const json = {
      format: HISTORY_FORMAT,
      version: 1,
      models: [{ model: '__proto__', samples: [[T0, 200, 0, 0]] }],
    };
    const history = History.fromJSON(json);
    assert.deepEqual(history.models(), ['__proto__']);
    assert.equal(({} as Record<string, unknown>).status, undefined);
  });
});
