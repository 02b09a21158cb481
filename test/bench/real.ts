/**
 * Bench section `real` (issue 17): speed on a folder of real files, side by side with Ruff
 * and oxlint. `npm run bench -- --real DIR` (DIR from `node scripts/bench-real.mjs DIR`,
 * the files listed in test/bench/real-sources.json). Per file:
 *  - re-lint after a one-character edit through the editor's keystroke path (`LintDocument`:
 *    the edit applied to the kept tree, incremental reparse, all rules: `lintNow`), p50 and p99;
 *  - full analysis (`LintEngine.lint`: parse + all rules) next to the bare tree-sitter parse;
 *  - Ruff's WebAssembly build checking the same Python text (default rules), in this process.
 * Then the whole folder: in-process totals against Ruff, and whole-process CLI runs of
 * `node dist/cli.js lint` against oxlint (default rules) on the same JS/TS files.
 * A missing peer is named and its comparisons left out; the rest still runs.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  type ContentChange,
  grammarFor,
  languageForPath,
  LintEngine,
  type LintLanguage,
} from '../../src/core/lint';
import { createParser, type GrammarName, loadGrammar, type Parser } from '../../src/core/parse/treeSitter';
import { cpuTime as time, loadAverage, mark, median, ms, percentile } from './stats';

const root = path.resolve(__dirname, '../../..');
const grammarDir = path.join(root, 'out', 'grammars');
const cliPath = path.join(root, 'dist', 'cli.js');

/** Files up to this many lines carry the re-lint targets. */
const TARGET_LINES = 3000;
/** Places edited per file; at each an x is typed and deleted, in `EDIT_ROUNDS` rounds. */
const EDIT_PLACES = 16;
const EDIT_ROUNDS = 3;
/** Interleaved rounds of parse / full analysis / Ruff per file (the median is kept). */
const ROUNDS = 7;
/** Whole-process runs per CLI configuration (interleaved, median kept). */
const CLI_RUNS = 5;

interface RealFile {
  rel: string;
  abs: string;
  language: LintLanguage;
  text: string;
  lines: number;
}

interface Figures {
  file: RealFile;
  parse: number;
  full: number;
  ruff: number | undefined;
  p50: number;
  p99: number;
  /** The same re-lints' wall times. */
  wallP50: number;
  wallP99: number;
  /** Re-lints whose text had a syntax error (analysed on the incremental tree; see LintDocument.lintNow). */
  errorEdits: number[];
  /** p99 of the other re-lints (those that left no syntax error). */
  cleanP99: number;
  findings: number;
}

interface Ruff {
  version: string;
  check(text: string): number;
}

/** Ruff's WebAssembly build with its default settings, or why it is not there. */
async function loadRuff(): Promise<Ruff | string> {
  try {
    const ruff = await import('@astral-sh/ruff-wasm-nodejs');
    const workspace = new ruff.Workspace(ruff.Workspace.defaultSettings(), ruff.PositionEncoding.Utf16);
    return {
      version: ruff.Workspace.version(),
      check: (text) => (workspace.check(text) as unknown[]).length,
    };
  } catch (err) {
    return `Ruff's WebAssembly build (@astral-sh/ruff-wasm-nodejs) could not be loaded: ${String(err).split('\n')[0]}`;
  }
}

/** The oxlint launcher script and its version, or why it is not there. */
function findOxlint(): { bin: string; version: string } | string {
  try {
    const pkgPath = require.resolve('oxlint/package.json');
    const bin = path.join(path.dirname(pkgPath), 'bin', 'oxlint');
    const res = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8' });
    if (res.status !== 0) {
      return `oxlint does not run here (${(res.stderr || res.stdout).trim().split('\n')[0]})`;
    }
    return { bin, version: res.stdout.trim().replace(/^Version:\s*/, '') };
  } catch (err) {
    return `oxlint is not installed: ${String(err).split('\n')[0]}`;
  }
}

