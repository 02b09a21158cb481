// Mutation testing of one lint rule (`npm run mutate` runs it after the monitor core).
import { scope } from './stryker.config.mjs';

// ── The one lint rule under mutation, and the specs that exercise it. Repoint both when the
// ── rule moves (issue 9: src/core/rules/retries-disabled/…) or to mutate another rule.
const RULE_SOURCES = ['src/core/lint/rules/retries-disabled.ts'];
const RULE_SPECS = [
  'out/test/unit/lint/corpus.test.js',
  'out/test/unit/lint/engine.test.js',
  'out/test/unit/fix/backoff.test.js',
];

export default scope('rule', RULE_SOURCES, RULE_SPECS);
