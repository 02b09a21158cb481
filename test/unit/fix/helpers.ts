import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { transformSync } from 'esbuild';
import {
  type FixAction,
  type FixContext,
  type LintWithTree,
  applyEdits,
  fixesFor,
} from '../../../src/core/fix';
import {
  type Finding,
  LintEngine,
  type LintLanguage,
  type RuleId,
  languageForPath,
} from '../../../src/core/lint';
import { fixturesDir } from '../lint/helpers';

/** The repository root: the nearest directory above this file whose package.json is Headroom's. */
export const repoRoot = ((): string => {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (
      fs.existsSync(pkg) &&
      (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: string }).name === 'headroom'
    ) {
      return dir;
    }
    if (path.dirname(dir) === dir) {
      throw new Error('repository root not found');
    }
  }
})();

/** out/grammars, where the build copies the wasm files. */
export const grammarDir = path.resolve(__dirname, '../../../grammars');

let enginePromise: Promise<LintEngine> | undefined;

/** One engine for the fix tests. */
export function getEngine(): Promise<LintEngine> {
  return (enginePromise ??= LintEngine.create(grammarDir));
}

/** A fix context with defaults (no p-limit, no tenacity, N = 8, max_tokens 1024), without its tree. */
export function context(
  text: string,
  language: LintLanguage,
  over: Partial<FixContext> = {},
): Omit<FixContext, 'root'> {
  return {
    text,
    language,
    projectDeps: { pLimit: false, tenacity: false },
    settings: { concurrency: 8, maxTokens: 1024 },
    ...over,
  };
}

/**
 * Lints `text` and runs `use` with its findings and a fix context (defaults plus `over`) on
 * the tree the findings were made on, as the editor and the CLI do; the tree is freed after.
 */
export async function withFixContext<T>(
  text: string,
  language: LintLanguage,
  over: Partial<FixContext>,
  use: (findings: Finding[], ctx: FixContext) => T,
): Promise<T> {
  const engine = await getEngine();
  return engine.withTree(text, language, (found, root) => {
    assert.ok(root, 'the text was not parsed');
    return use(found, { ...context(text, language, over), root });
  });
}

/** `fixAll`'s lint for one language. */
export async function lintWithTree(language: LintLanguage): Promise<LintWithTree> {
  const engine = await getEngine();
  return (text, use) => engine.withTree(text, language, use);
}

/** The findings of one rule in a text. */
export async function findings(text: string, language: LintLanguage, rule?: RuleId): Promise<Finding[]> {
  const engine = await getEngine();
  return engine.lint(text, language).filter((f) => !rule || f.rule === rule);
}

/** The fixes of the first finding of `rule`, checking that exactly one is preferred. */
export async function fixes(
  text: string,
  language: LintLanguage,
  rule: RuleId,
  over: Partial<FixContext> = {},
): Promise<FixAction[]> {
  const errors: unknown[] = [];
  const actions = await withFixContext(text, language, over, (found, ctx) => {
    const finding = found.find((f) => f.rule === rule);
    assert.ok(finding, `no ${rule} finding in:\n${text}`);
    return fixesFor(finding, ctx, (e) => errors.push(e));
  });
  assert.deepEqual(errors, []);
  assert.ok(actions.length > 0, `no fixes for ${rule}`);
  assert.equal(actions.filter((a) => a.isPreferred).length, 1, 'exactly one preferred fix');
  return actions;
}

/** Applies the fix whose id (or title) matches, or the preferred one. */
export async function applyFix(
  text: string,
  language: LintLanguage,
  rule: RuleId,
  which: string | RegExp | undefined = undefined,
  over: Partial<FixContext> = {},
): Promise<{ text: string; action: FixAction }> {
  const actions = await fixes(text, language, rule, over);
  const action =
    which === undefined
      ? actions.find((a) => a.isPreferred)
      : actions.find((a) => (typeof which === 'string' ? a.id === which : which.test(a.title)));
  assert.ok(
    action,
    `no fix ${String(which)} among: ${actions.map((a) => `${a.id} (${a.title})`).join(', ')}`,
  );
  return { text: applyEdits(text, action.edits), action };
}

/** Counts the occurrences of a string. */
export function count(haystack: string, needle: string | RegExp): number {
  return typeof needle === 'string'
    ? haystack.split(needle).length - 1
    : (
        haystack.match(
          new RegExp(needle.source, needle.flags.includes('g') ? needle.flags : needle.flags + 'g'),
        ) ?? []
      ).length;
}

/** Joins lines with `\n` (keeps inline sources readable). */
export function lines(...ls: string[]): string {
  return ls.join('\n') + '\n';
}

/** Transpiles TypeScript with esbuild and loads it as a CommonJS module resolving from the repo; returns its exports. */
export function loadTs(ts: string): Record<string, unknown> {
  const { code } = transformSync(ts, { loader: 'ts', format: 'cjs', target: 'node20' });
  const mod = { exports: {} as Record<string, unknown> };
  const fn = vm.runInThisContext(`(function (require, module, exports) {${code}\n})`) as (
    r: NodeRequire,
    m: typeof mod,
    e: Record<string, unknown>,
  ) => void;
  fn(createRequire(path.join(repoRoot, 'package.json')), mod, mod.exports);
  return mod.exports;
}

/** The interprocedural fixtures, relative to the lint corpus (`../interprocedural/ts/...`). */
export function interproceduralFiles(): string[] {
  const dir = path.resolve(fixturesDir, '../interprocedural');
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && languageForPath(e.name))
    .map((e) => path.relative(fixturesDir, path.join(e.parentPath, e.name)));
}
