/**
 * Where an import of the project's own code leads (cross-file facts): the file a JS/TS
 * specifier (`./retry`, `../lib/retry.js`, `@/lib/retry` through tsconfig `paths`) or a Python
 * module (`.retry`, `utils.retry`) names, inside the project root and nowhere else. Pure: the
 * files are read through the host, so the editor, the CLI and the tests share it.
 */
import * as path from 'node:path';

/** What resolution needs from the file system: a file's text, or undefined when there is none. */
export interface ModuleHost {
  /** The project root, absolute: nothing outside it is ever read. */
  readonly root: string;
  read(file: string): string | undefined;
  /** Whether a file exists, when the host can tell without reading it (a folder's listing); else `read` decides. */
  exists?(file: string): boolean;
}

/** Whether a file of the project is there (see `ModuleHost.exists`). */
function present(host: ModuleHost, file: string): boolean {
  return host.exists ? host.exists(file) && host.read(file) !== undefined : host.read(file) !== undefined;
}

/** Extensions tried, in order, for a JS/TS specifier written without one. */
const JS_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
/** A specifier written with a JS extension may name the TypeScript source (`./retry.js` for `retry.ts`). */
const TS_FOR_JS: Record<string, string[]> = {
  '.js': ['.ts', '.tsx'],
  '.jsx': ['.tsx'],
  '.mjs': ['.mts'],
  '.cjs': ['.cts'],
};

/** Whether `file` lies inside `root` (both absolute and normalised). */
export function insideRoot(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/**
 * The project file a JS/TS import specifier names, from the importing file (absolute), or
 * undefined: a package (`p-retry`), a file outside the root, or nothing there.
 */
export function resolveJs(host: ModuleHost, from: string, specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    const base = specifier.startsWith('/')
      ? path.join(host.root, specifier)
      : path.resolve(path.dirname(from), specifier);
    return jsFile(host, base);
  }
  for (const base of aliasTargets(host, from, specifier)) {
    const found = jsFile(host, base);
    if (found) {
      return found;
    }
  }
  return workspaceFile(host, specifier);
}

/** `@scope/name/sub/path` → the package's name and the subpath (`''` for its main entry). */
function packageParts(specifier: string): { name: string; sub: string } | undefined {
  const m = /^((?:@[\w.-]+\/)?[\w.-]+)(?:\/(.+))?$/.exec(specifier);
  return m ? { name: m[1], sub: m[2] ?? '' } : undefined;
}

/**
 * A monorepo's own package (`@acme/retry`, listed in the root package.json's `workspaces` or in
 * pnpm-workspace.yaml): the file its entry names, its TypeScript source when the entry is a build
 * that is not there (`dist/index.js` → `src/index.ts`), or the subpath's file. The package folder
 * is found from the workspace patterns and the package's name (`packages/*` and `@acme/retry`:
 * `packages/retry`), and checked against its package.json: nothing is listed or searched.
 */
