/**
 * Checks that fixed code compiles: `tsc` (one program for many files), `python3 -m py_compile`,
 * and Debian's `pyflakes3` for undefined and unused names in Python.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';
import type { Node } from '../../../src/core/parse/treeSitter';
import { repoRoot } from './helpers';

export interface SourceFile {
  /** A file name with the right extension (.ts .mts .cts .tsx .js .mjs .cjs .jsx / .py). */
  name: string;
  text: string;
}

function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Writes each file into `dir` under a unique name; maps each path written to the file's name. */
function writeAll(dir: string, files: readonly SourceFile[]): Map<string, string> {
  const byPath = new Map<string, string>();
  for (const [i, f] of files.entries()) {
    const p = path.join(dir, `${i}-${path.basename(f.name)}`);
    fs.writeFileSync(p, f.text);
    byPath.set(p, f.name);
  }
  return byPath;
}

const PY_CHECK = `
import json, py_compile, sys
out = {}
for f in sys.argv[1:]:
    try:
        py_compile.compile(f, cfile=f + "c", doraise=True)
        out[f] = ""
    except py_compile.PyCompileError as e:
        out[f] = str(e.msg).strip()
print(json.dumps(out))
`;

/** Compiles Python files in one `python3` process; maps each name to '' (ok) or the error. */
export function pyCompileAll(files: readonly SourceFile[]): Map<string, string> {
  const dir = tempDir('headroom-py-');
  try {
    const paths = [...writeAll(dir, files).keys()];
    const raw = execFileSync('python3', ['-c', PY_CHECK, ...paths], { encoding: 'utf8' });
    const result = JSON.parse(raw) as Record<string, string>;
    return new Map(files.map((f, i) => [f.name, result[paths[i]] ?? 'not compiled']));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Where Debian's `pyflakes3` package puts it (`.ci/run` installs the package). */
export const PYFLAKES = process.env.HEADROOM_PYFLAKES ?? '/usr/bin/pyflakes3';

/**
 * `pyflakes3` on many files in one process: maps each name to its messages without the
 * position (`undefined name 'time'`, `'os' imported but unused`), line numbers inside a
 * message blanked, so the messages of a text before and after a fix compare. Syntax errors
 * are left to `pyCompileAll`. A missing `pyflakes3` throws: the oracle is never skipped.
 */
export function pyflakesAll(files: readonly SourceFile[]): Map<string, string[]> {
  if (!fs.existsSync(PYFLAKES)) {
    throw new Error(
      `${PYFLAKES} not found: the Python oracle needs Debian's pyflakes3 (apt-get install -y pyflakes3; .ci/run installs it)`,
    );
  }
  const dir = tempDir('headroom-pyflakes-');
  try {
    const byPath = writeAll(dir, files);
    const r = spawnSync(PYFLAKES, [...byPath.keys()], { encoding: 'utf8', maxBuffer: 64 << 20 });
    // 0: nothing found, 1: messages; anything else (or a signal) is pyflakes itself failing.
    if (r.error || (r.status !== 0 && r.status !== 1)) {
      throw new Error(
        `${PYFLAKES} failed (${r.error?.message ?? `exit ${r.status ?? r.signal}`}): ${r.stderr}`,
      );
    }
    const out = new Map<string, string[]>(files.map((f) => [f.name, []]));
    for (const line of r.stdout.split('\n')) {
      const m = /^(.+?):\d+:(?:\d+:)? (.*)$/.exec(line);
      const name = m ? byPath.get(m[1]) : undefined;
      if (m && name !== undefined) {
        out.get(name)?.push(m[2].replace(/\bline \d+/g, 'line N'));
      }
    }
    return out;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The Python oracle for one fixed text: '' when it compiles and `pyflakes3` reports nothing
 * that `before` (the unfixed text) does not already have; else the compile error or the new
 * pyflakes messages.
 */
export async function pyChecks(text: string, before: string): Promise<string> {
  const compiled = pyCompileAll([{ name: 'fixed.py', text }]).get('fixed.py') ?? 'not compiled';
  if (compiled) {
    return compiled;
  }
  const flakes = pyflakesAll([
    { name: 'before.py', text: before },
    { name: 'fixed.py', text },
  ]);
  return newPyflakes(flakes.get('before.py') ?? [], flakes.get('fixed.py') ?? []).join('\n');
}

const sdk = path.join(repoRoot, 'node_modules/@anthropic-ai/sdk');

/**
 * Type-checks TS/JS files as one program against the real `@anthropic-ai/sdk` and `p-limit`
 * types (strict; JS with checkJs), with unreachable code, unused labels and unused locals
 * and parameters as errors (TS7027, TS7028, TS6133/TS6192/TS6196/TS6198), so a fix that leaves dead or
 * orphaned code shows up as a new diagnostic. Every file is a module. Maps each name to
 * its diagnostics as `TS<code>: <message>` (positions left out so before/after compare).
 */
export function typeCheckAll(files: readonly SourceFile[]): Map<string, string[]> {
  const dir = tempDir('headroom-tsc-');
  try {
    const byPath = writeAll(dir, files);
    const options: ts.CompilerOptions = {
      noEmit: true,
      strict: true,
      allowUnreachableCode: false,
      allowUnusedLabels: false,
      noUnusedLocals: true,
      noUnusedParameters: true,
      target: ts.ScriptTarget.ES2022,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
      module: ts.ModuleKind.Preserve,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      moduleDetection: ts.ModuleDetectionKind.Force,
      allowJs: true,
      checkJs: true,
      jsx: ts.JsxEmit.Preserve,
      esModuleInterop: true,
      skipLibCheck: true,
      types: ['node'],
      typeRoots: [path.join(repoRoot, 'node_modules/@types')],
      baseUrl: dir,
      paths: {
        '@anthropic-ai/sdk': [path.join(sdk, 'index.d.ts')],
        '@anthropic-ai/sdk/*': [path.join(sdk, '*')],
        'p-limit': [path.join(repoRoot, 'node_modules/p-limit/index.d.ts')],
      },
    };
    const program = ts.createProgram([...byPath.keys()], options);
    const out = new Map<string, string[]>(files.map((f) => [f.name, []]));
    for (const d of ts.getPreEmitDiagnostics(program)) {
      const name = d.file ? byPath.get(path.resolve(d.file.fileName)) : undefined;
      if (name !== undefined) {
        out.get(name)?.push(`TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
      }
    }
    return out;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The items of `after` that `before` does not have, as multisets compared by `key`. */
function added(before: readonly string[], after: readonly string[], key: (d: string) => string): string[] {
  const left = new Map<string, number>();
  for (const d of before) {
    left.set(key(d), (left.get(key(d)) ?? 0) + 1);
  }
  const out: string[] = [];
  for (const d of after) {
    const n = left.get(key(d)) ?? 0;
    if (n > 0) {
      left.set(key(d), n - 1);
    } else {
      out.push(d);
    }
  }
  return out;
}

/**
 * The tsc diagnostics of `after` that `before` does not have (as multisets). Compared by code
 * and first line with quoted names and types blanked: a fix may change how a type prints
 * (`ContentBlock` vs the union it stands for) without adding an error.
 */
export function newDiagnostics(before: readonly string[], after: readonly string[]): string[] {
  return added(before, after, (d) => d.split('\n')[0].replace(/'[^'\n]*'/g, "'…'"));
}

/** The pyflakes messages of `after` that `before` does not have (as multisets, names kept). */
export function newPyflakes(before: readonly string[], after: readonly string[]): string[] {
  return added(before, after, (d) => d);
}

/** Statement types after which nothing in the same block runs. */
const PY_JUMPS = new Set(['return_statement', 'raise_statement', 'continue_statement', 'break_statement']);

/**
 * Python statements that can never run: a statement after a `return`, `raise`, `continue`
 * or `break` in the same block, found on the tree-sitter Python tree (the grammar the
 * extension ships). Each as `unreachable <type> after <jump>: <first line of its text>`.
 */
export function pyUnreachable(root: Node): string[] {
  const out: string[] = [];
  const visit = (node: Node): void => {
    if (node.type === 'block' || node.type === 'module') {
      let jump: string | undefined;
      for (let i = 0; i < node.namedChildCount; i++) {
        const child = node.namedChild(i);
        if (!child || child.type === 'comment') {
          continue;
        }
        if (jump) {
          out.push(`unreachable ${child.type} after ${jump}: ${child.text.split('\n')[0].trim()}`);
          break;
        }
        if (PY_JUMPS.has(child.type)) {
          jump = child.type.replace('_statement', '');
        }
      }
    }
    for (let i = 0; i < node.namedChildCount; i++) {
      const child = node.namedChild(i);
      if (child) {
        visit(child);
      }
    }
  };
  visit(root);
  return out;
}
