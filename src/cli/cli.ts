import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LintEngine, readRuleEntry, RULE_IDS, type RuleId, type RuleSetting } from '../core/lint';
import { fixFiles } from './fix';
import { PROXY_COMMAND_SUMMARY, runProxyCommand } from './proxy';
import { compareDisplay, discover, MAX_FILE_BYTES, SKIPPED_DIRS } from './files';
import {
  OUTPUT_FORMATS,
  formatGithub,
  formatGitlab,
  formatJson,
  formatSarif,
  formatText,
  type OutputFormat,
  printable,
  totals,
} from './format';
import { type CliFinding, type FileResult, lintFile } from './lintFile';
import { defaultJobs, lintInWorkers, WORKER_SCRIPT } from './worker';

/** Where the CLI writes; injected so tests can capture output. */
export interface CliIo {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  cwd: string;
}

/** Overrides for tests and embedding. */
export interface CliOptions {
  /** Folder with the tree-sitter wasm files (default: next to the CLI, see defaultGrammarDir). */
  grammarDir?: string;
  /** Script the lint workers run (default: this bundle / module). */
  workerScript?: string;
}

declare const HEADROOM_VERSION: string | undefined;

/** The version the build injected, or `dev` in unbundled runs. */
export function version(): string {
  return typeof HEADROOM_VERSION === 'string' ? HEADROOM_VERSION : 'dev';
}

const USAGE = `Usage: headroom <command> [options]

Commands:
  lint [paths...]   Find Claude API code that will draw 429s or fail before it is sent
  ${PROXY_COMMAND_SUMMARY}

Options:
  -h, --help        Show this help
  -v, --version     Print the version

Run "headroom lint --help" for the lint options.

Install in a project with "npm i -D @headroom-dev/cli" (then "npx headroom lint"), or run
it once with "npx @headroom-dev/cli lint". The unscoped "headroom" package on npm is not
this tool.
`;

const LINT_USAGE = `Usage: headroom lint [paths...] [options]

Lints .js .mjs .cjs .jsx .ts .mts .cts .tsx .py files and the code cells of .ipynb
notebooks, and reads dotenv files (.env, .env.*) that .gitignore does not ignore for API
keys (default path: the current directory). Directories are searched recursively,
skipping ${[...SKIPPED_DIRS].slice(0, 6).join(', ')}, virtualenvs, build output and whatever
.gitignore ignores. Files over ${MAX_FILE_BYTES / 1024 / 1024} MB are skipped with a notice on stderr.

Options:
  --format <text|json|sarif|github|gitlab>
                              Output format (default: text). Text lines read
                              file:line:column: severity [rule] message; notebook
                              findings name the cell (1-based) as file[cell N].
                              github: workflow-command annotations for GitHub
                              Actions; gitlab: a GitLab Code Quality report.
  --rule <id>=<level>         Set a rule to off, info, warning or error (repeatable)
  --max-warnings <n>          Fail when there are more than n warnings
  --retries-disabled-in-tests Report retries-disabled in test code too (test files
                              and describe/it/test blocks, pytest tests and
                              fixtures); off there by default. Findings in test
                              code end "In test code." and the summary counts them.
  --jobs <n>                  Worker threads (default: one per core for large scans)
  --fix                       Apply every safe quick fix (as VS Code's Fix All), then
                              report what remains. Notebooks are not changed.
  --dry-run                   With --fix: print the unified diff instead of writing;
                              exit 1 when anything would change
  -h, --help                  Show this help

Rules: ${RULE_IDS.join(', ')}
Docs:  https://github.com/headroom-dev/headroom/tree/main/docs/rules

Exit status: 0 when no finding is an error (and warnings stay within --max-warnings),
1 otherwise, 2 on a usage or I/O error.
`;

class UsageError extends Error {}

interface LintArgs {
  paths: string[];
  format: OutputFormat;
  rules: Partial<Record<RuleId, RuleSetting>>;
  maxWarnings?: number;
  jobs?: number;
  fix: boolean;
  dryRun: boolean;
  help: boolean;
  retriesDisabledInTests: boolean;
}

/** Runs the CLI and resolves to the process exit code (0 ok, 1 findings, 2 usage or I/O error). */
export async function runCli(argv: string[], io: CliIo, options: CliOptions = {}): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-v') {
    io.stdout.write(`${version()}\n`);
    return 0;
  }
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    (command === undefined ? io.stderr : io.stdout).write(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command === 'proxy') {
    return runProxyCommand(rest, io);
  }
  if (command !== 'lint') {
    io.stderr.write(`headroom: unknown command "${command}"\n\n${USAGE}`);
    return 2;
  }
  let args: LintArgs;
  try {
    args = parseLintArgs(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`headroom lint: ${err.message}\nRun "headroom lint --help" for usage.\n`);
      return 2;
    }
    throw err;
  }
  if (args.help) {
    io.stdout.write(LINT_USAGE);
    return 0;
  }
  return lint(args, io, options);
}

