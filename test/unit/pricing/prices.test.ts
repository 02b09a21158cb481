import * as assert from 'node:assert/strict';
import {
  BATCH_DISCOUNT,
  PRICES_AS_OF,
  PRICE_TABLE,
  cacheSavingsOf,
  costOf,
  modelName,
  normalizeModelId,
  priceFor,
  type ModelPrice,
  type Usage,
} from '../../../src/core/pricing';

/** Cents-exact comparison for float dollars. */
function near(actual: number, expected: number, what: string): void {
  assert.ok(Math.abs(actual - expected) < 1e-9, `${what}: ${actual} !== ${expected}`);
}

const M = 1_000_000;

describe('pricing: the bundled table', () => {
  it('is dated and names the batch discount', () => {
    assert.match(PRICES_AS_OF, /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(BATCH_DISCOUNT, 0.5);
  });

  // Each family's five prices, as the pricing page states them (USD per million tokens).
  const expected: Array<[string, string, ModelPrice]> = [
    [
      'claude-fable-5-1',
      'Fable 5.1',
      { input: 10, output: 50, cacheWrite5m: 12.5, cacheWrite1h: 20, cacheRead: 0.25 },
    ],
    [
      'claude-mythos-5-1',
      'Mythos 5.1',
      { input: 10, output: 50, cacheWrite5m: 12.5, cacheWrite1h: 20, cacheRead: 0.25 },
    ],
    [
      'claude-fable-5',
      'Fable 5',
      { input: 10, output: 50, cacheWrite5m: 12.5, cacheWrite1h: 20, cacheRead: 1 },
    ],
    [
      'claude-mythos-5',
      'Mythos 5',
      { input: 10, output: 50, cacheWrite5m: 12.5, cacheWrite1h: 20, cacheRead: 1 },
    ],
    [
      'claude-opus-5-5',
      'Opus 5.5',
      { input: 4, output: 20, cacheWrite5m: 5, cacheWrite1h: 8, cacheRead: 0.2 },
    ],
    [
      'claude-opus-5',
      'Opus 5',
      { input: 5, output: 25, cacheWrite5m: 6.25, cacheWrite1h: 10, cacheRead: 0.5 },
    ],
    [
      'claude-opus-4-8',
      'Opus 4.5',
      { input: 5, output: 25, cacheWrite5m: 6.25, cacheWrite1h: 10, cacheRead: 0.5 },
    ],
    [
      'claude-opus-4-7',
      'Opus 4.5',
      { input: 5, output: 25, cacheWrite5m: 6.25, cacheWrite1h: 10, cacheRead: 0.5 },
    ],
    [
      'claude-opus-4-6',
      'Opus 4.5',
      { input: 5, output: 25, cacheWrite5m: 6.25, cacheWrite1h: 10, cacheRead: 0.5 },
    ],
    [
      'claude-opus-4-5',
      'Opus 4.5',
      { input: 5, output: 25, cacheWrite5m: 6.25, cacheWrite1h: 10, cacheRead: 0.5 },
    ],
    [
      'claude-opus-4-1',
      'Opus 4',
      { input: 15, output: 75, cacheWrite5m: 18.75, cacheWrite1h: 30, cacheRead: 1.5 },
    ],
    [
      'claude-sonnet-5-5',
      'Sonnet 5.5',
      { input: 2, output: 10, cacheWrite5m: 2.5, cacheWrite1h: 4, cacheRead: 0.1 },
    ],
    [
      'claude-sonnet-5',
      'Sonnet 5',
      { input: 2, output: 10, cacheWrite5m: 2.5, cacheWrite1h: 4, cacheRead: 0.2 },
    ],
    [
      'claude-sonnet-4-6',
      'Sonnet 4',
      { input: 3, output: 15, cacheWrite5m: 3.75, cacheWrite1h: 6, cacheRead: 0.3 },
    ],
    [
      'claude-sonnet-4-5',
      'Sonnet 4',
      { input: 3, output: 15, cacheWrite5m: 3.75, cacheWrite1h: 6, cacheRead: 0.3 },
    ],
    [
      'claude-haiku-5-5',
      'Haiku 5.5',
      { input: 0.1, output: 0.5, cacheWrite5m: 0.125, cacheWrite1h: 0.2, cacheRead: 0.01 },
    ],
    [
      'claude-haiku-4-5',
      'Haiku 4.5',
      { input: 1, output: 5, cacheWrite5m: 1.25, cacheWrite1h: 2, cacheRead: 0.1 },
    ],
    [
      'claude-3-5-haiku',
      'Haiku 3.5',
      { input: 0.8, output: 4, cacheWrite5m: 1, cacheWrite1h: 1.6, cacheRead: 0.08 },
    ],
    [
      'claude-3-haiku',
      'Haiku 3',
      { input: 0.25, output: 1.25, cacheWrite5m: 0.3, cacheWrite1h: 0.5, cacheRead: 0.03 },
    ],
  ];
  for (const [id, family, price] of expected) {
    it(`prices ${id} as ${family}`, () => {
      const found = priceFor(id);
      assert.ok(found, id);
      assert.equal(found.family, family);
      for (const k of Object.keys(price) as Array<keyof ModelPrice>) {
        near(found.price[k], price[k], `${id} ${k}`);
      }
    });
  }

  it('covers every family exactly once and every id in one row only', () => {
    const families = PRICE_TABLE.map((r) => r.family);
    assert.equal(new Set(families).size, families.length);
    const ids = PRICE_TABLE.flatMap((r) => r.ids);
    assert.equal(new Set(ids).size, ids.length);
  });

  it('maps dated snapshots, platform ids and aliases to their family', () => {
    assert.equal(priceFor('claude-haiku-4-5-20251001')?.family, 'Haiku 4.5');
    assert.equal(priceFor('claude-sonnet-4-5-20250929')?.family, 'Sonnet 4');
    assert.equal(priceFor('claude-opus-4-5-20251101')?.family, 'Opus 4.5');
    assert.equal(priceFor('us.anthropic.claude-sonnet-4-5-20250929-v1:0')?.family, 'Sonnet 4');
    assert.equal(priceFor('claude-opus-4-5@20251101')?.family, 'Opus 4.5');
    assert.equal(priceFor('claude-opus-5-5[1m]')?.family, 'Opus 5.5');
    assert.equal(priceFor('claude-3-5-haiku-latest')?.family, 'Haiku 3.5');
    assert.equal(priceFor('Claude-Haiku-4-5')?.family, 'Haiku 4.5');
    assert.equal(normalizeModelId(' anthropic.claude-haiku-4-5-20251001-v1:0 '), 'claude-haiku-4-5');
  });

  it("names a model by its own id, not its price family's (messages say what the user runs)", () => {
    assert.equal(priceFor('claude-sonnet-4-6')?.family, 'Sonnet 4');
    assert.equal(modelName('claude-sonnet-4-6'), 'Sonnet 4.6');
    assert.equal(priceFor('claude-3-opus-20240229')?.family, 'Opus 4');
    assert.equal(modelName('claude-3-opus-20240229'), 'Opus 3');
    assert.equal(modelName('claude-3-7-sonnet-latest'), 'Sonnet 3.7');
    assert.equal(modelName('claude-3-5-haiku'), 'Haiku 3.5');
    assert.equal(modelName('claude-opus-4-0'), 'Opus 4');
    assert.equal(modelName('us.anthropic.claude-haiku-4-5-20251001-v1:0'), 'Haiku 4.5');
    assert.equal(modelName('claude-fable-5-1'), 'Fable 5.1');
    assert.equal(modelName('claude-mythos-preview'), undefined);
    assert.equal(modelName('gpt-5'), undefined);
  });

  it('returns undefined for ids it does not know, never a guess', () => {
    for (const id of [
      'claude-mythos-preview',
      'claude-opus-9',
      'gpt-5',
      '',
      'claude-haiku-4-55',
      'claude-opus-4-5x',
    ]) {
      assert.equal(priceFor(id), undefined, id);
    }
  });
});

describe('pricing: costOf', () => {
  const haiku = (): ModelPrice => priceFor('claude-haiku-4-5')!.price;

  it('bills input and output without cache fields', () => {
    near(costOf({ input_tokens: M, output_tokens: M }, haiku()), 1 + 5, 'haiku 1M/1M');
    near(
      costOf({ input_tokens: 2000, output_tokens: 500 }, priceFor('claude-sonnet-4-6')!.price),
      (2000 * 3 + 500 * 15) / M,
      'sonnet',
    );
    near(
      costOf(
        {
          input_tokens: 1000,
          output_tokens: 100,
          cache_creation_input_tokens: null,
          cache_read_input_tokens: null,
        },
        haiku(),
      ),
      (1000 + 500) / M,
      'null cache fields',
    );
  });

  it('bills cache writes at the 5-minute rate by default and the 1-hour rate when asked', () => {
    const u: Usage = {
      input_tokens: 100,
      output_tokens: 10,
      cache_creation_input_tokens: 10_000,
      cache_read_input_tokens: 0,
    };
    const opus = priceFor('claude-opus-4-5')!.price;
    near(costOf(u, opus), (100 * 5 + 10 * 25 + 10_000 * 6.25) / M, '5m');
    near(costOf(u, opus, { cacheWriteTtl: '1h' }), (100 * 5 + 10 * 25 + 10_000 * 10) / M, '1h');
  });

  it('bills cache reads at the cache-read rate, with its exceptions', () => {
    const u: Usage = { input_tokens: 0, output_tokens: 0, cache_read_input_tokens: M };
    near(costOf(u, haiku()), 0.1, 'haiku 0.1x');
    near(costOf(u, priceFor('claude-opus-5-5')!.price), 0.2, 'opus 5.5 5%');
    near(costOf(u, priceFor('claude-fable-5-1')!.price), 0.25, 'fable 5.1 2.5%');
  });

  it('halves everything for batches', () => {
    const u: Usage = {
      input_tokens: 3000,
      output_tokens: 700,
      cache_creation_input_tokens: 1000,
      cache_read_input_tokens: 5000,
    };
    const p = priceFor('claude-sonnet-5')!.price;
    near(costOf(u, p, { batch: true }), costOf(u, p) * 0.5, 'batch');
    assert.ok(costOf(u, p) > 0);
  });

  it('bills a Haiku 5.5 prompt over 100,000 tokens at the long-prompt band, output included', () => {
    const p = priceFor('claude-haiku-5-5')!.price;
    near(
      costOf({ input_tokens: 100_000, output_tokens: 1000 }, p),
      (100_000 * 0.1 + 1000 * 0.5) / M,
      'at threshold',
    );
    near(
      costOf({ input_tokens: 50_000, output_tokens: 1000, cache_read_input_tokens: 50_001 }, p),
      (50_000 * 0.5 + 1000 * 2.5 + 50_001 * 0.05) / M,
      'over',
    );
  });

  it('ignores negative or non-finite counts', () => {
    near(
      costOf({ input_tokens: -5, output_tokens: Number.NaN, cache_read_input_tokens: -1 }, haiku()),
      0,
      'garbage',
    );
  });

  it('computes cache savings against the base input price', () => {
    near(
      cacheSavingsOf({ input_tokens: 10, output_tokens: 10, cache_read_input_tokens: M }, haiku()),
      0.9,
      'haiku 90% off',
    );
    near(cacheSavingsOf({ input_tokens: 10, output_tokens: 10 }, haiku()), 0, 'no reads');
    near(
      cacheSavingsOf({ input_tokens: 0, output_tokens: 0, cache_read_input_tokens: M }, haiku(), {
        batch: true,
      }),
      0.45,
      'batch',
    );
  });
});

describe('pricing: overrides', () => {
  it('overrides a field by family name, case-insensitively, keeping the others', () => {
    const p = priceFor('claude-haiku-4-5-20251001', { 'haiku 4.5': { input: 0.7 } });
    assert.equal(p?.family, 'Haiku 4.5');
    near(p!.price.input, 0.7, 'input');
    near(p!.price.output, 5, 'output kept');
    near(costOf({ input_tokens: M, output_tokens: 0 }, p!.price), 0.7, 'cost follows the override');
  });

  it('lets a model-id override win over its family override', () => {
    const overrides = { 'Opus 4.5': { output: 20 }, 'claude-opus-4-7': { output: 18 } };
    near(priceFor('claude-opus-4-7', overrides)!.price.output, 18, 'model id');
    near(priceFor('claude-opus-4-6', overrides)!.price.output, 20, 'family');
    near(priceFor('claude-opus-4-6')!.price.output, 25, 'no override');
  });

  it('ignores invalid override values', () => {
    const overrides = { 'Sonnet 4': { input: -1, output: Number.NaN, cacheRead: 'x' as unknown as number } };
    const p = priceFor('claude-sonnet-4-6', overrides)!.price;
    near(p.input, 3, 'input');
    near(p.output, 15, 'output');
    near(p.cacheRead, 0.3, 'cacheRead');
  });

  it('prices an unknown id only from a complete override for that id', () => {
    const full = { input: 1, output: 2, cacheWrite5m: 3, cacheWrite1h: 4, cacheRead: 0.5 };
    assert.deepEqual(priceFor('my-finetune', { 'my-finetune': full }), {
      family: 'my-finetune',
      price: full,
    });
    assert.equal(priceFor('my-finetune', { 'my-finetune': { input: 1 } }), undefined);
  });

  it('replaces the long-prompt band with the flat override', () => {
    const p = priceFor('claude-haiku-5-5', { 'Haiku 5.5': { input: 0.2 } })!.price;
    near(costOf({ input_tokens: 200_000, output_tokens: 0 }, p), (200_000 * 0.2) / M, 'flat');
  });
});