function collect(dir: string): RealFile[] {
  const out: RealFile[] = [];
  const walk = (abs: string): void => {
    for (const entry of fs.readdirSync(abs, { withFileTypes: true })) {
      const child = path.join(abs, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== '.git') {
          walk(child);
        }
      } else if (entry.isFile()) {
        const language = languageForPath(child);
        if (language) {
          const text = fs.readFileSync(child, 'utf8');
          out.push({
            rel: path.relative(dir, child),
            abs: child,
            language,
            text,
            lines: text.split('\n').length,
          });
        }
      }
    }
  };
  walk(dir);
  return out.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
}

/**
 * Where to type: `count` places spread evenly over the text, each moved to just after a word
 * character, so the typed `x` extends a name, a keyword or the text of a string or comment
 * (what typing mostly does; a keyword turned into a name is a syntax error, as when typing).
 */
export function editOffsets(text: string, count: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    let at = Math.max(1, Math.floor(((i + 0.5) / count) * text.length));
    while (at < text.length && !/\w/.test(text[at - 1])) {
      at++;
    }
    out.push(Math.min(at, text.length));
  }
  return out;
}

function measureFile(engine: LintEngine, parser: Parser, ruff: Ruff | undefined, file: RealFile): Figures {
  const { text, language } = file;
  const python = language === 'python';
  // Warm up: the first lint of a file pays for code paths the rounds below reuse.
  parser.parse(text)?.delete();
  const findings = engine.lint(text, language).length;
  if (python) ruff?.check(text);
  const parse: number[] = [];
  const full: number[] = [];
  const ruffTimes: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    parse.push(time(() => parser.parse(text)?.delete()));
    full.push(time(() => engine.lint(text, language)));
    if (python && ruff) ruffTimes.push(time(() => ruff.check(text)));
  }
  const doc = engine.openDocument(language, text);
  doc.lint();
  // Each edit (typing or deleting at one place) is the same computation every round: its cost
  // is the least time over the rounds, which leaves out what the machine's other load adds.
  const places = editOffsets(text, EDIT_PLACES);
  const cpu = new Array<number>(places.length * 2).fill(Infinity);
  const wall = new Array<number>(places.length * 2).fill(Infinity);
  const hasError = new Array<boolean>(places.length * 2).fill(false);
  for (let round = 0; round < EDIT_ROUNDS; round++) {
    places.forEach((at, i) => {
      const changes: ContentChange[] = [
        { rangeOffset: at, rangeLength: 0, text: 'x' },
        { rangeOffset: at, rangeLength: 1, text: '' },
      ];
      changes.forEach((change, d) => {
        const k = i * 2 + d;
        const w: number[] = [];
        const t = time(() => {
          doc.update([change]);
          doc.lintNow();
        }, w);
        cpu[k] = Math.min(cpu[k], t);
        wall[k] = Math.min(wall[k], w[0]);
        hasError[k] = !!doc.root?.hasError;
      });
    });
  }
  const errorEdits = cpu.filter((_, k) => hasError[k]);
  const cleanEdits = cpu.filter((_, k) => !hasError[k]);
  doc.dispose();
  return {
    file,
    parse: median(parse),
    full: median(full),
    ruff: ruffTimes.length > 0 ? median(ruffTimes) : undefined,
    p50: percentile(cpu, 0.5),
    p99: percentile(cpu, 0.99),
    wallP50: percentile(wall, 0.5),
    wallP99: percentile(wall, 0.99),
    errorEdits,
    cleanP99: cleanEdits.length > 0 ? percentile(cleanEdits, 0.99) : 0,
    findings,
  };
}

