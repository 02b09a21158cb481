/**
 * Mocha entry for the extension host. Both runners load it: the code-server runner
 * (test/harness/runIntegration.ts) and @vscode/test-electron (test/harness/runElectron.ts).
 * A browser cannot see the host's exit code, so progress and results are also written as
 * JSON lines to the file named by HEADROOM_TEST_RESULTS: a `start` event with the number of
 * tests planned, one event per test, and an `end` event; the harness trusts nothing else.
 */
import { appendFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

function testFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...testFiles(p));
    else if (name.endsWith('.test.js')) out.push(p);
  }
  return out.sort();
}

export function run(): Promise<void> {
  const resultsFile = process.env.HEADROOM_TEST_RESULTS;
  const emit = (event: Record<string, unknown>): void => {
    if (resultsFile) appendFileSync(resultsFile, JSON.stringify(event) + '\n');
  };
  if (resultsFile) writeFileSync(resultsFile, '');

  // `.only` and pending tests fail the run, as in the unit and e2e tiers.
  const mocha = new Mocha({
    ui: 'bdd',
    timeout: 30_000,
    color: false,
    reporter: 'spec',
    forbidOnly: true,
    forbidPending: true,
  });
  // Narrows the run; the runner sets it only when asked (`npm test -- integration --grep …`).
  const grep = process.env.HEADROOM_TEST_GREP ?? '';
  if (grep) mocha.grep(grep);
  // The Restricted Mode pass (runIntegration.ts) points this entry at its own folder.
  for (const file of testFiles(process.env.HEADROOM_TEST_DIR || __dirname)) mocha.addFile(file);

  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        emit({
          event: 'end',
          passes: runner.stats?.passes ?? 0,
          failures,
          pending: runner.stats?.pending ?? 0,
        });
        if (failures > 0) reject(new Error(`${failures} integration test(s) failed.`));
        else resolve();
      });
      runner.once('start', () => emit({ event: 'start', total: runner.total, grep }));
      runner.on('pass', (t) => emit({ event: 'pass', title: t.fullTitle(), duration: t.duration }));
      runner.on('pending', (t) => emit({ event: 'pending', title: t.fullTitle() }));
      runner.on('fail', (t, err: Error) =>
        emit({ event: 'fail', title: t.fullTitle(), error: err?.stack ?? String(err) }),
      );
    } catch (err) {
      emit({ event: 'end', passes: 0, failures: 1, pending: 0, error: String(err) });
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}
