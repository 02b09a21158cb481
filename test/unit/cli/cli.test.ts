import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RULE_IDS } from '../../../src/core/lint';
import { run, tree } from './helpers';
import { readNotebook } from '../../../src/cli/lintFile';

const IMPORT = "import Anthropic from '@anthropic-ai/sdk';\nconst client = new Anthropic();\n";
/** An error-level finding (missing-max-tokens) on line 3. */
const ERROR_TS = `${IMPORT}await client.messages.create({ model: 'claude-haiku-4-5', messages: [] });\n`;
/** A warning-level finding (unbounded-fanout) on line 3. */
const WARN_TS = `${IMPORT}await Promise.all(xs.map((x) => client.messages.create({ model: 'm', max_tokens: 5, messages: [] })));\n`;
const CLEAN_TS = `${IMPORT}await client.messages.create({ model: 'm', max_tokens: 5, messages: [] });\n`;
const ERROR_PY =
  'import anthropic\nclient = anthropic.Anthropic()\nclient.messages.create(model="m", messages=[])\n';

function notebook(cells: Array<{ type: 'code' | 'markdown'; source: string[] }>): string {
  return JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: 'python3', language: 'python' } },
    cells: cells.map((c) => ({
      cell_type: c.type,
      metadata: {},
      source: c.source,
      ...(c.type === 'code' ? { outputs: [], execution_count: null } : {}),
    })),
  });
}

