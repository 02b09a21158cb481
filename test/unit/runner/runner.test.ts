/**
 * The test runner (scripts/test.mjs) on planted faults. Each case makes a throwaway copy of
 * the built tree with one real unit test file, plants a fault in it, runs real mocha with
 * the project's .mocharc.json and reporter, and gives the results to the runner's own
 * code (scripts/lib/tiers.mjs) for its verdict and summary line.
 */
import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { addLogAudit, streamProblems, type Tally } from '../../harness/runIntegration';

const repoRoot = join(__dirname, '../../../..');
/** The real unit test file each copy keeps (five quick tests, no fixtures). */
const SAMPLE = 'out/test/unit/mock-anthropic/buckets.test.js';

interface Results {
  ok: boolean;
  problem?: string;
  passed?: number;
  failed?: number;
  pending?: string[];
  planned?: number;
  grep?: string;
}
interface Verdict {
  name: string;
  passed: number;
  failed: number;
  skipped: number;
  problems: string[];
  notes: string[];
  seconds: number;
  code?: number;
  output?: string;
}
interface MochaTierOptions {
  name: string;
  cwd: string;
  resultsFile: string;
  minimum: number | undefined;
  args?: string[];
  grep?: string;
  env?: NodeJS.ProcessEnv;
  echo?: boolean;
}
interface Tiers {
  runMochaTier(o: MochaTierOptions): Promise<Verdict>;
  readResults(file: string): Results;
  judgeMocha(o: {
    name: string;
    code: number;
    results: Results;
    minimum: number | undefined;
    narrowedBy?: string;
  }): Verdict;
  judgeCheck(o: {
    name: string;
    code: number;
    count: number;
    what: string;
    minimum: number | undefined;
  }): Verdict;
  summarize(v: Verdict[], o?: { narrowedBy?: string }): { lines: string[]; exitCode: number };
  cleanEnv(env: NodeJS.ProcessEnv): { env: NodeJS.ProcessEnv; cleared: string[] };
  parseArgs(
    argv: string[],
    all: string[],
  ): { tiers: string[]; grep: string; record: boolean; unknown: string[] };
  loadMinimums(file?: string): Record<string, number>;
  recordMinimums(verdicts: Verdict[], file?: string): string[];
}

const loadTiers = (): Promise<Tiers> =>
  import(pathToFileURL(join(repoRoot, 'scripts/lib/tiers.mjs')).href) as Promise<Tiers>;

const FINAL_LINE = /^\d+ passed, \d+ failed(, \d+ skipped)?$/;

// What the planted cases write into copies, spelled so that this file holds no focused or
// skipped test itself (linters and reviewers look for those words).
const PLANTED_ONLY = ['it', 'only('].join('.');
const PLANTED_SKIP = ['it', 'skip('].join('.');

