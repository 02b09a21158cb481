// The test runner's machinery, importable so test/unit/runner can drive the same code on
// planted copies: running a step with a deadline, running a mocha tier with the project's
// reporter, reading its results file, the verdict on each tier and the summary.
//
// A tier passes only when it proves it: its results file exists and is whole, it reports
// no failure and no pending test, its process exits 0, and it passed at least its recorded
// minimum (test/tier-minimums.json). Counts come from the results file, never from text.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = new URL('../..', import.meta.url).pathname;
export const MINIMUMS_FILE = 'test/tier-minimums.json';
export const MOCHA = join(ROOT, 'node_modules/mocha/bin/mocha.js');
const MIN = 60_000;

/** How to raise the minimums; printed whenever a tier passes more than its minimum. */
export const RAISE_HINT = `npm test -- --record-minimums (then commit ${MINIMUMS_FILE})`;

/**
 * Environment variables that would change what a tier runs without the runner knowing:
 * mocha's own option variable, any `HEADROOM_TEST_*` (the integration grep) and any
 * `HEADROOM_FC_*` (fast-check seeds and paths: `npm test` runs the fixed seed).
 */
const NARROWING = ['MOCHA_OPTIONS'];
const NARROWING_PREFIXES = ['HEADROOM_TEST_', 'HEADROOM_FC_'];

/** The environment for the tiers, without anything that narrows them; names what it dropped. */
export function cleanEnv(env) {
  const clean = { ...env };
  const cleared = [];
  for (const name of Object.keys(clean)) {
    if (NARROWING.includes(name) || NARROWING_PREFIXES.some((p) => name.startsWith(p))) {
      cleared.push(name);
      delete clean[name];
    }
  }
  return { env: clean, cleared };
}

/**
 * Reads the runner's arguments: tier names, `--grep <pattern>` (narrows the mocha tiers,
 * and the summary says so), `--record-minimums` (raise the minimums to this run's counts).
 */
export function parseArgs(argv, allTiers) {
  const tiers = [];
  let grep = '';
  let record = false;
  const unknown = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (allTiers.includes(a)) tiers.push(a);
    else if (a === '--grep' || a === '-g') grep = argv[++i] ?? '';
    else if (a.startsWith('--grep=')) grep = a.slice('--grep='.length);
    else if (a === '--record-minimums') record = true;
    else unknown.push(a);
  }
  return { tiers: tiers.length ? tiers : allTiers, grep, record, unknown };
}

/** Runs a command in its own process group, echoing output; kills the group at the deadline. */
export function step(
  label,
  command,
  args,
  { deadlineMs = 10 * MIN, cwd = ROOT, env = process.env, echo = true } = {},
) {
  return new Promise((resolve) => {
    const started = Date.now();
    let output = '';
    let stdout = '';
    const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const take = (stream) => (d) => {
      output += d.toString();
      if (stream === process.stdout) stdout += d.toString();
      if (echo) stream.write(d);
    };
    child.stdout.on('data', take(process.stdout));
    child.stderr.on('data', take(process.stderr));
    const kill = () => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    };
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      console.error(`\n${label}: no result within ${(deadlineMs / MIN).toFixed(1)} min; stopping it.`);
      kill();
    }, deadlineMs);
    process.once('exit', kill);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      process.removeListener('exit', kill);
      resolve({
        code: timedOut ? 124 : (code ?? (signal ? 128 : 1)),
        timedOut,
        output,
        stdout,
        seconds: (Date.now() - started) / 1000,
      });
    });
  });
}

/**
 * Reads a results file (test/harness/results.ts). Returns the counts, or `{ ok: false,
 * problem }` when the file is missing, unreadable, or not the whole of a run.
 */
export function readResults(file) {
  if (!existsSync(file)) {
    return {
      ok: false,
      problem: `no results file (${file}): the run ended before mocha finished (process.exit, a crash, a file that did not load, or .only/.skip forbidden at load)`,
    };
  }
  let r;
  try {
    r = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    return { ok: false, problem: `unreadable results file ${file}: ${err.message}` };
  }
  const strings = (a) => Array.isArray(a) && a.every((s) => typeof s === 'string');
  const valid =
    r &&
    r.format === 'headroom-test-results' &&
    r.version === 1 &&
    Number.isInteger(r.planned) &&
    typeof r.grep === 'string' &&
    strings(r.passes) &&
    strings(r.pending) &&
    Array.isArray(r.failures) &&
    r.failures.every((f) => f && typeof f.title === 'string');
  if (!valid) return { ok: false, problem: `results file ${file} is not a headroom-test-results v1 file` };
  return {
    ok: true,
    planned: r.planned,
    grep: r.grep,
    passed: r.passes.length,
    failed: r.failures.length,
    pending: r.pending,
    failures: r.failures,
  };
}

/** Reads the recorded minimums; keys starting with `$` are comments. */
export function loadMinimums(file = join(ROOT, MINIMUMS_FILE)) {
  const raw = JSON.parse(readFileSync(file, 'utf8'));
  const out = {};
  for (const [k, v] of Object.entries(raw)) {
    if (k.startsWith('$')) continue;
    if (!Number.isInteger(v) || v < 1)
      throw new Error(`${file}: "${k}" must be a whole number above 0, not ${JSON.stringify(v)}`);
    out[k] = v;
  }
  return out;
}

/** Raises (never lowers) the minimums of the tiers in `verdicts` to what they passed. */
export function recordMinimums(verdicts, file = join(ROOT, MINIMUMS_FILE)) {
  const raw = JSON.parse(readFileSync(file, 'utf8'));
  const raised = [];
  for (const v of verdicts) {
    const count = v.counted ?? v.passed;
    if (v.failed === 0 && count > (raw[v.name] ?? 0)) {
      raised.push(`${v.name} ${raw[v.name] ?? 0} → ${count}`);
      raw[v.name] = count;
    }
  }
  writeFileSync(file, JSON.stringify(raw, null, 2) + '\n');
  return raised;
}