function sum(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

function n(x: number): string {
  return Math.round(x).toLocaleString('en-US');
}

function row(f: Figures): string {
  const ruff = f.ruff === undefined ? '' : `  ruff ${ms(f.ruff)}`;
  return (
    `    ${f.file.rel} (${n(f.file.lines)} lines, ${f.findings} findings): re-lint p50 ${ms(f.p50)} p99 ${ms(f.p99)}` +
    ` (${f.errorEdits.length} with a syntax error; p99 of the rest ${ms(f.cleanP99)})` +
    `  full ${ms(f.full)} parse ${ms(f.parse)} = ${(f.full / f.parse).toFixed(2)}x${ruff}`
  );
}

/** Copies a subset of the folder (same relative paths) so each peer sees exactly these files. */
function subsetDir(tmp: string, name: string, files: readonly RealFile[]): string {
  const dir = path.join(tmp, name);
  for (const f of files) {
    const target = path.join(dir, f.rel);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, f.text);
  }
  return dir;
}

/** A whole-process run's median wall time and CPU time (all its threads), in ms. */
interface ProcessTime {
  wall: number;
  cpu: number;
}

const cpuReport = path.join(__dirname, 'cpuReport.js');
const ruffFolder = path.join(__dirname, 'ruffFolder.js');

/** Times whole-process runs of `node <args>`, the configurations interleaved run by run; medians. */
function timeProcesses(tmp: string, configs: ReadonlyArray<readonly string[]>): ProcessTime[] {
  const wall: number[][] = configs.map(() => []);
  const cpu: number[][] = configs.map(() => []);
  const cpuFile = path.join(tmp, 'cpu.txt');
  for (let run = 0; run < CLI_RUNS; run++) {
    configs.forEach((args, i) => {
      fs.rmSync(cpuFile, { force: true });
      const t = performance.now();
      const res = spawnSync(process.execPath, ['--require', cpuReport, ...args], {
        cwd: tmp,
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
        env: { ...process.env, HEADROOM_BENCH_CPU_FILE: cpuFile },
      });
      wall[i].push(performance.now() - t);
      // Both linters exit 1 when they report something; anything else is a failed run.
      if (res.status !== 0 && res.status !== 1) {
        throw new Error(`node ${args.join(' ')} failed (${res.status}): ${res.stderr}`);
      }
      cpu[i].push(Number(fs.readFileSync(cpuFile, 'utf8')));
    });
  }
  return configs.map((_, i) => ({ wall: median(wall[i]), cpu: median(cpu[i]) }));
}

function pt(t: ProcessTime): string {
  return `${ms(t.wall)} wall / ${ms(t.cpu)} CPU`;
}

