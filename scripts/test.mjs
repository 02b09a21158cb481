// `npm test`: static checks, then the three test tiers, each with a deadline:
//   dogfood      the shipped CLI lints Headroom's own sources
//   unit         mocha in plain Node over src/core and the CLI
//   integration  mocha inside the real VS Code 1.100.3 extension host (code-server + Chromium)
//   e2e          Chromium drives code-server with the packaged .vsix installed
// Pass tier names to run a subset: `npm test -- unit integration`.
// Ends with one summary line, "N passed, N failed", and exits non-zero on any failure.
import { spawn } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const ALL = ['check', 'dogfood', 'unit', 'integration', 'e2e'];
const picked = process.argv.slice(2).filter((a) => ALL.includes(a));
const tiers = picked.length ? picked : ALL;
const MIN = 60_000;

/** Runs a command in its own process group, echoing output; kills the group at the deadline. */
function step(label, command, args, deadlineMs) {
  return new Promise((resolve) => {
    const started = Date.now();
    let output = '';
    const child = spawn(command, args, { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const echo = (stream) => (d) => {
      output += d.toString();
      stream.write(d);
    };
    child.stdout.on('data', echo(process.stdout));
    child.stderr.on('data', echo(process.stderr));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      console.error(`\n${label}: no result within ${deadlineMs / MIN} min; stopping it.`);
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, deadlineMs);
    const kill = () => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    };
    process.once('exit', kill);
    child.on('close', (code) => {
      clearTimeout(timer);
      process.removeListener('exit', kill);
      resolve({ code: timedOut ? 124 : (code ?? 1), output, seconds: (Date.now() - started) / 1000 });
    });
  });
}

/** Reads mocha's spec summary ("N passing", "N failing", "N pending"). */
function mochaCounts(output) {
  const n = (re) => Number(output.match(re)?.[1] ?? 0);
  return { passed: n(/(\d+) passing/), failed: n(/(\d+) failing/), skipped: n(/(\d+) pending/) };
}

const results = [];
async function tier(name, fn) {
  if (!tiers.includes(name)) return;
  console.log(`\n━━ ${name} ${'━'.repeat(60 - name.length)}`);
  const r = await fn();
  results.push({ name, ...r });
}

const node = process.execPath;
const npmCli = process.env.npm_execpath;
const npmRun = (script) =>
  npmCli ? [node, [npmCli, 'run', '--silent', script]] : ['npm', ['run', '--silent', script]];

/** A tier that is one check: one pass or one failure, by its exit code. */
const fromExit = (r) => ({
  passed: r.code === 0 ? 1 : 0,
  failed: r.code === 0 ? 0 : 1,
  skipped: 0,
  seconds: r.seconds,
  code: r.code,
});

await tier('check', async () => {
  const r = await step('check', ...npmRun('check'), 10 * MIN);
  return fromExit(r);
});

const build = await step('build', node, ['scripts/build.mjs', '--tests'], 5 * MIN);
if (build.code !== 0) {
  console.error('build failed');
  console.log('\n0 passed, 1 failed');
  process.exit(1);
}

// Headroom lints its own sources with the CLI it ships: the checks users run in CI.
await tier('dogfood', async () => {
  const paths = ['src', 'test/harness', 'test/integration', 'test/e2e', 'test/mock-anthropic', 'test/bench'];
  const r = await step('dogfood', node, ['dist/cli.js', 'lint', ...paths, '--max-warnings', '0'], 5 * MIN);
  return fromExit(r);
});

await tier('unit', async () => {
  const r = await step('unit', node, ['node_modules/mocha/bin/mocha.js'], 10 * MIN);
  return { ...mochaCounts(r.output), seconds: r.seconds, code: r.code };
});

await tier('integration', async () => {
  const r = await step('integration', node, ['out/test/harness/runIntegration.js'], 20 * MIN);
  const m = r.output.match(/integration: (\d+) passed, (\d+) failed(?:, (\d+) skipped)?/);
  return {
    passed: Number(m?.[1] ?? 0),
    failed: m ? Number(m[2]) : 1,
    skipped: Number(m?.[3] ?? 0),
    seconds: r.seconds,
    code: r.code,
  };
});

await tier('e2e', async () => {
  const pack = await step('package', node, ['scripts/package.mjs'], 5 * MIN);
  if (pack.code !== 0) return { passed: 0, failed: 1, skipped: 0, seconds: pack.seconds, code: pack.code };
  const r = await step(
    'e2e',
    node,
    ['node_modules/mocha/bin/mocha.js', '--config', 'test/e2e/.mocharc.json'],
    15 * MIN,
  );
  return { ...mochaCounts(r.output), seconds: r.seconds + pack.seconds, code: r.code };
});

console.log('\n━━ summary ' + '━'.repeat(53));
let passed = 0;
let failed = 0;
let skipped = 0;
for (const r of results) {
  // A tier that exits non-zero without reporting a failure still fails.
  const f = r.failed || (r.code !== 0 ? 1 : 0);
  passed += r.passed;
  failed += f;
  skipped += r.skipped;
  console.log(
    `${r.name.padEnd(12)} ${String(r.passed).padStart(4)} passed ${String(f).padStart(3)} failed ${String(r.skipped).padStart(3)} skipped  ${r.seconds.toFixed(1).padStart(6)} s`,
  );
}
if (passed === 0 && failed === 0) failed = 1;
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
