/**
 * Hostile input, the CLI's output (issue items 9, 10, 13): a closed pipe or a full output
 * device never ends in a stack trace, a crafted file name cannot forge output lines or
 * terminal escapes, and `--jobs` cannot start more threads than there are cores.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { printable } from '../../../src/cli/format';
import { run, tree } from '../cli/helpers';

const CLI = path.resolve(__dirname, '../../../../dist/cli.js');

const FANOUT_TS = `import Anthropic from '@anthropic-ai/sdk';
const client = new Anthropic();
export const all = (xs: string[]) =>
  Promise.all(xs.map((x) => client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 5, messages: [{ role: 'user', content: x }] })));
`;

/** Runs the built CLI with stdout sent to `stdout` ('pipe' is closed after the first byte). */
function cli(
  args: string[],
  cwd: string,
  stdout: 'close-early' | number,
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd,
      stdio: ['ignore', stdout === 'close-early' ? 'pipe' : stdout, 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    // `| head -c 1`: read one chunk, then close the reading end.
    child.stdout?.once('data', () => child.stdout?.destroy());
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('hostile input: CLI output', function () {
  this.timeout(60_000);
  let many: string;
  before(() => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 300; i++) files[`f${i}.ts`] = FANOUT_TS;
    many = tree(files);
  });

  it('a reader that closes the pipe early (`| head -1`) ends the run quietly, no stack trace', async () => {
    const r = await cli(['lint', '.', '--jobs', '1'], many, 'close-early');
    assert.doesNotMatch(r.stderr, /Unhandled|EPIPE|at .*\.js:\d+/);
    assert.notEqual(r.code, 2);
  });

  it('output to a full device (`> /dev/full`) exits 2 with one clear line', async function () {
    if (!fs.existsSync('/dev/full')) {
      console.log('      (no /dev/full on this platform)');
      return;
    }
    const full = fs.openSync('/dev/full', 'w');
    try {
      const r = await cli(['lint', '.', '--jobs', '1'], many, full);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /^headroom: cannot write to standard output: ENOSPC/m);
      assert.doesNotMatch(r.stderr, /Unhandled|\n\s+at /);
    } finally {
      fs.closeSync(full);
    }
  });

  it('control characters in file names are escaped in text output and notices', async () => {
    const names = [
      'evil\x1b[31mred.ts',
      'fake\nsrc/x.ts:1:1: error [naive-retry] forged.ts',
      '::error file=x::pwned.ts',
    ];
    const files: Record<string, string> = {};
    for (const n of names) files[n] = FANOUT_TS;
    const dir = tree(files);
    fs.writeFileSync(path.join(dir, 'big\x07.ts'), Buffer.alloc(3 * 1024 * 1024, 0x20));
    const r = await run(['lint', '.'], dir);
    for (const stream of [r.stdout, r.stderr]) {
      // eslint-disable-next-line no-control-regex -- looking for raw control characters
      assert.doesNotMatch(stream, /[\x00-\x08\x0b-\x1f\x7f]/, 'no raw control character except newline');
      assert.doesNotMatch(stream, /^::/m, 'no line starts a CI workflow command');
      assert.doesNotMatch(stream, /^src\/x\.ts:1:1/m, 'no forged finding line');
    }
    assert.match(r.stdout, /evil\\x1b\[31mred\.ts:4:3: warning \[unbounded-fanout\]/);
    assert.match(r.stdout, /fake\\x0asrc/);
    assert.match(r.stdout, /^\.\/::error file=x::pwned\.ts:4:3/m);
    assert.match(r.stderr, /big\\x07\.ts: skipped/);
    // JSON keeps the real names (JSON escapes them itself).
    const json = JSON.parse((await run(['lint', '.', '--format', 'json'], dir)).stdout) as {
      findings: { file: string }[];
    };
    assert.ok(json.findings.some((f) => f.file === names[0]));
  });

  it('printable escapes C0, DEL, C1, line separators and bidi controls, and nothing else', () => {
    assert.equal(
      printable('a\tb\u007f\u0085\u2028\u202e\u2066ü€.ts'),
      'a\\x09b\\x7f\\x85\\u2028\\u202e\\u2066ü€.ts',
    );
    assert.equal(printable('src/ok.ts'), 'src/ok.ts');
  });

  it('--jobs far above the core count is capped at the core count, with a notice', async () => {
    const r = await run(['lint', '.', '--jobs', '100000'], many);
    const cores = os.availableParallelism();
    assert.match(r.stderr, new RegExp(`--jobs 100000 is more than the ${cores} cores here; using ${cores}`));
    assert.match(r.stdout, /300 problems .* in 300 files/);
  });
});
