/**
 * Bench section `hostile`: what crafted input costs. (1) Every generated adversarial input
 * (test/unit/hostile/adversarial.ts) at about 100 KB: lint time per 100 KB, and the worst.
 * (2) Typing in a 2 MB hostile file: the longest single block of the extension-host thread,
 * before the editor guard (incremental reparse, then all rules, on the host thread) and
 * after it (the lint in the worker thread; the host's event-loop delay is measured).
 * Target: no block over 50 ms.
 */
import * as path from 'node:path';
import { performance as perf } from 'node:perf_hooks';
import { LintEngine } from '../../src/core/lint';
import { MAX_FILE_BYTES } from '../../src/core/files/limits';
import { DEFAULT_TIME_BUDGET_MS, LintBudget, OffThreadLinter } from '../../src/features/lint/budget';
import { workerThreadFactory } from '../../src/features/lint/lintWorker';
import { ADVERSARIAL_CASES, sizedInput } from '../unit/hostile/adversarial';
import type { BenchSection } from './bench';

const grammarDir = path.resolve(__dirname, '../../grammars');
/**
 * The editor's lint worker as it ships (dist/lintWorker.js, built by `npm run bench`): the
 * worker script beside this file exists only in the transpiled tree, not beside the bundle.
 */
const workerScript = path.resolve(__dirname, '../../../dist/lintWorker.js');
const KB100 = 100 * 1024;
/** Keystrokes typed per shape: each costs seconds to minutes on the host thread before the guard. */
const KEYSTROKES = 2;

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
    log('(1) adversarial inputs at ~100 KB: lint time per 100 KB (fastest of 3), and the growth to');
    log('    8× the input (~800 KB, one run): linear is about 8×, quadratic 64× (the unit test checks');
    log('    64 KB against 8 KB, where a small quadratic term does not show yet)');
    let worst = { name: '', perKb100: 0 };
    let steepest = { name: '', growth: 0 };
    for (const c of ADVERSARIAL_CASES) {
      const text = sizedInput(c, KB100);
      const ms = fastest(3, () => engine.lint(text, c.language));
      const perKb100 = (ms * KB100) / text.length;
      if (perKb100 > worst.perKb100) worst = { name: c.name, perKb100 };
      const large = sizedInput(c, 8 * KB100);
      const growth = fastest(1, () => engine.lint(large, c.language)) / ms;
      if (growth > steepest.growth) steepest = { name: c.name, growth };
      log(
        `  ${c.name.padEnd(42)} ${perKb100.toFixed(1).padStart(8)} ms / 100 KB   ×${growth.toFixed(1)} for ${(large.length / text.length).toFixed(1)}× the input`,
      );
    }
    log(`  worst: ${worst.name}, ${worst.perKb100.toFixed(1)} ms per 100 KB`);
    log(`  steepest growth: ${steepest.name}, ×${steepest.growth.toFixed(1)} for 8× the input`);

    log('');
    log(
      '(2) typing in a 2 MB hostile file: the longest block of the extension-host thread per keystroke, target 50 ms',
    );
    log('    before: the lint runs on the host thread (incremental reparse + all rules per keystroke)');
    log("    after:  the editor guard lints it in the worker; the host thread's busy time per keystroke,");
    log('            all blocks together (event-loop utilisation: the edit, size check, plan, posting the');
    log('            text, receiving the findings), so the longest single block is at most this');
    // Three shapes (deep calls, a Python nest, plain volume), each repeated to just under the
    // 2 MB cap (a larger file is not linted at all): many deep nests, as a crafted file would.
    const shapes = [
      'JS: Promise.all over nested maps',
      'Python: nested lambdas',
      'JS: many calls in sequence',
    ];
    // No hard cap here: the figure is the host's block, however long the worker takes.
    const offThread = new OffThreadLinter(workerThreadFactory(grammarDir, workerScript), 3_600_000);
    for (const c of ADVERSARIAL_CASES.filter((x) => shapes.includes(x.name))) {
      const unit = sizedInput(c, 64 * 1024);
      const text = unit.repeat(Math.floor(MAX_FILE_BYTES / unit.length));
      const at = (i: number): number => Math.floor(((i + 1) * text.length) / 4);

      // After (measured first, so no garbage of the host-thread lints below is collected
      // meanwhile): what the host does per keystroke (the edit, the size check, the plan,
      // posting the text, taking the findings) while the worker lints: the event loop's
      // active time. A 2 MB document is planned for the worker from its size alone.
      const budget = new LintBudget(MAX_FILE_BYTES);
      let current = text;
      let workerMs = 0;
      let findings = 0;
      let busy = 0;
      let send = 0;
      // The worker is started (and its grammar loaded) once per session, not per keystroke.
      await offThread.submit({ key: 'warm-up', language: c.language, text: 'anthropic', rules: {} });
      for (let i = 0; i < KEYSTROKES; i++) {
        const elu = perf.eventLoopUtilization();
        const sendStart = perf.now();
        const p = at(i);
        current = `${current.slice(0, p)} ${current.slice(p)}`;
        const bytes = Buffer.byteLength(current, 'utf8');
        const plan = budget.plan('bench', bytes, DEFAULT_TIME_BUDGET_MS);
        if (plan.kind !== 'worker') throw new Error(`expected the worker plan, got ${plan.kind}`);
        const pending = offThread.submit({
          key: 'bench',
          language: c.language,
          text: current,
          rules: {},
        });
        send = Math.max(send, perf.now() - sendStart);
        const outcome = await pending;
        if (outcome.status !== 'done') {
          throw new Error(
            `worker lint ended ${outcome.status}${outcome.status === 'failed' ? `: ${outcome.error}` : ''}`,
          );
        }
        workerMs = Math.max(workerMs, outcome.ms);
        findings = outcome.total;
        busy = Math.max(busy, perf.eventLoopUtilization(elu).active);
      }

      // Before: the lint on the host thread, as the editor ran it without the guard.
      const doc = engine.openDocument(c.language, text);
      const first = fastest(1, () => doc.lint());
      let before = 0;
      for (let i = 0; i < KEYSTROKES; i++) {
        before = Math.max(
          before,
          fastest(1, () => {
            doc.update([{ rangeOffset: at(i), rangeLength: 0, text: ' ' }]);
            doc.lint();
          }),
        );
      }
      doc.dispose();
      log(
        `  ${c.name} (${(text.length / 1024 / 1024).toFixed(2)} MB, ${findings} findings, worker lint ${(workerMs / 1000).toFixed(1)} s)`,
      );
      log(
        `    before: open ${first.toFixed(0)} ms, longest keystroke ${before.toFixed(0)} ms ${before <= 50 ? 'met' : 'MISSED'}`,
      );
      log(
        `    after:  host busy per keystroke ${busy.toFixed(1)} ms ${busy <= 50 ? 'met' : 'MISSED'} (of which sending the text ${send.toFixed(1)} ms)`,
      );
    }
    offThread.dispose();
    engine.dispose();
  },
};
