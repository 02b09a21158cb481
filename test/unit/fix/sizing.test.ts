import * as assert from 'node:assert/strict';
import {
  MeasurementBook,
  PLANNING_OUTPUT_TOKENS_PER_SECOND,
  type ModelMeasurement,
  sizeConcurrency,
} from '../../../src/core/fix';
import type { Observation } from '../../../src/core/monitor/source';

const DATE = '2026-12-06';

function measurement(over: Partial<ModelMeasurement>): ModelMeasurement {
  return {
    model: 'claude-sonnet-4-5',
    requestsPerMinute: 4000,
    inputTokensPerMinute: 2_000_000,
    outputTokensPerMinute: 400_000,
    limitsFrom: 'poll',
    measuredAt: 0,
    observedCalls: 0,
    ...over,
  };
}

function sized(call: Parameters<typeof sizeConcurrency>[0], m: ModelMeasurement) {
  const s = sizeConcurrency(call, [m], DATE);
  assert.equal(s.kind, 'sized', JSON.stringify(s));
  return s as Extract<typeof s, { kind: 'sized' }>;
}

describe("fix: concurrency sizing (Little's law over RPM, ITPM and OTPM)", () => {
  it('RPM binds: 50 RPM × 2.4 s observed latency / 60 s = 2', () => {
    const s = sized(
      { model: 'claude-sonnet-4-5', maxTokens: 256 },
      measurement({
        requestsPerMinute: 50,
        observedLatencyMs: 2400,
        inputTokensPerCall: 1000,
        observedCalls: 5,
      }),
    );
    // ITPM 2,000,000 / 1,000 = 2,000/min; OTPM 400,000 / 256 = 1,562/min; RPM 50/min binds.
    assert.equal(s.binding, 'RPM');
    assert.equal(s.callsPerMinute, 50);
    assert.equal(s.n, 2);
    assert.equal(s.latencyEstimated, false);
  });

  it('ITPM binds: 400,000 ITPM / 2,000 input tokens per call = 200/min × 6 s / 60 s = 20', () => {
    const s = sized(
      { model: 'claude-sonnet-4-5', maxTokens: 256 },
      measurement({
        inputTokensPerMinute: 400_000,
        outputTokensPerMinute: 80_000,
        inputTokensPerCall: 2000,
        observedLatencyMs: 6000,
        observedCalls: 9,
      }),
    );
    assert.equal(s.binding, 'ITPM');
    assert.equal(s.callsPerMinute, 200);
    assert.equal(s.n, 20);
  });

  it('OTPM binds: 40,000 OTPM / 1,024 max_tokens = 39/min × 30 s / 60 s = 19', () => {
    const s = sized(
      { model: 'claude-sonnet-4-5', maxTokens: 1024 },
      measurement({ outputTokensPerMinute: 40_000, inputTokensPerCall: 1000, observedLatencyMs: 30_000 }),
    );
    assert.equal(s.binding, 'OTPM');
    assert.equal(s.n, 19);
    assert.ok(
      s.derivation.some((l) => /OTPM 40,000 \/ 1,024 max_tokens = 39 calls\/min {2}<- binds/.test(l)),
    );
  });

  it('without observed traffic the latency is estimated from max_tokens at the SDK planning speed (never the poll)', () => {
    assert.equal(PLANNING_OUTPUT_TOKENS_PER_SECOND, 128_000 / 3600);
    const s = sized({ model: 'claude-sonnet-4-5', maxTokens: 1024 }, measurement({}));
    // 1,024 tokens at 35.6 tokens/s = 28.8 s; OTPM 400,000 / 1,024 = 390.6/min binds → 187.
    assert.equal(s.latencyMs, 28_800);
    assert.equal(s.latencyEstimated, true);
    assert.equal(s.binding, 'OTPM');
    assert.equal(s.n, 187);
    assert.deepEqual(s.derivation, [
      'Concurrency cap sized by Headroom on 2026-12-06 for claude-sonnet-4-5 (limits from a poll):',
      '  RPM  4,000 calls/min',
      '  ITPM 2,000,000 (not applied: input tokens per call not observed yet)',
      '  OTPM 400,000 / 1,024 max_tokens = 391 calls/min  <- binds',
      "  latency 28.8 s (estimate: 1,024 max_tokens at 35.6 tokens/s, the SDKs' planning speed)",
      '  in flight <= 391 calls/min x 28.8 s / 60 s = 187',
    ]);
  });

  it('a dated model id uses its alias’s measurement; never at least 1', () => {
    const s = sized(
      { model: 'claude-sonnet-4-5-20250929', maxTokens: 100 },
      measurement({ requestsPerMinute: 5, observedLatencyMs: 100, observedCalls: 1 }),
    );
    assert.equal(s.n, 1);
  });

  it('missing measurement: says why (other model only, unknown model, no latency, no limits)', () => {
    const other = measurement({ model: 'claude-haiku-4-5' });
    assert.deepEqual(sizeConcurrency({ model: 'claude-sonnet-4-5', maxTokens: 10 }, [other], DATE), {
      kind: 'unavailable',
      reason: 'no rate limits measured for claude-sonnet-4-5 yet',
    });
    assert.deepEqual(
      sizeConcurrency({ modelUnknown: 'the calls use different models (a, b)' }, [other], DATE),
      {
        kind: 'unavailable',
        reason: 'the calls use different models (a, b)',
      },
    );
    assert.deepEqual(sizeConcurrency({}, [other], DATE), {
      kind: 'unavailable',
      reason: "the call's model is unknown",
    });
    assert.deepEqual(sizeConcurrency({ model: 'claude-haiku-4-5' }, [other], DATE), {
      kind: 'unavailable',
      reason: 'no latency for claude-haiku-4-5: no observed traffic and no max_tokens to estimate from',
    });
    const empty = measurement({
      requestsPerMinute: undefined,
      inputTokensPerMinute: undefined,
      outputTokensPerMinute: undefined,
    });
    assert.equal(
      sizeConcurrency({ model: 'claude-sonnet-4-5', maxTokens: 5 }, [empty], DATE).kind,
      'unavailable',
    );
  });
});

