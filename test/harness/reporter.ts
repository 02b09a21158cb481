/**
 * The mocha reporter of the unit and e2e tiers: mocha's `spec` output on the console and,
 * given `--reporter-option results=<file>`, a results file (./results.ts) written when the
 * run ends. scripts/test.mjs passes the option; a plain `npx mocha` prints spec only.
 */
import Mocha from 'mocha';
import { writeResults, type TestResults } from './results';

const { EVENT_RUN_BEGIN, EVENT_RUN_END, EVENT_TEST_FAIL, EVENT_TEST_PASS, EVENT_TEST_PENDING } =
  Mocha.Runner.constants;

class HeadroomReporter extends Mocha.reporters.Spec {
  constructor(
    runner: Mocha.Runner,
    options: Mocha.MochaOptions & { reporterOption?: Record<string, string> },
  ) {
    super(runner, options);
    const file = options.reporterOption?.results ?? options.reporterOptions?.results;
    if (typeof file !== 'string' || file === '') return;
    const results: Omit<TestResults, 'format' | 'version'> = {
      planned: 0,
      grep: [options.grep, options.fgrep]
        .filter((g) => g !== undefined && g !== '')
        .map((g) => (g instanceof RegExp ? g.source : String(g)))
        .join(' '),
      passes: [],
      failures: [],
      pending: [],
    };
    runner.once(EVENT_RUN_BEGIN, () => (results.planned = runner.total));
    runner.on(EVENT_TEST_PASS, (t) => results.passes.push(t.fullTitle()));
    runner.on(EVENT_TEST_PENDING, (t) => results.pending.push(t.fullTitle()));
    runner.on(EVENT_TEST_FAIL, (t, err: Error) =>
      results.failures.push({ title: t.fullTitle(), error: err?.stack ?? String(err) }),
    );
    runner.once(EVENT_RUN_END, () => writeResults(file, results));
  }
}

export = HeadroomReporter;
