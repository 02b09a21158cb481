/**
 * The CLI's npm package, @headroom-dev/cli, as a user gets it: packed by
 * `npm run package:cli`, installed from the tarball into an empty project with no
 * network (`npm install --offline`), then run through `npx headroom`.
 */
import * as assert from 'node:assert/strict';
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { run } from '../cli/helpers';

const repo = path.resolve(__dirname, '../../../..');
const version = (JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')) as { version: string })
  .version;
const FIXTURES = [
  'ts/hardcoded-key-client-option.ts',
  'ts/fanout-promise-all-map.ts',
  'python/missing-max-tokens-kwargs.py',
];

/** npm as the test runner was started with (npm_execpath under `npm test`), else from PATH. */
function npm(args: string[]): [string, string[]] {
  const cli = process.env.npm_execpath;
  return cli && /npm-cli\.js$/.test(cli) ? [process.execPath, [cli, ...args]] : ['npm', args];
}

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

async function exec(command: [string, string[]], cwd: string): Promise<Result> {
  try {
    const { stdout, stderr } = await promisify(execFile)(command[0], command[1], { cwd, encoding: 'utf8' });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    if (typeof e.code !== 'number') throw err;
    return { code: e.code, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describe('CLI npm package (@headroom-dev/cli)', function () {
  this.timeout(180_000);
  let work: string;
  let project: string;
  let tarball: string;
  let packOutput: string;

  before(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-cli-package-'));
    const packed = await exec([process.execPath, ['scripts/package-cli.mjs', '--out', work]], repo);
    assert.equal(packed.code, 0, packed.stderr);
    packOutput = packed.stdout;
    tarball = path.join(work, `headroom-dev-cli-${version}.tgz`);
    project = path.join(work, 'app');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'package.json'), '{ "name": "app", "private": true }\n');
    for (const f of FIXTURES) {
      fs.copyFileSync(path.join(repo, 'test/fixtures/lint', f), path.join(project, path.basename(f)));
    }
    const installed = await exec(npm(['install', '--offline', '--no-audit', '--no-fund', tarball]), project);
    assert.equal(installed.code, 0, installed.stderr);
  });

  after(() => fs.rmSync(work, { recursive: true, force: true }));

  it('packs the bundled CLI, its grammars, README and licence, with no dependencies', () => {
    assert.match(packOutput, new RegExp(`headroom-dev-cli-${version}\\.tgz: [\\d.]+ KiB packed`));
    const manifest = JSON.parse(
      fs.readFileSync(path.join(project, 'node_modules/@headroom-dev/cli/package.json'), 'utf8'),
    ) as Record<string, unknown>;
    assert.equal(manifest.name, '@headroom-dev/cli');
    assert.equal(manifest.version, version);
    assert.deepEqual(manifest.bin, { headroom: 'dist/cli.js' });
    assert.equal(manifest.dependencies, undefined);
    assert.ok((manifest.engines as { node?: string }).node);
    const files = packOutput
      .split('\n')
      .filter((l) => l.startsWith('  '))
      .map((l) => l.trim())
      .sort();
    assert.deepEqual(files, [
      'LICENSE',
      'README.md',
      'dist/cli.js',
      'dist/grammars/tree-sitter-javascript.wasm',
      'dist/grammars/tree-sitter-python.wasm',
      'dist/grammars/tree-sitter-tsx.wasm',
      'dist/grammars/tree-sitter-typescript.wasm',
      'dist/grammars/tree-sitter.wasm',
      'package.json',
    ]);
  });

  it('npx headroom --version prints the extension version', async () => {
    const r = await exec(npm(['exec', '--offline', '--', 'headroom', '--version']), project);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), version);
  });

  it('npx headroom lint finds what the in-repo CLI finds, with the same exit code', async () => {
    const packaged = await exec(
      npm(['exec', '--offline', '--', 'headroom', 'lint', '.', '--format', 'json']),
      project,
    );
    const local = await run(['lint', '.', '--format', 'json'], project);
    assert.equal(packaged.code, 1, 'an error-level finding (the hard-coded key) exits 1');
    assert.equal(packaged.code, local.code);
    assert.deepEqual(JSON.parse(packaged.stdout), JSON.parse(local.stdout));
    const rules = (JSON.parse(packaged.stdout) as { findings: { rule: string }[] }).findings.map(
      (f) => f.rule,
    );
    assert.ok(rules.includes('hardcoded-api-key') && rules.includes('unbounded-fanout'), rules.join(', '));
    assert.ok(rules.includes('missing-max-tokens'), 'the Python grammar ships too');
  });

  it('npx headroom lint --format sarif carries each rule page as its help', async () => {
    const r = await exec(
      npm(['exec', '--offline', '--', 'headroom', 'lint', '.', '--format', 'sarif']),
      project,
    );
    assert.equal(r.code, 1, r.stderr);
    const rules = (
      JSON.parse(r.stdout) as {
        runs: [{ tool: { driver: { rules: { id: string; help: { markdown: string } }[] } } }];
      }
    ).runs[0].tool.driver.rules;
    for (const rule of rules) {
      const page = fs.readFileSync(path.join(repo, 'docs/rules', `${rule.id}.md`), 'utf8');
      assert.equal(rule.help.markdown, page.replace(/^# .*\n+/, '').trim(), rule.id);
    }
  });

  it('headroom proxy --port 0 (the installed bin) starts on loopback, prints its address and stops on SIGINT', async () => {
    // The bin npx resolves to, started directly: npm exec itself re-raises a SIGINT, so
    // through npx the exit would say "SIGINT" whatever the proxy did.
    const bin = path.join(project, 'node_modules/.bin/headroom');
    const child: ChildProcess = spawn(bin, ['proxy', '--port', '0'], {
      cwd: project,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<string>((resolve) =>
      child.on('exit', (code, signal) => resolve(`${code ?? signal}`)),
    );
    try {
      const address = await new Promise<string>((resolve, reject) => {
        const check = (): void => {
          const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m) resolve(m[1]);
        };
        child.stdout?.on('data', check);
        void exited.then(() => reject(new Error(`proxy exited before listening:\n${out}`)));
      });
      // A bare TCP connection, not a request: a request would be forwarded to the real API.
      const { port } = new URL(address);
      await new Promise<void>((resolve, reject) => {
        const socket = net.connect(Number(port), '127.0.0.1', () => socket.end(resolve));
        socket.on('error', reject);
      });
      process.kill(-(child.pid as number), 'SIGINT');
      assert.equal(await exited, '0', out);
      assert.match(out, /Stopped\./);
    } finally {
      if (child.exitCode === null && child.signalCode === null) {
        process.kill(-(child.pid as number), 'SIGKILL');
      }
    }
  });
});
