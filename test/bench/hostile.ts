/**
 * Bench section `hostile`: what crafted input costs. (1) Every generated adversarial input
 * (test/unit/hostile/adversarial.ts) at about 100 KB: lint time per 100 KB, and the worst.
 * (2) Typing in a 2 MB hostile file the way the editor lints it (incremental reparse, then
 * all rules, synchronously on the extension-host thread): the longest single block.
 * Target: no block over 50 ms.
 */
import * as path from 'node:path';
import { LintEngine } from '../../src/core/lint';
import { ADVERSARIAL_CASES, sizedInput } from '../unit/hostile/adversarial';
import type { BenchSection } from './bench';

const grammarDir = path.resolve(__dirname, '../../grammars');
const KB100 = 100 * 1024;

function fastest(runs: number, fn: () => void): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

export const hostileBench: BenchSection = {
  name: 'hostile',
  async run(log) {
    const engine = await LintEngine.create(grammarDir);
    log('(1) adversarial inputs at ~100 KB: lint time per 100 KB (fastest of 3)');
    let worst = { name: '', perKb100: 0 };
    for (const c of ADVERSARIAL_CASES) {
      const text = sizedInput(c, KB100);
      const ms = fastest(3, () => engine.lint(text, c.language));
      const perKb100 = (ms * KB100) / text.length;
      if (perKb100 > worst.perKb100) worst = { name: c.name, perKb100 };
      log(`  ${c.name.padEnd(42)} ${perKb100.toFixed(1).padStart(8)} ms / 100 KB`);
    }
    log(`  worst: ${worst.name}, ${worst.perKb100.toFixed(1)} ms per 100 KB`);

    log('');
    log(
      '(2) typing in a 2 MB hostile file (incremental reparse + all rules per keystroke), target: no block over 50 ms',
    );
    // Three shapes (deep calls, a Python nest, plain volume); each lint of 2 MB takes seconds
    // today, so a few keystrokes tell the story.
    const shapes = [
      'JS: Promise.all over nested maps',
      'Python: nested lambdas',
      'JS: many calls in sequence',
    ];
    for (const c of ADVERSARIAL_CASES.filter((x) => shapes.includes(x.name))) {
      // The case repeated to 2 MB: many deep nests, as a crafted file in a cloned repository.
      const unit = sizedInput(c, 64 * 1024);
      const text = unit.repeat(Math.ceil((2 * 1024 * 1024) / unit.length));
      const doc = engine.openDocument(c.language, text);
      const first = fastest(1, () => doc.lint());
      let longest = 0;
      for (let i = 0; i < 3; i++) {
        const at = Math.floor(((i + 1) * text.length) / 4);
        longest = Math.max(
          longest,
          fastest(1, () => {
            doc.update([{ rangeOffset: at, rangeLength: 0, text: ' ' }]);
            doc.lint();
          }),
        );
      }
      doc.dispose();
      log(
        `  ${c.name.padEnd(42)} open ${first.toFixed(0).padStart(6)} ms, longest keystroke ${longest.toFixed(0).padStart(6)} ms  ${longest <= 50 ? 'met' : 'MISSED'}`,
      );
    }
    engine.dispose();
  },
};
