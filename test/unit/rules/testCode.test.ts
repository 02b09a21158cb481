/**
 * Test code (src/core/lint/facts/testCode.ts): test files by path, test blocks by shape;
 * retries-disabled is quiet there unless asked, other rules say "In test code.", and the
 * CLI counts those findings apart.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Finding, languageForPath } from '../../../src/core/lint';
import { isTestPath, TEST_CODE_NOTE } from '../../../src/core/lint/facts/testCode';
import { fixturesDir, getEngine, lintFixture } from '../lint/helpers';
import { run, tree } from '../cli/helpers';

async function lintAs(
  rel: string,
  options: { path?: string; retriesDisabledInTests?: boolean },
): Promise<Finding[]> {
  const engine = await getEngine();
  const text = fs.readFileSync(path.join(fixturesDir, rel), 'utf8');
  return engine.lint(text, languageForPath(rel)!, options);
}

describe('test code', () => {
  it('tells test files apart by their project-relative path', () => {
    for (const p of [
      'test/client.ts',
      'tests/test_client.py',
      'pkg/__tests__/client.js',
      'src/client.test.ts',
      'src/client.spec.mjs',
      'src/Client.Test.tsx',
      'api/test_client.py',
      'api/client_test.py',
      'conftest.py',
      'polls/tests.py',
      'api\\tests\\helpers.py',
    ]) {
      assert.equal(isTestPath(p), true, p);
    }
    for (const p of [
      'src/client.ts',
      'src/contest.py',
      'src/latest.ts',
      'src/testimonials.ts',
      'src/test.ts',
      'src/attest_client.py',
      'src/client.spec-data.ts',
      'testing/client.py',
      'src/protest/test-utils.js',
      'src/conftest_helpers.py',
      'src/latest.py',
      'src/contests.py',
    ]) {
      assert.equal(isTestPath(p), false, p);
    }
  });

  it('marks findings in a test file and keeps retries-disabled quiet there', async () => {
    const { actual } = await lintFixture('test-code/__tests__/summarize.test.ts');
    assert.deepEqual(
      actual.map((f) => [f.rule, f.testCode]),
      [['missing-max-tokens', true]],
    );
    assert.ok(actual[0].message.endsWith(TEST_CODE_NOTE), actual[0].message);
  });

  it('reports retries-disabled in test code when asked, marked as test code', async () => {
    const rel = 'test-code/__tests__/summarize.test.ts';
    const on = await lintAs(rel, { path: rel, retriesDisabledInTests: true });
    assert.deepEqual(
      on.map((f) => [f.rule, f.range.start.line + 1, f.testCode]),
      [
        ['retries-disabled', 7, true],
        ['missing-max-tokens', 10, true],
      ],
    );
    // Without the path, only the test('…', fn) block tells: the module-level client is reported, unmarked.
    const noPath = await lintAs(rel, {});
    assert.deepEqual(
      noPath.map((f) => [f.rule, f.testCode]),
      [
        ['retries-disabled', undefined],
        ['missing-max-tokens', true],
      ],
    );
  });

  it('finds describe/it blocks and pytest tests, fixtures and TestCase classes in any file', async () => {
    const ts = 'test-code/src/describe-blocks.ts';
    assert.deepEqual(
      (await lintAs(ts, { path: ts, retriesDisabledInTests: true })).map((f) => [
        f.range.start.line + 1,
        f.testCode,
      ]),
      [
        [7, undefined],
        [19, true],
      ],
    );
    const py = 'test-code/src/inline_tests.py';
    assert.deepEqual(
      (await lintAs(py, { path: py, retriesDisabledInTests: true })).map((f) => [
        f.range.start.line + 1,
        f.testCode,
      ]),
      [
        [6, undefined],
        [18, true],
        [24, true],
      ],
    );
    const fixture = 'test-code/tests/test_summarize.py';
    assert.deepEqual(
      (await lintAs(fixture, { retriesDisabledInTests: true })).map((f) => [f.rule, f.testCode]),
      [
        ['retries-disabled', true],
        ['missing-max-tokens', true],
      ],
      'a pytest fixture and a test function are test code even without the path',
    );
  });

  it('counts test-code findings apart in the CLI summary, and --retries-disabled-in-tests turns the rule back on', async function () {
    this.timeout(30_000);
    const src = fs.readFileSync(path.join(fixturesDir, 'test-code/__tests__/summarize.test.ts'), 'utf8');
    const dir = tree({ 'tests/summarize.test.ts': src, 'src/app.ts': src });
    try {
      const plain = await run(['lint', '.'], dir);
      const summary = plain.stdout.trim().split('\n').pop() ?? '';
      // src/app.ts: the module's client is not test code, the call in its test('…') block is.
      assert.equal(summary, '3 problems (2 errors, 1 warning, 0 infos) in 2 files; 2 of them in test code.');
      assert.match(
        plain.stdout,
        /tests\/summarize\.test\.ts:10:\d+: error \[missing-max-tokens\] .* In test code\.$/m,
      );
      const json = JSON.parse((await run(['lint', '.', '--format', 'json'], dir)).stdout) as {
        findings: Array<{ file: string; rule: string; testCode?: true }>;
      };
      assert.deepEqual(
        json.findings.map((f) => [f.file, f.rule, f.testCode ?? false]),
        [
          ['src/app.ts', 'retries-disabled', false],
          ['src/app.ts', 'missing-max-tokens', true],
          ['tests/summarize.test.ts', 'missing-max-tokens', true],
        ],
      );
      const on = await run(['lint', '.', '--retries-disabled-in-tests'], dir);
      assert.equal(
        on.stdout.trim().split('\n').pop(),
        '4 problems (2 errors, 2 warnings, 0 infos) in 2 files; 3 of them in test code.',
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
