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
  return undefined;
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
  return candidates.find((c) => insideRoot(host.root, c) && host.read(c) !== undefined);
}

/**
 * Where a non-relative specifier may lead through the nearest tsconfig.json / jsconfig.json
 * `paths` (`"@/*": ["./src/*"]`, relative to its `baseUrl`), or, with no such config, the
 * usual `@/` and `~/` aliases of the app frameworks (the root, then `src/`).
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
  return alias ? [path.join(host.root, alias[1]), path.join(host.root, 'src', alias[1])] : [];
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
      if (insideRoot(host.root, candidate) && host.read(candidate) !== undefined) {
        return candidate;
      }
    }
  }
  return undefined;
}