describe('fix: MeasurementBook', () => {
  const response = (over: Partial<Extract<Observation, { kind: 'response' }>>): Observation => ({
    kind: 'response',
    source: 'poll',
    model: 'claude-haiku-4-5',
    at: 1000,
    status: 200,
    headers: {
      families: {
        requests: { limit: 50, remainingExceedsLimit: false },
        'input-tokens': { limit: 50_000, remainingExceedsLimit: false },
        'output-tokens': { limit: 10_000, remainingExceedsLimit: false },
      },
      malformed: [],
    },
    ...over,
  });

  it('keeps limits per model; latency and input size only from observed traffic, never from polls', () => {
    const book = new MeasurementBook();
    book.record(response({ latencyMs: 150, usage: { inputTokens: 1 } }));
    assert.deepEqual(book.all(), [
      {
        model: 'claude-haiku-4-5',
        requestsPerMinute: 50,
        inputTokensPerMinute: 50_000,
        outputTokensPerMinute: 10_000,
        limitsFrom: 'poll',
        measuredAt: 1000,
        observedCalls: 0,
      },
    ]);
    for (const [latencyMs, inputTokens] of [
      [3000, 800],
      [1000, 1200],
      [2000, 1000],
    ]) {
      book.record(response({ source: 'observed', latencyMs, usage: { inputTokens }, at: 2000 }));
    }
    book.record(response({ source: 'observed', status: 429, latencyMs: 5 }));
    book.record(response({ model: 'claude-sonnet-4-5', headers: { families: {}, malformed: [] } }));
    const [haiku, ...rest] = book.all();
    assert.equal(rest.length, 0, 'a model without limits is not listed');
    assert.equal(haiku.observedLatencyMs, 2000);
    assert.equal(haiku.inputTokensPerCall, 1000);
    assert.equal(haiku.observedCalls, 3);
    assert.equal(haiku.limitsFrom, 'observed');
  });
});
