import * as fs from 'node:fs';
import * as path from 'node:path';
import { languageForPath } from '../core/lint';
import { GitIgnore } from '../core/files/gitignore';
import { isGitIgnored } from '../core/files/gitIgnored';
import { MAX_FILE_BYTES } from '../core/files/limits';
import { isDotenvPath } from '../core/rules/hardcoded-api-key/dotenv';

/** Files over this size are skipped with a notice (minified bundles, generated code). */
export { MAX_FILE_BYTES };

/** Directory names never descended into: dependencies, VCS data, virtualenvs, build output, caches. */
export const SKIPPED_DIRS: ReadonlySet<string> = new Set([
  'node_modules',
  'bower_components',
  '.git',
  '.hg',
  '.svn',
  '.venv',
  'venv',
  '.virtualenv',
  '__pycache__',
  'site-packages',
  '.tox',
  '.nox',
  '.mypy_cache',
  '.pytest_cache',
  '.ruff_cache',
  '.ipynb_checkpoints',
  'dist',
  'build',
  'out',
  '.next',
  '.nuxt',
  '.svelte-kit',
  '.output',
  '.turbo',
  '.vercel',
  '.cache',
  '.parcel-cache',
  'coverage',
  '.vscode-test',
]);

/** A file to lint. */
export interface SourceFile {
  /** Absolute path. */
  path: string;
  /** The path to print: as given on the command line, or joined to the directory given. */
  display: string;
  size: number;
  /**
   * The path relative to the project (the repository root, else the directory given), `/`
   * separators: what tells test files apart (core/lint/facts/testCode.ts).
   */
  rel?: string;
}

/** What discovery found. */
export interface Discovery {
  files: SourceFile[];
  /** Notices for stderr (skipped big files, unsupported explicit files). */
  notices: string[];
  /** Paths that do not exist or cannot be read (usage/I/O errors). */
  errors: string[];
}

/** Whether a path is something the linter reads (source file, notebook, or dotenv file for keys). */
export function isLintable(file: string): boolean {
  return languageForPath(file) !== undefined || file.toLowerCase().endsWith('.ipynb') || isDotenvPath(file);
}

/**
 * Expands the command-line paths into files: directories are walked (skipping
 * SKIPPED_DIRS, virtualenvs and what `.gitignore` ignores); files named explicitly are
 * always linted when their type is supported. The result is sorted by display path.
 */
export function discover(paths: readonly string[], cwd: string): Discovery {
  const result: Discovery = { files: [], notices: [], errors: [] };
  const seen = new Set<string>();
  for (const given of paths) {
    const abs = path.resolve(cwd, given);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch (err) {
      result.errors.push(describeFsError(given, err));
      continue;
    }
    if (stat.isDirectory()) {
      // A directory named on the command line is walked even if it is ignored itself. It
      // is walked by its real path, so links inside it can be checked against it.
      const real = fs.realpathSync(abs);
      walk(real, given, { ...gitignoreContext(real), within: real }, result, seen);
    } else if (stat.isFile()) {
      if (!isLintable(abs)) {
        result.notices.push(`${given}: not a JS/TS/Python file or notebook, skipped`);
      } else if (isDotenvPath(abs) && isGitIgnored(abs)) {
        // Only a key that is (or would be) committed is a finding; an ignored .env is where keys belong.
        result.notices.push(`${given}: ignored by .gitignore, so its keys are not committed; skipped`);
      } else {
        addFile(abs, display(given), stat.size, result, seen, projectPath(abs, cwd));
      }
    } else {
      result.notices.push(`${given}: not a regular file, skipped`);
    }
  }
  result.files.sort((a, b) => compareDisplay(a.display, b.display));
  return result;
}

/** Sort order for output: by path, byte-wise (stable across platforms). */
export function compareDisplay(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function display(p: string): string {
  return path.normalize(p);
}

function addFile(
  abs: string,
  shown: string,
  size: number,
  result: Discovery,
  seen: Set<string>,
  rel: string,
): void {
  if (seen.has(abs)) {
    return;
  }
  seen.add(abs);
  if (size > MAX_FILE_BYTES) {
    result.notices.push(
      `${shown}: skipped, ${(size / 1024 / 1024).toFixed(1)} MB is over the ${MAX_FILE_BYTES / 1024 / 1024} MB limit`,
    );
    return;
  }
  result.files.push({ path: abs, display: shown, size, rel });
}

/** A file named on the command line, relative to its repository (else the working directory). */
function projectPath(abs: string, cwd: string): string {
  for (let dir = path.dirname(abs), prev = ''; dir !== prev; prev = dir, dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, '.git'))) {
      return toPosix(path.relative(dir, abs));
    }
  }
  return isInside(abs, cwd) ? toPosix(path.relative(cwd, abs)) : path.basename(abs);
}