function parseLintArgs(argv: string[]): LintArgs {
  const args: LintArgs = {
    paths: [],
    format: 'text',
    rules: {},
    fix: false,
    dryRun: false,
    help: false,
    retriesDisabledInTests: false,
  };
  const value = (flag: string, inline: string | undefined, i: number): [string, number] => {
    if (inline !== undefined) {
      return [inline, i];
    }
    const next = argv[i + 1];
    if (next === undefined || (next.startsWith('-') && next !== '-')) {
      throw new UsageError(`${flag} needs a value`);
    }
    return [next, i + 1];
  };
  let onlyPaths = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (onlyPaths || !arg.startsWith('-') || arg === '-') {
      args.paths.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPaths = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq === -1 ? arg : arg.slice(0, eq);
    const inline = eq === -1 ? undefined : arg.slice(eq + 1);
    let v: string;
    switch (flag) {
      case '-h':
      case '--help':
        args.help = true;
        break;
      case '-f':
      case '--format':
        [v, i] = value(flag, inline, i);
        if (!(OUTPUT_FORMATS as readonly string[]).includes(v)) {
          throw new UsageError(`unknown format "${v}" (expected ${OUTPUT_FORMATS.join(', ')})`);
        }
        args.format = v as OutputFormat;
        break;
      case '--rule': {
        [v, i] = value(flag, inline, i);
        const m = /^([a-z-]+)\s*[=:]\s*([a-z]+)$/.exec(v.trim());
        if (!m) {
          throw new UsageError(`--rule expects <rule-id>=<off|info|warning|error>, got "${v}"`);
        }
        const entry = readRuleEntry(m[1], m[2]);
        if (!('rule' in entry)) {
          throw new UsageError(
            entry.problem === 'unknown-rule'
              ? `unknown rule "${m[1]}" (rules: ${RULE_IDS.join(', ')})`
              : `unknown level "${m[2]}" for ${m[1]} (expected off, info, warning or error)`,
          );
        }
        args.rules[entry.rule] = entry.setting;
        break;
      }
      case '--max-warnings': {
        [v, i] = value(flag, inline, i);
        if (!/^\d+$/.test(v)) {
          throw new UsageError(`--max-warnings expects a whole number, got "${v}"`);
        }
        args.maxWarnings = Number(v);
        break;
      }
      case '-j':
      case '--jobs': {
        [v, i] = value(flag, inline, i);
        if (!/^[1-9]\d*$/.test(v)) {
          throw new UsageError(`--jobs expects a positive whole number, got "${v}"`);
        }
        args.jobs = Number(v);
        break;
      }
      case '--fix':
        args.fix = true;
        break;
      case '--dry-run':
        args.dryRun = true;
        break;
      case '--retries-disabled-in-tests':
        args.retriesDisabledInTests = true;
        break;
      default:
        throw new UsageError(`unknown option "${flag}"`);
    }
  }
  if (args.dryRun && !args.fix) {
    throw new UsageError('--dry-run goes with --fix');
  }
  if (args.paths.length === 0) {
    args.paths.push('.');
  }
  return args;
}

/**
 * The grammar folder: `grammars/` next to the bundle (dist/cli.js + dist/grammars), or
 * out/grammars when running the transpiled tree (out/src/cli/cli.js).
 */
export function defaultGrammarDir(): string {
  const candidates = [path.join(__dirname, 'grammars'), path.resolve(__dirname, '..', '..', 'grammars')];
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'tree-sitter.wasm'))) ?? candidates[0];
}