describe('headroom CLI', function () {
  this.timeout(30_000);
  const dirs: string[] = [];
  const mk = (files: Record<string, string>): string => {
    const d = tree(files);
    dirs.push(d);
    return d;
  };
  after(() => {
    for (const d of dirs) {
      fs.rmSync(d, { recursive: true, force: true });
    }
  });

  describe('commands and usage errors', () => {
    it('prints the version and help', async () => {
      const cwd = os.tmpdir();
      const v = await run(['--version'], cwd);
      assert.equal(v.code, 0);
      assert.match(v.stdout, /^(\d+\.\d+\.\d+|dev)\n$/);
      const h = await run(['--help'], cwd);
      assert.equal(h.code, 0);
      assert.match(h.stdout, /Usage: headroom <command>/);
      const lh = await run(['lint', '--help'], cwd);
      assert.equal(lh.code, 0);
      assert.match(lh.stdout, /--format <text\|json\|sarif\|github\|gitlab>/);
      for (const id of RULE_IDS) {
        assert.ok(lh.stdout.includes(id), id);
      }
    });

    it('exits 2 on usage errors with a clear message', async () => {
      const cwd = mk({ 'a.ts': CLEAN_TS });
      const cases: Array<[string[], RegExp]> = [
        [[], /Usage: headroom/],
        [['frobnicate'], /unknown command "frobnicate"/],
        [['lint', '--format', 'xml'], /unknown format "xml"/],
        [['lint', '--format'], /--format needs a value/],
        [['lint', '--rule', 'nope'], /--rule expects <rule-id>=/],
        [['lint', '--rule', 'no-such-rule=off'], /unknown rule "no-such-rule"/],
        [['lint', '--rule=naive-retry=loud'], /unknown level "loud"/],
        [['lint', '--max-warnings', 'ten'], /--max-warnings expects a whole number/],
        [['lint', '--jobs', '0'], /--jobs expects a positive whole number/],
        [['lint', '--fixx'], /unknown option "--fixx"/],
        [['lint', '--dry-run'], /--dry-run goes with --fix/],
      ];
      for (const [argv, message] of cases) {
        const r = await run(argv, cwd);
        assert.equal(r.code, 2, argv.join(' '));
        assert.match(r.stderr, message, argv.join(' '));
        assert.equal(r.stdout, '', argv.join(' '));
      }
    });

    it('exits 2 for a path that does not exist', async () => {
      const cwd = mk({ 'a.ts': CLEAN_TS });
      const r = await run(['lint', 'missing-dir', '--format', 'json'], cwd);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /headroom: missing-dir: no such file or directory/);
      const mixed = await run(['lint', 'a.ts', 'missing.ts', '--format', 'json'], cwd);
      assert.equal(mixed.code, 2, 'an I/O error wins over a clean result');
      assert.equal(JSON.parse(mixed.stdout).files, 1);
    });
  });

  describe('output formats', () => {
    it('json: the exact documented shape, sorted, paths relative to the cwd', async () => {
      const cwd = mk({
        'src/b.ts': ERROR_TS,
        'src/a.ts': WARN_TS,
        'src/clean.ts': CLEAN_TS,
        'py/x.py': ERROR_PY,
      });
      const r = await run(['lint', 'src', 'py', '--format', 'json'], cwd);
      assert.equal(r.code, 1);
      const out = JSON.parse(r.stdout) as {
        version: number;
        files: number;
        findings: Array<Record<string, unknown>>;
      };
      assert.deepEqual(Object.keys(out), ['version', 'files', 'findings']);
      assert.equal(out.version, 1);
      assert.equal(out.files, 4);
      assert.deepEqual(
        out.findings.map((f) => [f.file, f.line, f.rule, f.severity]),
        [
          [path.join('py', 'x.py'), 3, 'missing-max-tokens', 'error'],
          [path.join('src', 'a.ts'), 3, 'unbounded-fanout', 'warning'],
          [path.join('src', 'b.ts'), 3, 'missing-max-tokens', 'error'],
        ],
      );
      for (const f of out.findings) {
        assert.deepEqual(Object.keys(f), [
          'file',
          'line',
          'column',
          'endLine',
          'endColumn',
          'rule',
          'severity',
          'message',
        ]);
      }
      assert.deepEqual(out.findings[2], {
        file: path.join('src', 'b.ts'),
        line: 3,
        column: 7,
        endLine: 3,
        endColumn: 29,
        rule: 'missing-max-tokens',
        severity: 'error',
        message: out.findings[2].message,
      });
      // A path given as ./src/../src keeps the form given (normalised).
      const again = await run(['lint', './src/b.ts', '--format', 'json'], cwd);
      assert.equal(JSON.parse(again.stdout).findings[0].file, path.join('src', 'b.ts'));
    });

    it('reads the retry wrappers a file imports from the project, on one job and on two', async () => {
      const cwd = mk({
        'lib/retry.ts':
          'const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));\n' +
          'export async function withRetry<T>(run: () => Promise<T>): Promise<T> {\n' +
          '  for (let i = 0; ; i++) {\n' +
          '    try {\n      return await run();\n    } catch (err) {\n' +
          '      if (i === 2) throw err;\n      await sleep(1000);\n    }\n  }\n}\n',
        'app/ask.ts':
          `${IMPORT}import { withRetry } from '../lib/retry';\n` +
          "export const ask = () => withRetry(() => client.messages.create({ model: 'm', max_tokens: 5, messages: [] }));\n",
      });
      for (const jobs of ['1', '2']) {
        const r = await run(['lint', '.', '--format', 'json', '--jobs', jobs], cwd);
        const out = JSON.parse(r.stdout) as { findings: Array<Record<string, unknown>> };
        assert.deepEqual(
          out.findings.map((f) => [f.file, f.line, f.rule]),
          [[path.join('app', 'ask.ts'), 4, 'naive-retry']],
          `--jobs ${jobs}`,
        );
        assert.match(String(out.findings[0].message), /It is withRetry\(\) in lib\/retry\.ts \(line 2\)/);
      }
    });

    it('text: file:line:col, severity, rule and a summary', async () => {
      const cwd = mk({ 'a.ts': WARN_TS, 'b.ts': ERROR_TS });
      const r = await run(['lint'], cwd);
      assert.equal(r.code, 1);
      const lines = r.stdout.trimEnd().split('\n');
      assert.match(lines[0], /^a\.ts:3:7: warning \[unbounded-fanout\] Promise\.all starts/);
      assert.match(lines[1], /^b\.ts:3:7: error \[missing-max-tokens\] /);
      assert.equal(lines[2], '2 problems (1 error, 1 warning, 0 infos) in 2 files.');
      const clean = await run(['lint'], mk({ 'c.ts': CLEAN_TS }));
      assert.equal(clean.stdout, 'No problems found in 1 file.\n');
      assert.equal(clean.code, 0);
    });

    it('sarif: valid 2.1.0 with rules, help URIs and 1-based regions', async () => {
      const cwd = mk({ 'src/b.ts': ERROR_TS, 'src/a.ts': WARN_TS });
      const r = await run(['lint', '--format', 'sarif'], cwd);
      assert.equal(r.code, 1);
      const sarif = JSON.parse(r.stdout);
      assert.equal(sarif.version, '2.1.0');
      assert.match(sarif.$schema, /sarif-2\.1\.0/);
      const runObj = sarif.runs[0];
      assert.equal(runObj.tool.driver.name, 'Headroom');
      assert.deepEqual(
        runObj.tool.driver.rules.map((rule: { id: string }) => rule.id),
        [...RULE_IDS],
      );
      for (const rule of runObj.tool.driver.rules) {
        assert.match(
          rule.helpUri,
          /^https:\/\/github\.com\/headroom-dev\/headroom\/blob\/main\/docs\/rules\/[a-z-]+\.md$/,
        );
        assert.ok(rule.shortDescription.text);
        assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level));
      }
      assert.equal(runObj.results.length, 2);
      const [first, second] = runObj.results;
      assert.equal(first.ruleId, 'unbounded-fanout');
      assert.equal(first.level, 'warning');
      assert.equal(runObj.tool.driver.rules[first.ruleIndex].id, first.ruleId);
      assert.equal(second.level, 'error');
      const loc = second.locations[0].physicalLocation;
      assert.deepEqual(loc.artifactLocation, { uri: 'src/b.ts', uriBaseId: '%SRCROOT%' });
      assert.deepEqual(loc.region, { startLine: 3, startColumn: 7, endLine: 3, endColumn: 29 });
      assert.ok(runObj.originalUriBaseIds['%SRCROOT%'].uri.startsWith('file://'));
    });
  });

  describe('exit codes and rule settings', () => {
    it('0 with warnings only, 1 with an error, --max-warnings and --rule adjust it', async () => {
      const cwd = mk({
        'a.ts': WARN_TS,
        'w.py': 'import anthropic\nclient = anthropic.Anthropic(max_retries=0)\n',
      });
      assert.equal((await run(['lint'], cwd)).code, 0);
      assert.equal((await run(['lint', '--max-warnings', '2'], cwd)).code, 0);
      assert.equal((await run(['lint', '--max-warnings', '1'], cwd)).code, 1);
      assert.equal(
        (
          await run(
            ['lint', '--max-warnings=0', '--rule', 'unbounded-fanout=off', '--rule', 'retries-disabled=info'],
            cwd,
          )
        ).code,
        0,
      );
      assert.equal((await run(['lint', '--rule', 'unbounded-fanout=error'], cwd)).code, 1);
      const errCwd = mk({ 'b.ts': ERROR_TS });
      assert.equal((await run(['lint'], errCwd)).code, 1);
      const downgraded = await run(
        ['lint', '--rule', 'missing-max-tokens=warning', '--format', 'json'],
        errCwd,
      );
      assert.equal(downgraded.code, 0);
      assert.equal(JSON.parse(downgraded.stdout).findings[0].severity, 'warning');
    });
  });

  describe('file discovery', () => {
    it('reads every supported extension and skips dependencies, VCS, virtualenvs and build output', async () => {
      const files: Record<string, string> = {};
      for (const ext of ['js', 'mjs', 'cjs', 'jsx', 'ts', 'mts', 'cts', 'tsx']) {
        files[`src/f.${ext}`] = ERROR_TS.replace('await ', '');
      }
      Object.assign(files, {
        'src/f.py': ERROR_PY,
        'src/types.d.ts': ERROR_TS,
        'src/readme.md': ERROR_TS,
        'node_modules/pkg/index.js': ERROR_TS,
        '.git/hooks/x.js': ERROR_TS,
        'dist/bundle.js': ERROR_TS,
        'build/out.py': ERROR_PY,
        '.venv/lib/x.py': ERROR_PY,
        'env2/pyvenv.cfg': 'home = /usr/bin',
        'env2/lib/site.py': ERROR_PY,
        '__pycache__/x.py': ERROR_PY,
      });
      const cwd = mk(files);
      const r = await run(['lint', '--format', 'json'], cwd);
      const out = JSON.parse(r.stdout);
      assert.equal(out.files, 9);
      assert.deepEqual([...new Set(out.findings.map((f: { file: string }) => path.extname(f.file)))].sort(), [
        '.cjs',
        '.cts',
        '.js',
        '.jsx',
        '.mjs',
        '.mts',
        '.py',
        '.ts',
        '.tsx',
      ]);
      // Named explicitly, a skipped directory is linted.
      const explicit = await run(['lint', 'dist', '--format', 'json'], cwd);
      assert.equal(JSON.parse(explicit.stdout).files, 1);
    });

    it('honours .gitignore: negation, directory patterns, anchoring, ** and nested files', async () => {
      const cwd = mk({
        '.gitignore': [
          '# generated',
          '*.gen.ts',
          '!keep.gen.ts',
          'ignored/',
          '/root-only.ts',
          '**/deep/**/*.py',
          'tmp*',
        ].join('\n'),
        'a.gen.ts': ERROR_TS,
        'keep.gen.ts': ERROR_TS,
        'ignored/x.ts': ERROR_TS,
        'sub/ignored/x.ts': ERROR_TS,
        'root-only.ts': ERROR_TS,
        'sub/root-only.ts': ERROR_TS,
        'a/deep/b/c.py': ERROR_PY,
        'a/deeper/c.py': ERROR_PY,
        'tmp1.ts': ERROR_TS,
        'nested/.gitignore': 'local.ts\n!../a.gen.ts\n',
        'nested/local.ts': ERROR_TS,
        'nested/other.ts': ERROR_TS,
      });
      const r = await run(['lint', '--format', 'json'], cwd);
      const files = [
        ...new Set(
          JSON.parse(r.stdout).findings.map((f: { file: string }) => f.file.split(path.sep).join('/')),
        ),
      ];
      assert.deepEqual(files, ['a/deeper/c.py', 'keep.gen.ts', 'nested/other.ts', 'sub/root-only.ts']);
      // Files named explicitly are linted even when ignored.
      const explicit = await run(['lint', 'a.gen.ts', '--format', 'json'], cwd);
      assert.equal(JSON.parse(explicit.stdout).findings.length, 1);
    });

    it('applies the repository .gitignore when scanning a subfolder', async () => {
      const cwd = mk({
        '.git/HEAD': 'ref: refs/heads/main\n',
        '.git/info/exclude': 'excluded.ts\n',
        '.gitignore': 'generated/\n',
        'pkg/generated/x.ts': ERROR_TS,
        'pkg/excluded.ts': ERROR_TS,
        'pkg/src/ok.ts': ERROR_TS,
      });
      const r = await run(['lint', 'pkg', '--format', 'json'], cwd);
      assert.deepEqual(
        JSON.parse(r.stdout).findings.map((f: { file: string }) => f.file),
        [path.join('pkg', 'src', 'ok.ts')],
      );
    });

    it('skips files over 2 MB with a notice', async () => {
      const big = `${ERROR_TS}${'// padding padding padding padding\n'.repeat(62_000)}`;
      assert.ok(big.length > 2 * 1024 * 1024);
      const cwd = mk({ 'big.ts': big, 'small.ts': ERROR_TS });
      const r = await run(['lint', '--format', 'json'], cwd);
      assert.match(r.stderr, /headroom: big\.ts: skipped, 2\.\d MB is over the 2 MB limit/);
      const out = JSON.parse(r.stdout);
      assert.equal(out.files, 1);
      assert.deepEqual(
        out.findings.map((f: { file: string }) => f.file),
        ['small.ts'],
      );
    });

    it('notes explicit files it cannot lint', async () => {
      const cwd = mk({ 'notes.txt': 'hello' });
      const r = await run(['lint', 'notes.txt'], cwd);
      assert.equal(r.code, 0);
      assert.match(r.stderr, /notes\.txt: not a JS\/TS\/Python file or notebook, skipped/);
    });
  });

  describe('notebooks', () => {
    it('lints code cells and reports the cell (index in the notebook) and the line in it', async () => {
      const nb = notebook([
        { type: 'markdown', source: ['# Title\n'] },
        {
          type: 'code',
          source: ['%pip install anthropic\n', 'import anthropic\n', 'client = anthropic.Anthropic()'],
        },
        { type: 'markdown', source: ['text'] },
        { type: 'code', source: ['\n', 'r = client.messages.create(model="m", messages=[])\n'] },
      ]);
      const cwd = mk({ 'analysis.ipynb': nb, 'broken.ipynb': '{ not json' });
      const r = await run(['lint', '--format', 'json'], cwd);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /broken\.ipynb: not valid notebook JSON, skipped/);
      const out = JSON.parse(r.stdout);
      assert.equal(out.files, 2);
      assert.deepEqual(out.findings, [
        {
          file: 'analysis.ipynb',
          line: 2,
          column: 5,
          endLine: 2,
          endColumn: 27,
          rule: 'missing-max-tokens',
          severity: 'error',
          message: out.findings[0].message,
          cell: 3,
        },
      ]);
      const text = await run(['lint'], cwd);
      assert.match(text.stdout, /^analysis\.ipynb\[cell 4\]:2:5: error \[missing-max-tokens\]/m);
    });

    it('reads nbformat sources as strings or arrays and rejects other languages', () => {
      const ok = readNotebook(
        JSON.stringify({ cells: [{ cell_type: 'code', source: 'import anthropic' }], metadata: {} }),
      );
      assert.deepEqual(ok, { language: 'python', cells: [{ index: 0, text: 'import anthropic' }] });
      assert.equal(
        readNotebook(JSON.stringify({ cells: [], metadata: { kernelspec: { language: 'R' } } })),
        'notebook language "R" is not supported',
      );
      assert.equal(readNotebook('[]'), 'not a notebook (no cells)');
    });
  });

  it('gives the same, sorted output on worker threads', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 24; i++) {
      files[`m${String(i).padStart(2, '0')}/f.ts`] = i % 2 ? ERROR_TS : WARN_TS;
      files[`m${String(i).padStart(2, '0')}/g.py`] = ERROR_PY;
    }
    const cwd = mk(files);
    const single = await run(['lint', '--format', 'json', '--jobs', '1'], cwd);
    const multi = await run(['lint', '--format', 'json', '--jobs', '2'], cwd);
    assert.equal(multi.stdout, single.stdout);
    assert.equal(multi.code, single.code);
    assert.equal(JSON.parse(multi.stdout).findings.length, 48);
  });
});
