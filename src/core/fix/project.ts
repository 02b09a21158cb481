/** What a file's project provides, read from the manifests above it. */
import { PRETTIER_FILES, formatOptionsFor } from './formatConfig';
import { join, parentOf } from './paths';
import type { ProjectDeps } from './types';

/** Python manifests that may list tenacity, looked up in each directory. */
const PY_MANIFESTS = [
  'requirements.txt',
  'requirements-dev.txt',
  'requirements_dev.txt',
  'requirements-test.txt',
  'dev-requirements.txt',
  'requirements/base.txt',
  'requirements/common.txt',
  'requirements/dev.txt',
  'requirements/prod.txt',
  'requirements.in',
  'pyproject.toml',
  'setup.cfg',
  'setup.py',
  'Pipfile',
];

/**
 * Every file name {@link projectDepsFor} reads in the directories above a file (a Python
 * manifest under `requirements/` by its own name): a change to a file of another name
 * cannot change its answer, so a cache of its reads needs to watch these names only.
 */
export const PROJECT_FILE_NAMES: readonly string[] = [
  ...new Set([
    'package.json',
    '.editorconfig',
    ...PRETTIER_FILES,
    ...PY_MANIFESTS.map((m) => m.split('/').pop() ?? m),
  ]),
];

/** Whether a Python manifest's text depends on tenacity. */
export function mentionsTenacity(name: string, text: string): boolean {
  if (/\.(?:txt|in)$/.test(name)) {
    return /^\s*tenacity\b/im.test(text);
  }
  if (name === 'pyproject.toml' || name === 'Pipfile') {
    return /["']tenacity\b|^\s*tenacity\s*=/im.test(text);
  }
  return /["']tenacity\b|^\s*tenacity\b/im.test(text);
}

/**
 * Finds, walking up from `filePath`'s directory, the nearest package.json (p-limit in
 * dependencies/devDependencies/peerDependencies/optionalDependencies; `"type": "module"`)
 * and the nearest directory with a Python manifest (requirements*.txt, pyproject.toml,
 * setup.cfg, setup.py, Pipfile) that lists tenacity; and the formatting options
 * ({@link formatOptionsFor}). Pure except for `readFile`, which
 * returns a file's text or undefined when it does not exist.
 */
export function projectDepsFor(
  filePath: string,
  readFile: (path: string) => string | undefined,
): ProjectDeps {
  const sep = filePath.includes('\\') && !filePath.includes('/') ? '\\' : '/';
  const deps: ProjectDeps = { pLimit: false, tenacity: false };
  let foundPackage = false;
  let foundPython = false;
  let prettierDependency = false;
  for (
    let dir = parentOf(filePath, sep);
    dir !== undefined && !(foundPackage && foundPython);
    dir = parentOf(dir, sep)
  ) {
    if (!foundPackage) {
      const text = readFile(join(dir, 'package.json', sep));
      if (text !== undefined) {
        foundPackage = true;
        try {
          const pkg = JSON.parse(text) as Record<string, unknown>;
          deps.moduleStyle = pkg.type === 'module' ? 'esm' : 'commonjs';
          prettierDependency = ['dependencies', 'devDependencies'].some(
            (field) => typeof (pkg[field] as Record<string, unknown> | undefined)?.prettier === 'string',
          );
          for (const field of [
            'dependencies',
            'devDependencies',
            'peerDependencies',
            'optionalDependencies',
          ]) {
            const range = (pkg[field] as Record<string, unknown> | undefined)?.['p-limit'];
            if (typeof range === 'string') {
              deps.pLimit = true;
              const major = /(\d+)/.exec(range.replace(/^npm:p-limit@/, ''));
              if (major && !/^(?:file|link|git|https?):/.test(range)) {
                deps.pLimitMajor = Number(major[1]);
              }
              break;
            }
          }
        } catch {
          // An unreadable package.json still marks the project root.
        }
      }
    }
    if (!foundPython) {
      for (const name of PY_MANIFESTS) {
        const text = readFile(join(dir, name, sep));
        if (text !== undefined) {
          foundPython = true;
          deps.tenacity = deps.tenacity || mentionsTenacity(name.split('/').pop() ?? name, text);
        }
      }
    }
  }
  deps.format = formatOptionsFor(filePath, readFile, prettierDependency);
  return deps;
}