export async function runRealBench(
  dir: string,
  log: (line: string) => void,
  csvPath?: string,
): Promise<void> {
  if (!fs.existsSync(dir)) {
    log(`no folder ${dir}: bring the real files in with "node scripts/bench-real.mjs ${dir}"`);
    return;
  }
  const files = collect(path.resolve(dir));
  const python = files.filter((f) => f.language === 'python');
  const js = files.filter((f) => f.language !== 'python');
  log(
    `folder ${dir}: ${python.length} Python files (${n(sum(python.map((f) => f.lines)))} lines), ` +
      `${js.length} JS/TS files (${n(sum(js.map((f) => f.lines)))} lines)`,
  );
  log(`machine: ${os.availableParallelism()} cores, Node ${process.version}, load average ${loadAverage()}`);

  const ruffOrWhy = await loadRuff();
  const ruff = typeof ruffOrWhy === 'string' ? undefined : ruffOrWhy;
  const oxOrWhy = findOxlint();
  const oxlint = typeof oxOrWhy === 'string' ? undefined : oxOrWhy;
  log(
    `peer: ${ruff ? `Ruff ${ruff.version} (WebAssembly build, default rules), in this process` : `MISSING: ${ruffOrWhy}`}`,
  );
  log(
    `peer: ${oxlint ? `oxlint ${oxlint.version} (native, default rules), as a whole process` : `MISSING: ${oxOrWhy}`}`,
  );

  const engine = await LintEngine.create(grammarDir);
  const parsers = new Map<GrammarName, Parser>();
  for (const grammar of ['javascript', 'typescript', 'tsx', 'python'] as const) {
    parsers.set(grammar, await createParser(grammarDir, await loadGrammar(grammarDir, grammar)));
  }
  // One pass over every file first, so the files measured first do not carry the JIT
  // compilation (on V8's background threads, counted in CPU time) of the rules' code.
  for (const f of files) {
    engine.lint(f.text, f.language);
    if (f.language === 'python') ruff?.check(f.text);
  }
  const started = performance.now();
  const figures = files.map((f) =>
    measureFile(engine, parsers.get(grammarFor(f.language)) as Parser, ruff, f),
  );
  log(
    `(measured ${files.length} files in ${((performance.now() - started) / 1000).toFixed(1)} s, load average ${loadAverage()})`,
  );
  if (csvPath) {
    const header =
      'file,language,lines,findings,relint_p50_cpu_ms,relint_p99_cpu_ms,relint_p50_wall_ms,relint_p99_wall_ms,error_edits,clean_p99_cpu_ms,full_cpu_ms,parse_cpu_ms,ruff_cpu_ms';
    const lines = figures.map((f) =>
      [
        f.file.rel,
        f.file.language,
        f.file.lines,
        f.findings,
        f.p50,
        f.p99,
        f.wallP50,
        f.wallP99,
        f.errorEdits.length,
        f.cleanP99,
        f.full,
        f.parse,
        f.ruff ?? '',
      ]
        .map((v) => (typeof v === 'number' ? Number(v.toFixed(3)) : v))
        .join(','),
    );
    fs.writeFileSync(csvPath, `${header}\n${lines.join('\n')}\n`);
    log(`(per-file figures written to ${csvPath})`);
  }

  // (a) re-lint after an edit
  log('');
  log(
    `(a) re-lint after a one-character edit (an x typed after a word character at ${EDIT_PLACES} places and deleted: ` +
      `${EDIT_PLACES * 2} edits a file, each the least of ${EDIT_ROUNDS} rounds; incremental reparse + all rules as in the editor)`,
  );
  log(
    '  All times in this section are CPU time of the process (wall time adds the wait for a core; see --csv).',
  );
  const inTarget = figures.filter((f) => f.file.lines <= TARGET_LINES);
  const meeting = inTarget.filter((f) => f.p50 <= 5 && f.p99 <= 16);
  const meetingWall = inTarget.filter((f) => f.wallP50 <= 5 && f.wallP99 <= 16);
  log(
    `  files up to ${n(TARGET_LINES)} lines: p50 <= 5 ms and p99 <= 16 ms on ${meeting.length} of ${inTarget.length}  ` +
      `${mark(meeting.length === inTarget.length)} (by wall time: ${meetingWall.length})`,
  );
  const errorEdits = inTarget.flatMap((f) => f.errorEdits);
  const allEdits = inTarget.length * EDIT_PLACES * 2;
  log(
    `  ${errorEdits.length} of ${allEdits} edits left a syntax error in the text (analysed on the incremental tree; ` +
      `the editor parses such text afresh once idle, a full lint's cost); ` +
      `without them p99 <= 16 ms on ${inTarget.filter((f) => f.cleanP99 <= 16).length} of ${inTarget.length}; ` +
      `those re-lints: median ${ms(median(errorEdits))}, worst ${ms(Math.max(0, ...errorEdits))}`,
  );
  for (const [label, group] of [
    ['Python', inTarget.filter((f) => f.file.language === 'python')],
    ['JS/TS ', inTarget.filter((f) => f.file.language !== 'python')],
  ] as const) {
    if (group.length > 0) {
      log(
        `  ${label}: per-file p50 median ${ms(median(group.map((f) => f.p50)))}, worst ${ms(Math.max(...group.map((f) => f.p50)))}; ` +
          `per-file p99 median ${ms(median(group.map((f) => f.p99)))}, worst ${ms(Math.max(...group.map((f) => f.p99)))}`,
      );
    }
  }
  log('  worst five by p99:');
  for (const f of [...inTarget].sort((a, b) => b.p99 - a.p99).slice(0, 5)) {
    log(row(f));
  }
  const over = figures.filter((f) => f.file.lines > TARGET_LINES);
  if (over.length > 0) {
    log(`  over ${n(TARGET_LINES)} lines (no target):`);
    for (const f of over) {
      log(row(f));
    }
  }
  if (ruff) {
    const withRuff = figures.filter((f) => f.ruff !== undefined);
    const p50Ahead = withRuff.filter((f) => f.p50 < (f.ruff as number));
    const p99Ahead = withRuff.filter((f) => f.p99 < (f.ruff as number));
    log(
      `  Python: re-lint p50 faster than a full Ruff check of the same file on ${p50Ahead.length} of ${withRuff.length}  ` +
        `${mark(p50Ahead.length === withRuff.length)}; p99 faster on ${p99Ahead.length}`,
    );
    const behind = withRuff
      .filter((f) => f.p50 >= (f.ruff as number))
      .sort((a, b) => b.file.lines - a.file.lines);
    for (const f of behind.slice(0, 8)) {
      log(row(f));
    }
    log(
      `  Python: median over files of re-lint p50 / Ruff check = ${median(withRuff.map((f) => f.p50 / (f.ruff as number))).toFixed(2)}x`,
    );
  }

  // (b) full analysis vs bare parse
  log('');
  log(
    '(b) full analysis (parse + all rules) vs bare tree-sitter parse, summed over the folder, target <= 1.3x',
  );
  for (const [label, group] of [
    ['Python', figures.filter((f) => f.file.language === 'python')],
    ['JS/TS ', figures.filter((f) => f.file.language !== 'python')],
    ['all   ', figures],
  ] as const) {
    if (group.length === 0) continue;
    const full = sum(group.map((f) => f.full));
    const parse = sum(group.map((f) => f.parse));
    log(
      `  ${label}: analysis ${ms(full)} vs parse ${ms(parse)} = ${(full / parse).toFixed(2)}x  ${mark(full / parse <= 1.3)}`,
    );
  }
  log('  highest ratios among files of 300 lines or more:');
  for (const f of figures
    .filter((f) => f.file.lines >= 300)
    .sort((a, b) => b.full / b.parse - a.full / a.parse)
    .slice(0, 5)) {
    log(row(f));
  }

  // (c) the largest file
  log('');
  log('(c) the largest files');
  for (const group of [python, js]) {
    const largest = figures
      .filter((f) => group.includes(f.file))
      .sort((a, b) => b.file.lines - a.file.lines)
      .slice(0, 1);
    for (const f of largest) {
      log(row(f));
      if (f.ruff !== undefined) {
        log(
          `      re-lint p99 / Ruff check = ${(f.p99 / f.ruff).toFixed(2)}x, full analysis / Ruff check = ${(f.full / f.ruff).toFixed(2)}x`,
        );
      }
    }
  }

  // (d) whole folder in one process
  log('');
  log('(d) whole folder in one process (sums of the per-file medians)');
  const pyFigures = figures.filter((f) => f.file.language === 'python');
  const pyLines = sum(python.map((f) => f.lines));
  const pyFull = sum(pyFigures.map((f) => f.full));
  log(`  Python, Headroom full analysis: ${ms(pyFull)} = ${n(pyLines / (pyFull / 1000))} lines/s`);
  if (ruff) {
    const pyRuff = sum(pyFigures.map((f) => f.ruff as number));
    log(
      `  Python, Ruff check:             ${ms(pyRuff)} = ${n(pyLines / (pyRuff / 1000))} lines/s; ` +
        `Headroom / Ruff = ${(pyFull / pyRuff).toFixed(2)}x, target <= 1.5x  ${mark(pyFull / pyRuff <= 1.5)}`,
    );
  }
  const jsFull = sum(figures.filter((f) => f.file.language !== 'python').map((f) => f.full));
  if (js.length > 0) {
    log(
      `  JS/TS, Headroom full analysis:  ${ms(jsFull)} = ${n(sum(js.map((f) => f.lines)) / (jsFull / 1000))} lines/s`,
    );
  }

  // (e) whole-process CLI runs
  log('');
  log(`(e) whole-process CLI runs (median of ${CLI_RUNS}, interleaved; process start included)`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-bench-real-'));
  try {
    const jsDir = subsetDir(tmp, 'js', js);
    const allLines = sum(files.map((f) => f.lines));
    const [node, whole] = timeProcesses(tmp, [
      ['-e', '0'],
      [cliPath, 'lint', path.resolve(dir), '--format', 'json'],
    ]);
    log(`  node -e 0 (process start alone): ${pt(node)}`);
    log(
      `  headroom lint, whole folder (${files.length} files): ${pt(whole)} = ${n(allLines / (whole.wall / 1000))} lines/s wall`,
    );
    if (python.length > 0 && ruff) {
      // Ruff's own CLI is native and parallel; its WebAssembly build, the peer here, runs on one
      // thread: next to it, headroom on all cores (its default) and on one.
      const pyDir = subsetDir(tmp, 'py', python);
      const empty = path.join(tmp, 'empty');
      fs.mkdirSync(empty);
      const [hAll, h1, r1, r0] = timeProcesses(tmp, [
        [cliPath, 'lint', pyDir, '--format', 'json'],
        [cliPath, 'lint', pyDir, '--format', 'json', '--jobs', '1'],
        [ruffFolder, pyDir],
        [ruffFolder, empty],
      ]);
      log(
        `  ${python.length} Python files: headroom all cores ${pt(hAll)}; headroom one thread ${pt(h1)}; ` +
          `Ruff-wasm (one thread, whole process) ${pt(r1)}, of which loading its WebAssembly (an empty folder) ${pt(r0)}`,
      );
      log(
        `    headroom / Ruff-wasm = ${(hAll.wall / r1.wall).toFixed(2)}x wall (all cores), ` +
          `${(h1.wall / r1.wall).toFixed(2)}x wall and ${(h1.cpu / r1.cpu).toFixed(2)}x CPU (one thread); ` +
          `without Ruff's load: ${(h1.wall / (r1.wall - r0.wall)).toFixed(2)}x wall (one thread), ` +
          `${(hAll.wall / (r1.wall - r0.wall)).toFixed(2)}x wall (all cores)`,
      );
    }
    if (js.length > 0 && oxlint) {
      const [hAll, oAll, h1, o1] = timeProcesses(tmp, [
        [cliPath, 'lint', jsDir, '--format', 'json'],
        [oxlint.bin, jsDir, '--format', 'json'],
        [cliPath, 'lint', jsDir, '--format', 'json', '--jobs', '1'],
        [oxlint.bin, jsDir, '--format', 'json', '--threads=1'],
      ]);
      log(`  ${js.length} JS/TS files, all cores: headroom ${pt(hAll)}; oxlint ${pt(oAll)}`);
      log(
        `    headroom / oxlint = ${(hAll.wall / oAll.wall).toFixed(2)}x wall, ${(hAll.cpu / oAll.cpu).toFixed(2)}x CPU`,
      );
      log(`  ${js.length} JS/TS files, one thread: headroom ${pt(h1)}; oxlint ${pt(o1)}`);
      log(
        `    headroom / oxlint = ${(h1.wall / o1.wall).toFixed(2)}x wall, ${(h1.cpu / o1.cpu).toFixed(2)}x CPU`,
      );
    } else if (js.length > 0) {
      log(`  oxlint comparison left out: ${oxOrWhy as string}`);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  log(`(load average at the end: ${loadAverage()})`);
  for (const parser of parsers.values()) parser.delete();
  engine.dispose();
}