/**
 * The checks that concern every tier: the minimum and narrowing. `count` is what the
 * minimum applies to (tests passed, or files checked for a one-check tier).
 */
function minimumCheck({ name, count, what, minimum, narrowedBy }, problems, notes) {
  if (narrowedBy) {
    notes.push(`${name}: narrowed by ${narrowedBy}, so its minimum (${minimum ?? 'none'}) was not checked`);
  } else if (minimum === undefined) {
    problems.push(`${name}: no recorded minimum; add "${name}": ${count} to ${MINIMUMS_FILE}`);
  } else if (count < minimum) {
    problems.push(
      `${name}: ${count} ${what}, below the recorded minimum of ${minimum} (${MINIMUMS_FILE}): some did not run`,
    );
  } else if (count > minimum) {
    notes.push(`${name}: ${count} ${what}, above the minimum of ${minimum}; raise it: ${RAISE_HINT}`);
  }
}

/**
 * The verdict on a mocha tier from its exit code and results file. Each problem that the
 * results' failures do not already count adds one failure.
 */
export function judgeMocha({ name, code, results, minimum, narrowedBy = '', seconds = 0 }) {
  const problems = [];
  const notes = [];
  if (!results.ok) problems.push(`${name}: ${results.problem}`);
  else {
    if (results.grep && !narrowedBy) {
      problems.push(`${name}: narrowed by "${results.grep}", though the runner was not asked to narrow it`);
    }
    if (results.pending.length > 0) {
      problems.push(
        `${name}: ${results.pending.length} pending test(s); pending and skipped tests fail the run, make each a real test or delete it: ${results.pending.slice(0, 5).join('; ')}`,
      );
    }
    const reported = results.passed + results.failed + results.pending.length;
    if (results.failed === 0 && reported < results.planned) {
      problems.push(`${name}: only ${reported} of the ${results.planned} planned tests reported a result`);
    }
  }
  if (code !== 0 && !(results.ok && results.failed > 0)) {
    problems.push(
      code === 124
        ? `${name}: stopped at its deadline`
        : `${name}: exited with code ${code} without reporting a failed test`,
    );
  }
  const passed = results.ok ? results.passed : 0;
  minimumCheck({ name, count: passed, what: 'tests passed', minimum, narrowedBy }, problems, notes);
  return {
    name,
    passed,
    failed: (results.ok ? results.failed : 0) + problems.length,
    skipped: results.ok ? results.pending.length : 0,
    problems,
    notes,
    seconds,
  };
}

/**
 * The verdict on a one-check tier (check, dogfood): one pass when it exits 0 and its
 * machine-read `count` (files checked) reaches the minimum, else one failure.
 */
export function judgeCheck({ name, code, count, what, minimum, seconds = 0, problem }) {
  const problems = [];
  const notes = [];
  if (problem) problems.push(`${name}: ${problem}`);
  if (code !== 0) problems.push(`${name}: exited with code ${code}`);
  minimumCheck({ name, count: count ?? 0, what, minimum }, problems, notes);
  const ok = problems.length === 0;
  return {
    name,
    passed: ok ? 1 : 0,
    failed: ok ? 0 : 1,
    skipped: 0,
    counted: count,
    problems,
    notes,
    seconds,
  };
}

/** Runs mocha with the given arguments and the project's reporter; returns the verdict. */
export async function runMochaTier({
  name,
  args = [],
  cwd = ROOT,
  resultsFile,
  minimum,
  grep = '',
  env = process.env,
  deadlineMs = 10 * MIN,
  echo = true,
}) {
  rmSync(resultsFile, { force: true });
  const r = await step(
    name,
    process.execPath,
    [MOCHA, ...args, '--reporter-option', `results=${resultsFile}`, ...(grep ? ['--grep', grep] : [])],
    { cwd, env, deadlineMs, echo },
  );
  const verdict = judgeMocha({
    name,
    code: r.code,
    results: readResults(resultsFile),
    minimum,
    narrowedBy: grep ? `--grep "${grep}"` : '',
    seconds: r.seconds,
  });
  return { ...verdict, code: r.code, output: r.output };
}

/**
 * The summary: one table row per tier, each problem, and the final line
 * `N passed, N failed[, N skipped]` (plus what narrowed the run, if anything did).
 */
export function summarize(verdicts, { narrowedBy = '' } = {}) {
  const lines = [];
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const v of verdicts) {
    passed += v.passed;
    failed += v.failed;
    skipped += v.skipped;
    lines.push(
      `${v.name.padEnd(12)} ${String(v.passed).padStart(4)} passed ${String(v.failed).padStart(3)} failed ${String(v.skipped).padStart(3)} skipped  ${v.seconds.toFixed(1).padStart(6)} s`,
    );
  }
  const problems = verdicts.flatMap((v) => v.problems);
  const notes = verdicts.flatMap((v) => v.notes);
  if (problems.length || notes.length) lines.push('');
  for (const p of problems) lines.push(`✘ ${p}`);
  for (const n of notes) lines.push(`• ${n}`);
  if (verdicts.length === 0 || (passed === 0 && failed === 0)) {
    failed += 1;
    lines.push('✘ no tier reported a result');
  }
  const narrowed = narrowedBy ? ` (narrowed by ${narrowedBy}: tier minimums not checked)` : '';
  lines.push('', `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}${narrowed}`);
  return { lines, exitCode: failed > 0 ? 1 : 0, passed, failed, skipped };
}
