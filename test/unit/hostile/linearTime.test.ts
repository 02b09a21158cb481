/**
 * Hostile input, linear time (issue item 3): generated adversarial inputs (deep nesting of
 * calls, arrays, objects, parentheses, lambdas; long chains; long strings; many calls) take
 * time proportional to their size. Compared as a ratio of two sizes in one run (CPU time),
 * never against a clock: eight times the input must take under 24 times as long (quadratic
 * would be 64).
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { LintEngine } from '../../../src/core/lint';
import { ADVERSARIAL_CASES, sizedInput } from './adversarial';

const grammarDir = path.resolve(__dirname, '../../../grammars');
const SMALL = 8 * 1024;
const LARGE = 8 * SMALL;

describe('hostile input: lint time is linear in the input', function () {
  this.timeout(120_000);
  let engine: LintEngine;
  before(async () => {
    engine = await LintEngine.create(grammarDir);
  });
  after(() => engine.dispose());

  /**
   * The least CPU time of a few runs, ms: CPU time, not wall time, so other processes on a
   * loaded machine do not count; the least, as the run least disturbed by the collector.
   */
  const time = (text: string, language: Parameters<LintEngine['lint']>[1], runs: number): number => {
    let best = Infinity;
    for (let i = 0; i < runs; i++) {
      // Collect first (the tier runs with --expose-gc): a run should not pay the collector's debt
      // for the tests before it, which made the large input look superlinear in a full tier.
      (globalThis as { gc?: () => void }).gc?.();
      const before = process.cpuUsage();
      engine.lint(text, language);
      const used = process.cpuUsage(before);
      best = Math.min(best, (used.user + used.system) / 1000);
    }
    return best;
  };

  for (const c of ADVERSARIAL_CASES) {
    it(c.name, () => {
      const small = sizedInput(c, SMALL);
      const large = sizedInput(c, LARGE);
      assert.ok(engine.lint(small, c.language).length > 0, 'the input reaches the rules (it has findings)');
      const sizeRatio = large.length / small.length;
      // Rounds alternate the two sizes, so a slow stretch (the collector after earlier tests in
      // this process, another process) weighs on both, and the least of each is compared. A
      // measurement past the bound is taken again, up to three times: a quadratic analysis fails
      // every one, while the collector's parallel threads (counted in the process's CPU time)
      // can inflate a single one in a full tier.
      let ratio = Infinity;
      for (let attempt = 0; attempt < 3 && !(ratio < 3 * sizeRatio); attempt++) {
        let bestSmall = Infinity;
        let bestLarge = Infinity;
        for (let round = 0; round < 5; round++) {
          bestSmall = Math.min(bestSmall, time(small, c.language, 2));
          bestLarge = Math.min(bestLarge, time(large, c.language, 1));
        }
        ratio = bestLarge / Math.max(bestSmall, 3);
      }
      // Linear gives ~8; quadratic ~64. Room for noise and for tree-sitter's own costs.
      assert.ok(
        ratio < 3 * sizeRatio,
        `${sizeRatio.toFixed(1)}× the input took ${ratio.toFixed(1)}× the time`,
      );
    });
  }
});