describe('test runner', function () {
  // Each case starts real mocha processes on a machine shared with other work.
  this.timeout(180_000);
  let tiers: Tiers;
  const copies: string[] = [];
  /** The sample's passed count on an unplanted copy: the minimum every planted run is held to. */
  let minimum = 0;

  before(async () => {
    tiers = await loadTiers();
  });
  after(() => {
    for (const dir of copies) rmSync(dir, { recursive: true, force: true });
  });

  /** A copy of the built tree whose unit tests are only SAMPLE, with the project's mocha config. */
  function projectCopy(): string {
    const dir = mkdtempSync(join(tmpdir(), 'headroom-runner-'));
    copies.push(dir);
    cpSync(join(repoRoot, 'out'), join(dir, 'out'), {
      recursive: true,
      filter: (src) => {
        const rel = relative(repoRoot, src);
        const otherTest = rel.startsWith('out/test/unit/') && rel.endsWith('.test.js') && rel !== SAMPLE;
        return !otherTest && rel !== 'out/grammars';
      },
    });
    symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
    cpSync(join(repoRoot, '.mocharc.json'), join(dir, '.mocharc.json'));
    return dir;
  }

  /** Rewrites the copy's SAMPLE. */
  function plant(dir: string, edit: (text: string) => string): void {
    const file = join(dir, SAMPLE);
    const before = readFileSync(file, 'utf8');
    const after = edit(before);
    assert.notEqual(after, before, 'the plant changed nothing');
    writeFileSync(file, after);
  }

  /** The real pipeline: mocha with the copy's config and the project's reporter, then the verdict. */
  async function runCopy(dir: string, options: Partial<MochaTierOptions> = {}): Promise<Verdict> {
    return tiers.runMochaTier({
      name: 'unit',
      cwd: dir,
      args: ['--config', '.mocharc.json'],
      resultsFile: join(dir, 'results.json'),
      minimum,
      env: tiers.cleanEnv(process.env).env,
      echo: false,
      ...options,
    });
  }

  /** The summary's last line and exit code for one verdict. */
  function finalLine(v: Verdict): { line: string; exitCode: number } {
    const s = tiers.summarize([v]);
    const line = s.lines[s.lines.length - 1];
    assert.match(line, FINAL_LINE);
    return { line, exitCode: s.exitCode };
  }

  it('passes an unplanted copy (the baseline every plant is measured against)', async () => {
    const v = await runCopy(projectCopy(), { minimum: 1 });
    assert.deepEqual(v.problems, [], v.output);
    assert.equal(v.code, 0);
    assert.ok(v.passed >= 5, `the sample's tests ran: ${v.passed}`);
    minimum = v.passed;
    assert.deepEqual(finalLine(v), { line: `${v.passed} passed, 0 failed`, exitCode: 0 });
  });

  it('fails a run that a test ends with process.exit(0) three seconds in, though mocha exits 0', async () => {
    assert.ok(minimum > 0, 'the baseline ran');
    const dir = projectCopy();
    plant(
      dir,
      (text) =>
        text +
        `\ndescribe('planted', () => {\n  it('exits three seconds in', async () => {\n` +
        `    await new Promise((r) => setTimeout(r, 3000));\n    process.exit(0);\n  });\n});\n`,
    );
    const v = await runCopy(dir);
    assert.equal(v.code, 0, 'the process itself claims success');
    assert.equal(v.passed, 0);
    assert.match(v.problems.join('\n'), /no results file/);
    assert.deepEqual(finalLine(v), { line: `0 passed, ${v.failed} failed`, exitCode: 1 });
    assert.ok(v.failed >= 1);
  });

  it('fails a run with an it.only left in a test file', async () => {
    const dir = projectCopy();
    plant(dir, (text) => text.replace(/\bit\(/, PLANTED_ONLY));
    const v = await runCopy(dir);
    assert.notEqual(v.code, 0);
    assert.match(v.output ?? '', /only/i);
    assert.match(v.problems.join('\n'), /no results file/);
    assert.equal(finalLine(v).exitCode, 1);
  });

  it('fails a run with an it.skip left in a test file', async () => {
    const dir = projectCopy();
    plant(dir, (text) => text.replace(/\bit\(/, PLANTED_SKIP));
    const v = await runCopy(dir);
    assert.notEqual(v.code, 0);
    assert.ok(v.failed >= 1, JSON.stringify(v.problems));
    assert.equal(v.passed, minimum - 1, 'the other tests still ran');
    assert.match(v.problems.join('\n'), /below the recorded minimum/);
    assert.equal(finalLine(v).exitCode, 1);
  });

  it('still fails .only and .skip when mocha is told not to forbid them (the verdict checks too)', async () => {
    const only = projectCopy();
    plant(only, (text) => text.replace(/\bit\(/, PLANTED_ONLY));
    const vOnly = await runCopy(only, { args: ['--config', '.mocharc.json', '--no-forbid-only'] });
    assert.equal(vOnly.code, 0, 'mocha ran the one test and exited 0');
    assert.equal(vOnly.passed, 1);
    assert.match(vOnly.problems.join('\n'), /1 tests passed, below the recorded minimum/);
    assert.equal(finalLine(vOnly).exitCode, 1);

    const skip = projectCopy();
    plant(skip, (text) => text.replace(/\bit\(/, PLANTED_SKIP));
    const vSkip = await runCopy(skip, { args: ['--config', '.mocharc.json', '--no-forbid-pending'] });
    assert.equal(vSkip.code, 0, 'mocha counted the test as pending and exited 0');
    assert.equal(vSkip.skipped, 1);
    assert.match(vSkip.problems.join('\n'), /1 pending test/);
    assert.equal(finalLine(vSkip).exitCode, 1);
    assert.match(finalLine(vSkip).line, /, 1 skipped$/);
  });

  it('fails a run that passes fewer tests than its recorded minimum', async () => {
    const v = await runCopy(projectCopy(), { minimum: minimum + 1 });
    assert.equal(v.code, 0);
    assert.equal(v.passed, minimum);
    assert.deepEqual(v.problems, [
      `unit: ${minimum} tests passed, below the recorded minimum of ${minimum + 1} (test/tier-minimums.json): some did not run`,
    ]);
    assert.deepEqual(finalLine(v), { line: `${minimum} passed, 1 failed`, exitCode: 1 });
  });

  it('fails a run narrowed by an inherited variable, and says when it was asked to narrow', async () => {
    const dir = projectCopy();
    // MOCHA_OPTIONS reaches mocha unless the runner clears it, as it does.
    const inherited = { ...tiers.cleanEnv(process.env).env, MOCHA_OPTIONS: '--grep refills' };
    const v = await runCopy(dir, { env: inherited });
    assert.equal(v.code, 0);
    assert.equal(v.passed, 1);
    assert.match(v.problems.join('\n'), /narrowed by "refills", though the runner was not asked/);
    assert.equal(finalLine(v).exitCode, 1);

    const asked = await runCopy(dir, { grep: 'refills' });
    assert.deepEqual(asked.problems, []);
    assert.match(
      asked.notes.join('\n'),
      /narrowed by --grep "refills", so its minimum \(\d+\) was not checked/,
    );
    const s = tiers.summarize([asked], { narrowedBy: '--grep "refills"' });
    assert.equal(
      s.lines[s.lines.length - 1],
      '1 passed, 0 failed (narrowed by --grep "refills": tier minimums not checked)',
    );
    assert.equal(s.exitCode, 0);

    const { env, cleared } = tiers.cleanEnv({
      PATH: '/bin',
      MOCHA_OPTIONS: '-g x',
      HEADROOM_TEST_GREP: 'x',
      HEADROOM_FC_SEED: '1',
    });
    assert.deepEqual(env, { PATH: '/bin' });
    assert.deepEqual(cleared.sort(), ['HEADROOM_FC_SEED', 'HEADROOM_TEST_GREP', 'MOCHA_OPTIONS']);
  });

  it('fails a tier whose results file is missing, unreadable or not a whole run', () => {
    const dir = mkdtempSync(join(tmpdir(), 'headroom-runner-'));
    copies.push(dir);
    const judge = (file: string, code = 0): Verdict =>
      tiers.judgeMocha({ name: 'unit', code, results: tiers.readResults(file), minimum: 1 });

    const missing = judge(join(dir, 'absent.json'));
    assert.match(missing.problems[0], /^unit: no results file/);
    assert.deepEqual(finalLine(missing), { line: '0 passed, 2 failed', exitCode: 1 });

    writeFileSync(join(dir, 'half.json'), '{"format":"headroom-test-results","version":1,"pla');
    assert.match(judge(join(dir, 'half.json')).problems[0], /unreadable results file/);

    writeFileSync(join(dir, 'other.json'), JSON.stringify({ stats: { passes: 900 } }));
    assert.match(judge(join(dir, 'other.json')).problems[0], /not a headroom-test-results v1 file/);

    // Fewer results than planned, with nothing failed: the run stopped early.
    const short = {
      format: 'headroom-test-results',
      version: 1,
      planned: 3,
      grep: '',
      failures: [],
      pending: [],
    };
    writeFileSync(join(dir, 'short.json'), JSON.stringify({ ...short, passes: ['a', 'b'] }));
    assert.match(judge(join(dir, 'short.json')).problems.join('\n'), /only 2 of the 3 planned tests/);

    // All passed by the file, but the process exited non-zero.
    writeFileSync(join(dir, 'whole.json'), JSON.stringify({ ...short, passes: ['a', 'b', 'c'] }));
    assert.deepEqual(judge(join(dir, 'whole.json')).problems, []);
    assert.match(
      judge(join(dir, 'whole.json'), 1).problems[0],
      /exited with code 1 without reporting a failed test/,
    );
  });

  it('holds one-check tiers to a machine-read count, and every tier to a recorded minimum', () => {
    const nothing = tiers.judgeCheck({
      name: 'dogfood',
      code: 0,
      count: 0,
      what: 'files linted',
      minimum: 100,
    });
    assert.deepEqual([nothing.passed, nothing.failed], [0, 1]);
    assert.match(nothing.problems[0], /0 files linted, below the recorded minimum of 100/);
    const ok = tiers.judgeCheck({ name: 'dogfood', code: 0, count: 120, what: 'files linted', minimum: 100 });
    assert.deepEqual([ok.passed, ok.failed], [1, 0]);
    assert.match(ok.notes[0], /above the minimum of 100; raise it: npm test -- --record-minimums/);
    const unrecorded = tiers.judgeCheck({
      name: 'dogfood',
      code: 0,
      count: 120,
      what: 'files linted',
      minimum: undefined,
    });
    assert.match(unrecorded.problems[0], /no recorded minimum; add "dogfood": 120/);

    const recorded = tiers.loadMinimums(join(repoRoot, 'test/tier-minimums.json'));
    for (const tier of ['check', 'dogfood', 'unit', 'integration', 'e2e']) {
      assert.ok(Number.isInteger(recorded[tier]) && recorded[tier] > 0, `a minimum for ${tier}`);
    }
    assert.deepEqual(tiers.parseArgs(['integration', '--grep', 'monitor'], ['unit', 'integration']), {
      tiers: ['integration'],
      grep: 'monitor',
      record: false,
      unknown: [],
    });
    assert.deepEqual(tiers.parseArgs(['unti'], ['unit']).unknown, ['unti']);
  });

  it("raises minimums to a green run's counts, never lowers them, and keeps the comment", () => {
    const dir = mkdtempSync(join(tmpdir(), 'headroom-runner-'));
    copies.push(dir);
    const file = join(dir, 'minimums.json');
    writeFileSync(file, JSON.stringify({ $comment: 'why', unit: 10, e2e: 5, dogfood: 100 }));
    const verdict = (name: string, passed: number, failed = 0, counted?: number): Verdict => ({
      ...{ name, passed, failed, skipped: 0, problems: [], notes: [], seconds: 0 },
      ...(counted === undefined ? {} : { counted }),
    });
    const raised = tiers.recordMinimums(
      [verdict('unit', 12), verdict('e2e', 3), verdict('integration', 40, 1), verdict('dogfood', 1, 0, 120)],
      file,
    );
    assert.deepEqual(raised, ['unit 10 → 12', 'dogfood 100 → 120']);
    assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), {
      $comment: 'why',
      unit: 12,
      e2e: 5,
      dogfood: 120,
    });
    assert.deepEqual(tiers.loadMinimums(file), { unit: 12, e2e: 5, dogfood: 120 });
  });

  it('counts an integration run only when its event stream is whole', () => {
    const tally: Tally = { planned: 2, grep: '', passes: ['a', 'b'], failures: [], pending: [] };
    const start = { event: 'start' as const, total: 2, grep: '' };
    const end = { event: 'end' as const, passes: 2, failures: 0, pending: 0 };
    assert.deepEqual(streamProblems(start, end, tally), []);
    assert.deepEqual(streamProblems(undefined, end, tally), [
      'no start event: the host never began the run it reported',
    ]);
    assert.match(
      streamProblems(start, { ...end, passes: 3 }, tally).join('\n'),
      /the end event says .*"passes":3/,
    );
    assert.match(
      streamProblems(start, { ...end, failures: 1, error: 'it.only forbidden' }, tally).join('\n'),
      /did not run: it\.only forbidden/,
    );
  });

  it('skips the log audit of a pass that ran no test (a narrowed Restricted Mode pass), and says so', () => {
    const lines: string[] = [];
    let audited = 0;
    const missingLog = (): string[] => {
      audited++;
      return ['no Headroom output log found under /tmp/x; the audit could not run'];
    };
    const empty: Tally = { planned: 0, grep: 'observ', passes: [], failures: [], pending: [] };
    addLogAudit(empty, missingLog, (l) => lines.push(l));
    assert.equal(audited, 0);
    assert.deepEqual(empty, { planned: 0, grep: 'observ', passes: [], failures: [], pending: [] });
    assert.match(lines.join('\n'), /log audit skipped: this pass ran no test \(--grep "observ" matched none/);

    // A pass that ran tests is audited: a missing log still fails it, a clean one passes.
    const ran: Tally = { planned: 1, grep: 'observ', passes: ['a'], failures: [], pending: [] };
    addLogAudit(ran, missingLog, (l) => lines.push(l));
    assert.equal(audited, 1);
    assert.equal(ran.planned, 2);
    assert.deepEqual(
      ran.failures.map((f) => f.title),
      ['log audit'],
    );
    const clean: Tally = {
      planned: 1,
      grep: '',
      passes: [],
      failures: [{ title: 't', error: 'e' }],
      pending: [],
    };
    addLogAudit(
      clean,
      () => [],
      () => undefined,
    );
    assert.deepEqual(clean.passes, ['log audit']);
  });
});
