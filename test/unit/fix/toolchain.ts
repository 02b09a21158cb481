/** Checks that fixed code compiles: `tsc` (one program for many files) and `python3 -m py_compile`. */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';
import { repoRoot } from './helpers';

export interface SourceFile {
  /** A file name with the right extension (.ts .mts .cts .tsx .js .mjs .cjs .jsx / .py). */
  name: string;
  text: string;
}

function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
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
    const paths = files.map((f, i) => {
      const p = path.join(dir, `${i}-${path.basename(f.name)}`);
      fs.writeFileSync(p, f.text);
      return p;
    });
    const raw = execFileSync('python3', ['-c', PY_CHECK, ...paths], { encoding: 'utf8' });
    const result = JSON.parse(raw) as Record<string, string>;
    return new Map(files.map((f, i) => [f.name, result[paths[i]] ?? 'not compiled']));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** `python3 -m py_compile` on one text: '' when it compiles, else the error. */
export async function pyCompiles(text: string): Promise<string> {
  return pyCompileAll([{ name: 'fixed.py', text }]).get('fixed.py') ?? 'not compiled';
}

const sdk = path.join(repoRoot, 'node_modules/@anthropic-ai/sdk');

/**
 * Type-checks TS/JS files as one program against the real `@anthropic-ai/sdk` and `p-limit`
 * types (strict; JS with checkJs). Every file is a module. Maps each name to its
 * diagnostics as `TS<code>: <message>` (positions left out so before/after compare).
 */
export function typeCheckAll(files: readonly SourceFile[]): Map<string, string[]> {
  const dir = tempDir('headroom-tsc-');
  try {
    const byPath = new Map<string, string>();
    for (const [i, f] of files.entries()) {
      const p = path.join(dir, `${i}-${path.basename(f.name)}`);
      fs.writeFileSync(p, f.text);
      byPath.set(p, f.name);
    }
    const options: ts.CompilerOptions = {
      noEmit: true,
      strict: true,
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

/**
 * The diagnostics of `after` that `before` does not have (as multisets). Compared by code
 * and first line with quoted names and types blanked: a fix may change how a type prints
 * (`ContentBlock` vs the union it stands for) without adding an error.
 */
export function newDiagnostics(before: readonly string[], after: readonly string[]): string[] {
  const key = (d: string): string => d.split('\n')[0].replace(/'[^'\n]*'/g, "'…'");
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
