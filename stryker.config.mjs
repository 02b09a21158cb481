// Mutation testing with StrykerJS: `npm run mutate` (not part of `npm test`; see docs/testing.md).
// This file mutates the monitor core; stryker.rule.config.mjs reuses it for one lint rule.
// Stryker instruments the TypeScript sources in a sandbox (.stryker-tmp/), the build command
// transpiles them and the tests into out/ there, and the mocha runner runs the transpiled specs
// listed below, each mutant against only the tests that cover it (perTest coverage). Mutants in
// code that runs at load time ("static") must run every listed spec, which is why each scope
// lists only the specs that exercise it.

/**
 * The settings both scopes share, for one scope's sources and specs.
 * @param {string} name report folder under reports/mutation/
 * @param {string[]} mutate source globs to mutate
 * @param {string[]} specs transpiled specs (out/…) that exercise them
 * @returns {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export function scope(name, mutate, specs) {
  return {
    packageManager: 'npm',
    testRunner: 'mocha',
    mutate,
    // The ordinary test build, after linking node_modules into the sandbox (Stryker would
    // otherwise link it only after the build, which copies grammars out of node_modules).
    buildCommand: 'node scripts/mutate-build.mjs',
    symlinkNodeModules: false,
    mochaOptions: { config: '.mocharc.json', spec: specs },
    coverageAnalysis: 'perTest',
    // The machine is shared: two test processes at most.
    concurrency: 2,
    reporters: ['clear-text', 'progress', 'html', 'json'],
    htmlReporter: { fileName: `reports/mutation/${name}/index.html` },
    jsonReporter: { fileName: `reports/mutation/${name}/mutation.json` },
    clearTextReporter: { allowColor: false, logTests: false },
    thresholds: { high: 85, low: 70, break: null },
    tempDirName: '.stryker-tmp',
    // Build outputs and the downloaded VS Code are rebuilt or unused in the sandbox.
    ignorePatterns: ['/dist', '/out', '/.vscode-test', '/test-artifacts', '/reports', '*.vsix'],
  };
}

export default scope(
  'monitor',
  ['src/core/monitor/**/*.ts'],
  ['out/test/unit/monitor/**/*.test.js', 'out/test/unit/hostile/retryAfter.test.js'],
);