function workspaceFile(host: ModuleHost, specifier: string): string | undefined {
  const parts = packageParts(specifier);
  if (!parts) {
    return undefined;
  }
  const folder = parts.name.split('/').pop()!;
  for (const pattern of workspacePatterns(host)) {
    const clean = pattern.replace(/^\.\//, '').replace(/\/+$/, '');
    const dir = /\/\*{1,2}$/.test(clean)
      ? path.join(host.root, clean.replace(/\/\*{1,2}$/, ''), folder)
      : path.join(host.root, clean);
    if (!insideRoot(host.root, dir)) {
      continue;
    }
    const manifest = readJson(host, path.join(dir, 'package.json'));
    if (!manifest || manifest.name !== parts.name) {
      continue;
    }
    return packageEntry(host, dir, manifest, parts.sub);
  }
  return undefined;
}

/**
 * The root's workspace patterns: package.json `workspaces` (a list or `{ packages }`),
 * pnpm-workspace.yaml `packages`; else the conventional folders.
 */
function workspacePatterns(host: ModuleHost): string[] {
  const out: string[] = [];
  const manifest = readJson(host, path.join(host.root, 'package.json'));
  const ws = manifest?.workspaces;
  const list = Array.isArray(ws) ? ws : (ws as { packages?: unknown } | undefined)?.packages;
  if (Array.isArray(list)) {
    out.push(...list.filter((p): p is string => typeof p === 'string' && !p.startsWith('!')));
  }
  const pnpm = host.read(path.join(host.root, 'pnpm-workspace.yaml'));
  if (pnpm) {
    // (the `packages:` list's items, one per line: `  - 'packages/*'`)
    const block = /^packages:[ \t]*\n((?:[ \t]*(?:-[^\n]*|#[^\n]*)?\n?)*)/m.exec(pnpm)?.[1] ?? '';
    for (const m of block.matchAll(/^[ \t]*-[ \t]*['"]?([^'"\n#]+?)['"]?[ \t]*(?:#.*)?$/gm)) {
      if (!m[1].startsWith('!')) {
        out.push(m[1]);
      }
    }
  }
  // None found (the root manifest may not be at hand): the folders monorepos keep packages in.
  return out.length ? out : CONVENTIONAL_WORKSPACES;
}

/** Where monorepos keep their packages, tried when the root lists none (each checked by its name). */
const CONVENTIONAL_WORKSPACES = ['packages/*', 'apps/*', 'libs/*'];

/** The file a workspace package's manifest names for a subpath (`''`: its main entry). */
function packageEntry(
  host: ModuleHost,
  dir: string,
  manifest: Record<string, unknown>,
  sub: string,
): string | undefined {
  const named: string[] = [];
  const exportsField = manifest.exports;
  const key = sub ? `./${sub}` : '.';
  const entry =
    typeof exportsField === 'string' && !sub
      ? exportsField
      : exportsField && typeof exportsField === 'object'
        ? (exportsField as Record<string, unknown>)[key]
        : undefined;
  named.push(...conditionTargets(entry));
  if (!sub) {
    for (const field of ['source', 'types', 'typings', 'module', 'main']) {
      const v = manifest[field];
      if (typeof v === 'string') {
        named.push(v);
      }
    }
  }
  const candidates = named.map((t) => path.resolve(dir, t));
  // A build's output may not be there (it is not committed): the source it is built from.
  candidates.push(
    ...(sub
      ? [path.join(dir, 'src', sub), path.join(dir, sub)]
      : [path.join(dir, 'src', 'index'), path.join(dir, 'index')]),
  );
  for (const c of candidates) {
    if (!insideRoot(host.root, c)) {
      continue;
    }
    const rel = path.relative(dir, c).replace(/\.d\.ts$/, '.ts');
    const found =
      jsFile(host, path.join(dir, rel)) ??
      jsFile(host, path.join(dir, rel.replace(/^(?:dist|build|lib|out)(?=[/\\])/, 'src')));
    if (found) {
      return found;
    }
  }
  return undefined;
}

/** The paths an `exports` entry names, by its conditions in the order a bundler prefers them. */
function conditionTargets(entry: unknown): string[] {
  if (typeof entry === 'string') {
    return [entry];
  }
  if (!entry || typeof entry !== 'object') {
    return [];
  }
  const conditions = entry as Record<string, unknown>;
  return ['source', 'types', 'import', 'require', 'node', 'default'].flatMap((c) =>
    conditionTargets(conditions[c]),
  );
}

/** A JSON file of the project as an object, or undefined. */
function readJson(host: ModuleHost, file: string): Record<string, unknown> | undefined {
  const text = host.read(file);
  if (text === undefined) {
    return undefined;
  }
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The file a JS/TS path (without or with its extension) names, as Node and TypeScript look it up. */
function jsFile(host: ModuleHost, base: string): string | undefined {
  const ext = path.extname(base);
  const candidates: string[] = [];
  if (JS_EXTENSIONS.includes(ext)) {
    const stem = base.slice(0, -ext.length);
    candidates.push(base, ...(TS_FOR_JS[ext] ?? []).map((e) => stem + e));
  } else {
    candidates.push(...JS_EXTENSIONS.map((e) => base + e));
    candidates.push(...JS_EXTENSIONS.map((e) => path.join(base, 'index' + e)));
  }
  return candidates.find((c) => insideRoot(host.root, c) && present(host, c));
}

/**
 * Where a non-relative specifier may lead through the nearest tsconfig.json / jsconfig.json
 * `paths` (`"@/*": ["./src/*"]`, relative to its `baseUrl`), or, with no such config, the
 * usual `@/` and `~/` aliases of the app frameworks (from the app's folder or the root, or a
 * folder between the root and the file, or its `src/`).
 */
function aliasTargets(host: ModuleHost, from: string, specifier: string): string[] {
  const config = nearestConfig(host, from);
  if (config) {
    const out: string[] = [];
    for (const [pattern, targets] of config.paths) {
      const star = pattern.indexOf('*');
      const matched =
        star === -1
          ? pattern === specifier
            ? ''
            : undefined
          : specifier.startsWith(pattern.slice(0, star)) && specifier.endsWith(pattern.slice(star + 1))
            ? specifier.slice(star, specifier.length - (pattern.length - star - 1))
            : undefined;
      if (matched === undefined) {
        continue;
      }
      for (const t of targets) {
        out.push(path.resolve(config.baseUrl, t.replace('*', matched)));
      }
    }
    if (out.length || config.hasPaths) {
      return out;
    }
  }
  const alias = /^[@~]\/(.+)$/.exec(specifier);
  if (!alias) {
    return [];
  }
  // The app's root (its package.json's folder, in a monorepo one app among others), then each
  // folder from the project root down to the file's, with its src/.
  const dirs: string[] = [];
  for (let dir = path.dirname(from); insideRoot(host.root, dir); dir = path.dirname(dir)) {
    dirs.unshift(dir);
  }
  const app = [...dirs].reverse().find((d) => present(host, path.join(d, 'package.json')));
  return [...(app ? [app] : []), host.root, ...dirs].flatMap((d) => [
    path.join(d, alias[1]),
    path.join(d, 'src', alias[1]),
  ]);
}

interface PathsConfig {
  baseUrl: string;
  paths: Array<[string, string[]]>;
  hasPaths: boolean;
}

/** The compiler options of the nearest tsconfig.json / jsconfig.json from the file up to the root. */
function nearestConfig(host: ModuleHost, from: string): PathsConfig | undefined {
  for (
    let dir = path.dirname(from);
    insideRoot(host.root, dir) || dir === host.root;
    dir = path.dirname(dir)
  ) {
    for (const name of ['tsconfig.json', 'jsconfig.json']) {
      const text = host.read(path.join(dir, name));
      const options = text === undefined ? undefined : compilerOptions(text);
      if (options) {
        const baseUrl = path.resolve(dir, typeof options.baseUrl === 'string' ? options.baseUrl : '.');
        const paths: Array<[string, string[]]> = [];
        const raw = options.paths;
        if (raw && typeof raw === 'object') {
          for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
            if (Array.isArray(v)) {
              paths.push([k, v.filter((t): t is string => typeof t === 'string')]);
            }
          }
        }
        return { baseUrl, paths, hasPaths: paths.length > 0 };
      }
    }
    if (dir === host.root) {
      break;
    }
  }
  return undefined;
}

/**
 * A tsconfig's `compilerOptions`, read leniently (tsconfig allows comments and trailing
 * commas); undefined when it cannot be read. (`extends` is not followed.)
 */
function compilerOptions(text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(jsonWithoutComments(text));
    const options = (parsed as { compilerOptions?: unknown } | null)?.compilerOptions;
    return options && typeof options === 'object' ? (options as Record<string, unknown>) : {};
  } catch {
    return undefined;
  }
}

/** JSON with comments and trailing commas made plain JSON (strings are left as they are). */
export function jsonWithoutComments(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) {
        if (text[i] === '\\') i++;
      }
      out += text.slice(start, i + 1);
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 1;
    } else {
      out += c;
    }
  }
  return out.replace(/,(\s*[}\]])/g, '$1');
}

