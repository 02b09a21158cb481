// `npm test`: static checks, then the test tiers, each with a deadline:
//   check        tsc, ESLint and Prettier over the project (one check)
//   dogfood      the shipped CLI lints Headroom's own sources (one check)
//   unit         mocha in plain Node over src/core and the CLI
//   integration  mocha inside the real VS Code 1.100.3 extension host (code-server + Chromium)
//   e2e          Chromium drives code-server with the packaged .vsix installed
// Pass tier names to run a subset: `npm test -- unit integration`; `--grep <pattern>`
// narrows the mocha tiers (and the summary says so); `--record-minimums` raises
// test/tier-minimums.json to this run's counts.
// Every tier's counts come from a machine-read file (scripts/lib/tiers.mjs says what makes
// a tier pass). Ends with one summary line, "N passed, N failed", and exits non-zero on any failure.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  ROOT,
  cleanEnv,
  judgeCheck,
  judgeMocha,
  loadMinimums,
  parseArgs,
  readResults,
  recordMinimums,
  runMochaTier,
  step,
  summarize,
} from './lib/tiers.mjs';

const ALL = ['check', 'dogfood', 'unit', 'integration', 'e2e'];
const MIN = 60_000;
const args = parseArgs(process.argv.slice(2), ALL);
if (args.unknown.length) {
  console.error(
    `test.mjs: unknown argument(s) ${args.unknown.join(' ')}; tiers are ${ALL.join(', ')}, options --grep <pattern>, --record-minimums`,
  );
  process.exit(2);
}
const narrowedBy = args.grep ? `--grep "${args.grep}"` : '';

// Nothing in the caller's environment may narrow a tier; only --grep does, and says so.
const { env, cleared } = cleanEnv(process.env);
if (cleared.length)
  console.log(`(cleared ${cleared.join(', ')} from the tiers' environment; narrow a run with --grep)`);

let minimums = {};
let minimumsProblem = '';
try {
  minimums = loadMinimums();
} catch (err) {
  minimumsProblem = `cannot read the tier minimums: ${err.message}`;
}

const artifacts = (tier) => {
  const dir = join(ROOT, 'test-artifacts', tier);
  mkdirSync(dir, { recursive: true });
  return dir;
};
const node = process.execPath;
const bin = (path) => join(ROOT, 'node_modules', path);

const verdicts = [];
async function tier(name, fn) {
  if (!args.tiers.includes(name)) return;
  console.log(`\n━━ ${name} ${'━'.repeat(60 - name.length)}`);
  const v = await fn();
  if (minimumsProblem) {
    v.problems.push(`${name}: ${minimumsProblem}`);
    v.failed += 1;
  }
  verdicts.push(v);
}

// tsc, ESLint and Prettier, as `npm run check`; tsc and ESLint also say how many project
// files they checked, so a configuration that checks nothing cannot pass.
await tier('check', async () => {
  const tsc = await step('tsc', node, [bin('typescript/bin/tsc'), '--noEmit', '-p', '.', '--listFiles'], {
    env,
    echo: false,
    deadlineMs: 10 * MIN,
  });
  const listed = tsc.output.split('\n').filter((l) => l.startsWith(ROOT) && !l.includes('/node_modules/'));
  // Everything but the file list is tsc's diagnostics.
  const diagnostics = tsc.output.split('\n').filter((l) => l.trim() && !l.startsWith('/'));
  if (diagnostics.length) console.log(diagnostics.join('\n'));
  console.log(`tsc: ${listed.length} project files type-checked`);

  const eslintFile = join(artifacts('check'), 'eslint.json');
  rmSync(eslintFile, { force: true });
  const eslint = await step(
    'eslint',
    node,
    [bin('eslint/bin/eslint.js'), '.', '--format', 'json', '--output-file', eslintFile],
    { env, deadlineMs: 10 * MIN },
  );
  let linted = 0;
  let eslintProblem = '';
  try {
    const files = JSON.parse(readFileSync(eslintFile, 'utf8'));
    linted = files.length;
    for (const f of files) {
      for (const m of f.messages) {
        console.log(
          `${f.filePath.slice(ROOT.length)}:${m.line}:${m.column}: ${m.severity === 2 ? 'error' : 'warning'} ${m.message} [${m.ruleId}]`,
        );
      }
    }
    console.log(`eslint: ${linted} files linted`);
  } catch (err) {
    eslintProblem = `no readable ESLint results (${err.message})`;
  }

  const prettier = await step('prettier', node, [bin('prettier/bin/prettier.cjs'), '--check', '.'], {
    env,
    deadlineMs: 5 * MIN,
  });
  const code = tsc.code || eslint.code || prettier.code;
  return judgeCheck({
    name: 'check',
    code,
    count: Math.min(listed.length, linted),
    what: 'files type-checked and linted',
    minimum: minimums.check,
    problem: [
      tsc.code ? 'tsc failed' : '',
      eslintProblem,
      prettier.code ? 'Prettier found unformatted files' : '',
    ]
      .filter(Boolean)
      .join('; '),
    seconds: tsc.seconds + eslint.seconds + prettier.seconds,
  });
});