/** The .gitignore rules of a walk, with paths relative to `root` (the repository root, or the scan root). */
interface IgnoreContext {
  root: string;
  ignore: GitIgnore;
}

/** A walk: its ignore rules, and the real path of the directory named on the command line. */
interface WalkContext extends IgnoreContext {
  within: string;
}

function walk(dir: string, shown: string, ctx: WalkContext, result: Discovery, seen: Set<string>): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    result.errors.push(describeFsError(shown, err));
    return;
  }
  const rel = toPosix(path.relative(ctx.root, dir));
  if (entries.some((e) => e.name === '.gitignore' && e.isFile())) {
    try {
      ctx.ignore.add(fs.readFileSync(path.join(dir, '.gitignore'), 'utf8'), rel);
    } catch {
      // An unreadable .gitignore is skipped, as git does.
    }
  }
  entries.sort((a, b) => compareDisplay(a.name, b.name));
  for (const entry of entries) {
    const abs = path.join(dir, entry.name);
    const relPath = rel === '' ? entry.name : `${rel}/${entry.name}`;
    const entryShown = path.join(shown, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    let file = abs;
    if (entry.isSymbolicLink()) {
      // Follow links to files inside the directory given; never links to directories
      // (cycles, vendored trees), nor out of the tree (--fix would write outside it).
      try {
        file = fs.realpathSync(abs);
        isFile = fs.statSync(file).isFile();
        isDir = false;
      } catch {
        continue;
      }
      if (isFile && isLintable(entry.name) && !isInside(file, ctx.within)) {
        result.notices.push(`${entryShown}: a symbolic link to a file outside ${shown}, skipped`);
        continue;
      }
    }
    if (isDir) {
      if (SKIPPED_DIRS.has(entry.name) || ctx.ignore.ignores(relPath, true) || isVirtualenv(abs)) {
        continue;
      }
      walk(abs, entryShown, ctx, result, seen);
    } else if (isFile && isLintable(entry.name) && !ctx.ignore.ignores(relPath, false)) {
      let size: number;
      try {
        size = fs.statSync(file).size;
      } catch (err) {
        result.errors.push(describeFsError(entryShown, err));
        continue;
      }
      // Keyed by the real path: a file and a link to it are linted (and fixed) once.
      addFile(file, entryShown, size, result, seen, relPath);
    }
  }
}

function isInside(file: string, dir: string): boolean {
  const rel = path.relative(dir, file);
  return rel !== '' && rel.split(path.sep)[0] !== '..' && !path.isAbsolute(rel);
}

/** A directory holding a Python environment: a virtualenv (pyvenv.cfg) or a conda env (conda-meta/). */
function isVirtualenv(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'pyvenv.cfg')) || fs.existsSync(path.join(dir, 'conda-meta'));
}

/**
 * The ignore rules for a scan root: when it is inside a git repository, paths are made
 * relative to the repository root and the .gitignore files of the directories above the
 * scan root (and `.git/info/exclude`) apply too.
 */
function gitignoreContext(root: string): IgnoreContext {
  let repoRoot: string | undefined;
  for (let dir = root, prev = ''; dir !== prev; prev = dir, dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, '.git'))) {
      repoRoot = dir;
      break;
    }
  }
  const ignore = new GitIgnore();
  if (repoRoot === undefined) {
    return { root, ignore };
  }
  const read = (file: string): string | undefined => {
    try {
      return fs.readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  };
  const exclude = read(path.join(repoRoot, '.git', 'info', 'exclude'));
  if (exclude !== undefined) {
    ignore.add(exclude, '');
  }
  // Ancestors of the scan root, outermost first (the scan root's own file is read by the walk).
  const ancestors: string[] = [];
  for (let dir = path.dirname(root); root !== repoRoot && dir.startsWith(repoRoot); dir = path.dirname(dir)) {
    ancestors.unshift(dir);
    if (dir === repoRoot) {
      break;
    }
  }
  for (const dir of ancestors) {
    const content = read(path.join(dir, '.gitignore'));
    if (content !== undefined) {
      ignore.add(content, toPosix(path.relative(repoRoot, dir)));
    }
  }
  return { root: repoRoot, ignore };
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

function describeFsError(shown: string, err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') {
    return `${shown}: no such file or directory`;
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return `${shown}: permission denied`;
  }
  return `${shown}: ${err instanceof Error ? err.message : String(err)}`;
}