/**
 * The project file a Python import names, from the importing file (absolute): a relative
 * module (`.retry`, `..utils.retry`, by its number of dots) from the file's package; an
 * absolute one (`utils.retry`) from the file's folder or any folder above it up to the root
 * (where the project runs from), or the root's `src/`. A package is its `__init__.py`.
 */
export function resolvePython(host: ModuleHost, from: string, module: string): string | undefined {
  const dots = /^\.*/.exec(module)![0].length;
  const parts = module.slice(dots).split('.').filter(Boolean);
  const bases: string[] = [];
  if (dots > 0) {
    let dir = path.dirname(from);
    for (let i = 1; i < dots; i++) {
      dir = path.dirname(dir);
    }
    bases.push(dir);
  } else {
    for (
      let dir = path.dirname(from);
      insideRoot(host.root, dir) || dir === host.root;
      dir = path.dirname(dir)
    ) {
      bases.push(dir);
      if (dir === host.root) {
        break;
      }
    }
    bases.push(path.join(host.root, 'src'));
  }
  for (const base of bases) {
    const stem = path.join(base, ...parts);
    for (const candidate of parts.length ? [stem + '.py', path.join(stem, '__init__.py')] : []) {
      if (insideRoot(host.root, candidate) && present(host, candidate)) {
        return candidate;
      }
    }
  }
  return undefined;
}