const build = await step('build', node, ['scripts/build.mjs', '--tests'], { env, deadlineMs: 5 * MIN });
if (build.code !== 0) {
  console.error('build failed');
  console.log('\n0 passed, 1 failed');
  process.exit(1);
}

// Headroom lints its own sources with the CLI it ships: the checks users run in CI. The
// CLI's JSON says how many files it linted, which must reach the recorded minimum.
await tier('dogfood', async () => {
  const paths = ['src', 'test/harness', 'test/integration', 'test/e2e', 'test/mock-anthropic', 'test/bench'];
  const r = await step(
    'dogfood',
    node,
    ['dist/cli.js', 'lint', ...paths, '--max-warnings', '0', '--format', 'json'],
    {
      env,
      echo: false,
      deadlineMs: 5 * MIN,
    },
  );
  let report;
  try {
    report = JSON.parse(r.stdout);
  } catch {
    console.log(r.output);
  }
  for (const f of report?.findings ?? []) {
    console.log(`${f.file}:${f.line}:${f.column}: ${f.severity} [${f.rule}] ${f.message}`);
  }
  if (report) console.log(`dogfood: ${report.files} files linted, ${report.findings.length} findings`);
  return judgeCheck({
    name: 'dogfood',
    code: r.code,
    count: Number.isInteger(report?.files) ? report.files : 0,
    what: 'files linted',
    minimum: minimums.dogfood,
    problem: report ? '' : 'the CLI printed no JSON report',
    seconds: r.seconds,
  });
});

await tier('unit', () =>
  runMochaTier({
    name: 'unit',
    resultsFile: join(artifacts('unit'), 'results.json'),
    minimum: minimums.unit,
    grep: args.grep,
    env,
  }),
);

await tier('integration', async () => {
  const resultsFile = join(artifacts('integration'), 'results.json');
  rmSync(resultsFile, { force: true });
  const r = await step(
    'integration',
    node,
    ['out/test/harness/runIntegration.js', '--results', resultsFile],
    {
      // The harness passes HEADROOM_TEST_GREP on to the extension host's mocha.
      env: args.grep ? { ...env, HEADROOM_TEST_GREP: args.grep } : env,
      deadlineMs: 20 * MIN,
    },
  );
  return judgeMocha({
    name: 'integration',
    code: r.code,
    results: readResults(resultsFile),
    minimum: minimums.integration,
    narrowedBy,
    seconds: r.seconds,
  });
});

await tier('e2e', async () => {
  const pack = await step('package', node, ['scripts/package.mjs'], { env, deadlineMs: 5 * MIN });
  if (pack.code !== 0) {
    return judgeCheck({
      name: 'e2e',
      code: pack.code,
      count: 0,
      what: 'tests passed',
      minimum: minimums.e2e,
      problem: 'packaging the .vsix failed',
      seconds: pack.seconds,
    });
  }
  const v = await runMochaTier({
    name: 'e2e',
    args: ['--config', 'test/e2e/.mocharc.json'],
    resultsFile: join(artifacts('e2e'), 'results.json'),
    minimum: minimums.e2e,
    grep: args.grep,
    env,
    deadlineMs: 15 * MIN,
  });
  return { ...v, seconds: v.seconds + pack.seconds };
});

console.log('\n━━ summary ' + '━'.repeat(53));
const summary = summarize(verdicts, { narrowedBy });
if (args.record) {
  if (summary.exitCode === 0 && !narrowedBy) {
    const raised = recordMinimums(verdicts);
    summary.lines.splice(-2, 0, `• minimums ${raised.length ? `raised: ${raised.join(', ')}` : 'unchanged'}`);
  } else {
    summary.lines.splice(-2, 0, '• minimums not recorded: only a green, un-narrowed run records them');
  }
}
console.log(summary.lines.join('\n'));
process.exit(summary.exitCode);
