import * as assert from 'node:assert/strict';
import { CostLedger, costTooltip, usageObservation } from '../../../src/core/monitor/costLedger';
import { formatUsd } from '../../../src/core/monitor/format';
import type { ResponseObservation, UsageInfo } from '../../../src/core/monitor/source';

const T0 = Date.parse('2026-12-06T09:00:00Z');

const ok = (at: number, model: string, usage: UsageInfo): ResponseObservation =>
  usageObservation(model, usage, at);

describe('cost ledger', () => {
  it('prices observed usage per model, with cache savings, per minute and per hour', () => {
    const ledger = new CostLedger();
    // Haiku 4.5: 1M in + 100k out = $1 + $0.50; cache reads 1M = $0.10, saving $0.90.
    ledger.add(ok(T0, 'claude-haiku-4-5', { inputTokens: 1_000_000, outputTokens: 100_000 }));
    ledger.add(
      ok(T0 + 30_000, 'claude-haiku-4-5-20251001', {
        inputTokens: 0,
        outputTokens: 0,
        cacheReadInputTokens: 1_000_000,
      }),
    );
    ledger.add(ok(T0 + 61_000, 'claude-sonnet-4-6', { inputTokens: 1000, outputTokens: 1000 }));
    const s = ledger.summary(T0 + 120_000);
    assert.ok(Math.abs(s.totalUsd - (1.5 + 0.1 + 0.018)) < 1e-9, String(s.totalUsd));
    assert.ok(Math.abs(s.cacheSavingsUsd - 0.9) < 1e-9);
    assert.deepEqual(
      s.models.map((m) => [m.model, m.family]),
      [
        ['claude-haiku-4-5', 'Haiku 4.5'],
        ['claude-haiku-4-5-20251001', 'Haiku 4.5'],
        ['claude-sonnet-4-6', 'Sonnet 4'],
      ],
    );
    assert.deepEqual(
      s.perMinute.map(([, usd]) => Math.round(usd * 1000) / 1000),
      [1.6, 0.018, 0],
    );
    // Two minutes of session: $1.618 over 2 min = $48.54 an hour.
    assert.ok(Math.abs(s.usdPerHour - 1.618 * 30) < 1e-6, String(s.usdPerHour));
  });

  it('counts but does not price an unknown model, and says so', () => {
    const ledger = new CostLedger();
    ledger.add(ok(T0, 'my-finetune', { inputTokens: 10, outputTokens: 10 }));
    const s = ledger.summary(T0);
    assert.equal(s.totalUsd, 0);
    assert.deepEqual(s.unpriced, ['my-finetune']);
    assert.match(costTooltip(s), /No price for `my-finetune`/);
  });

  it('applies price overrides', () => {
    const ledger = new CostLedger({ 'Haiku 4.5': { input: 0.5 } });
    ledger.add(ok(T0, 'claude-haiku-4-5', { inputTokens: 1_000_000, outputTokens: 0 }));
    assert.ok(Math.abs(ledger.summary(T0).totalUsd - 0.5) < 1e-9);
  });

  it('formats dollars', () => {
    assert.equal(formatUsd(0), '$0.00');
    assert.equal(formatUsd(0.00421), '$0.0042');
    assert.equal(formatUsd(1.234), '$1.23');
    assert.equal(formatUsd(12345.6), '$12,346');
    assert.match(
      costTooltip({
        totalUsd: 1.5,
        cacheSavingsUsd: 0.9,
        usdPerHour: 3,
        models: [
          {
            model: 'm',
            requests: 1,
            usd: 1.5,
            cacheSavingsUsd: 0.9,
            inputTokens: 0,
            outputTokens: 0,
            cacheWriteTokens: 0,
            cacheReadTokens: 0,
            priced: true,
          },
        ],
        perMinute: [],
        unpriced: [],
      }),
      /This session: \*\*\$1\.50\*\* · \$3\.00\/hour at the current rate · cache reads saved \$0\.90/,
    );
  });
});
