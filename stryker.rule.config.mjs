// Mutation testing of one lint rule (`npm run mutate` runs it after the monitor core).
import { scope } from './stryker.config.mjs';

// ── The one rule folder under mutation (detector and fix), and the specs that exercise it.
// ── Repoint both to mutate another rule.
const RULE_SOURCES = ['src/core/rules/retries-disabled/**/*.ts'];
const RULE_SPECS = [
  'out/test/unit/lint/corpus.test.js',
  'out/test/unit/lint/engine.test.js',
  'out/test/unit/fix/backoff.test.js',
  'out/test/unit/fix/rules.test.js',
  'out/test/unit/fix/corpus.test.js',
];

export default scope('rule', RULE_SOURCES, RULE_SPECS);