async function lint(args: LintArgs, io: CliIo, options: CliOptions): Promise<number> {
  const found = discover(args.paths, io.cwd);
  for (const notice of found.notices) {
    io.stderr.write(`headroom: ${printable(notice)}\n`);
  }
  if (found.errors.length > 0 && found.files.length === 0) {
    for (const error of found.errors) {
      io.stderr.write(`headroom: ${printable(error)}\n`);
    }
    return 2;
  }
  const grammarDir = options.grammarDir ?? defaultGrammarDir();
  let writeErrors = 0;
  if (args.fix) {
    const stop = await runFixes(args, found.files, grammarDir, io);
    if (typeof stop === 'number') {
      return stop;
    }
    writeErrors = stop?.writeErrors ?? 0;
  }
  const cores = os.availableParallelism();
  if (args.jobs !== undefined && args.jobs > cores) {
    io.stderr.write(`headroom: --jobs ${args.jobs} is more than the ${cores} cores here; using ${cores}\n`);
  }
  const jobs = Math.min(args.jobs ?? defaultJobs(found.files), cores);
  let results: FileResult[];
  if (jobs > 1 && found.files.length > 1) {
    results = await lintInWorkers(
      found.files,
      jobs,
      grammarDir,
      args.rules,
      options.workerScript ?? WORKER_SCRIPT,
      args.retriesDisabledInTests,
    );
  } else {
    results = [];
    const engine = await loadEngine(grammarDir, io);
    if (!engine) {
      return 2;
    }
    for (const file of found.files) {
      results.push(await lintFile(engine, file, args.rules, args.retriesDisabledInTests));
    }
    engine.dispose();
  }
  results.sort((a, b) => compareDisplay(a.display, b.display));
  const findings: CliFinding[] = [];
  let ioErrors = found.errors.length + writeErrors;
  let linted = 0;
  for (const r of results) {
    for (const notice of r.notices) {
      io.stderr.write(`headroom: ${printable(notice)}\n`);
    }
    if (r.error) {
      io.stderr.write(`headroom: ${printable(r.error)}\n`);
      ioErrors++;
      continue;
    }
    linted++;
    findings.push(...r.findings);
  }
  for (const error of found.errors) {
    io.stderr.write(`headroom: ${printable(error)}\n`);
  }
  findings.sort(
    (a, b) =>
      compareDisplay(a.file, b.file) ||
      (a.cell ?? -1) - (b.cell ?? -1) ||
      a.line - b.line ||
      a.column - b.column ||
      RULE_IDS.indexOf(a.rule) - RULE_IDS.indexOf(b.rule),
  );
  switch (args.format) {
    case 'json':
      io.stdout.write(formatJson(findings, linted));
      break;
    case 'sarif':
      io.stdout.write(formatSarif(findings, io.cwd, version()));
      break;
    case 'github':
      io.stdout.write(formatGithub(findings, io.cwd));
      break;
    case 'gitlab':
      io.stdout.write(formatGitlab(findings, io.cwd));
      break;
    default:
      io.stdout.write(formatText(findings, linted));
  }
  if (ioErrors > 0) {
    return 2;
  }
  const t = totals(findings);
  if (t.error > 0 || (args.maxWarnings !== undefined && t.warning > args.maxWarnings)) {
    return 1;
  }
  return 0;
}

/** The engine with grammars loaded on demand, or undefined (after saying why) when the parser cannot load. */
async function loadEngine(grammarDir: string, io: CliIo): Promise<LintEngine | undefined> {
  try {
    return await LintEngine.create(grammarDir, { languages: [] });
  } catch (err) {
    io.stderr.write(
      `headroom: cannot load the parser from ${grammarDir}: ${err instanceof Error ? err.message : String(err)}\n`,
    );
    return undefined;
  }
}

/**
 * `--fix`: applies the safe fixes, or with `--dry-run` prints their diff. Returns the exit
 * code when the run ends here (dry run, parser failure); otherwise goes on to report, with
 * the count of files whose write failed (each an I/O error).
 */
async function runFixes(
  args: LintArgs,
  files: Parameters<typeof fixFiles>[1],
  grammarDir: string,
  io: CliIo,
): Promise<number | { writeErrors: number } | undefined> {
  const engine = await loadEngine(grammarDir, io);
  if (!engine) {
    return 2;
  }
  const fixed = await fixFiles(engine, files, args.rules, args.dryRun, args.retriesDisabledInTests);
  engine.dispose();
  for (const notice of fixed.notices) {
    io.stderr.write(`headroom: ${printable(notice)}\n`);
  }
  const plural = (n: number, word: string, suffix: string): string => `${n} ${word}${n === 1 ? '' : suffix}`;
  const what = `${plural(fixed.fixesApplied, 'fix', 'es')} in ${plural(fixed.filesChanged, 'file', 's')}`;
  if (args.dryRun) {
    io.stdout.write(fixed.diffs.join(''));
    io.stderr.write(`headroom: would apply ${what} (dry run, nothing written)\n`);
    return fixed.filesChanged > 0 ? 1 : 0;
  }
  io.stderr.write(`headroom: applied ${what}\n`);
  for (const error of fixed.writeErrors) {
    io.stderr.write(`headroom: ${printable(error)}\n`);
  }
  // Go on and report what remains; a file not written still makes the run an I/O error.
  return fixed.writeErrors.length > 0 ? { writeErrors: fixed.writeErrors.length } : undefined;
}
