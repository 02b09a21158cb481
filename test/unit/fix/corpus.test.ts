/**
 * Every fix offered on the lint corpus (test/fixtures/lint, and the retries by recursion and
 * by same-file wrappers in test/fixtures/interprocedural): applied, re-linted, and
 * compiled — TS/JS in one `tsc` program against the real SDK types (diagnostics compared
 * with the unfixed file's), Python with `py_compile` in one process and `pyflakes3` (undefined
 * and unused names, compared with the unfixed file's).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  type FixAction,
  type FixContext,
  type LintWithTree,
  type ModelMeasurement,
  type TextEdit,
  applyEdits,
  fixAll,
  fixesFor,
} from '../../../src/core/fix';
import { type Finding, languageForPath, type LintLanguage, type RuleId } from '../../../src/core/lint';
import type { Tree } from '../../../src/core/parse/treeSitter';
import { fixtureFiles, fixturesDir, notebookCells } from '../lint/helpers';
import { context, getEngine, interproceduralFiles } from './helpers';
import {
  type SourceFile,
  newDiagnostics,
  newPyflakes,
  pyCompileAll,
  pyflakesAll,
  pyUnreachable,
  typeCheckAll,
} from './toolchain';

/** Fixes that do not remove their finding by design (they add retries, not a cap or a rewrite). */
const NOT_CLEARING = new Set([
  'unbounded-fanout.raise-retries',
  'unbounded-fanout.with-backoff',
  'naive-retry.raise-retries',
  'naive-retry.with-backoff',
]);

/**
 * Fixes that remove the last use of an import the file already had and leave the import
 * (pyflakes3: imported but unused), by fixture and fix. Empty: every fix removes what it
 * orphans (core/fix/orphans.ts); any new pyflakes3 message fails, and so would an entry
 * here that no longer happens.
 */
const LEAVES_IMPORT_UNUSED = new Map<string, string[]>([]);

/**
 * Python fixtures that do not compile on purpose (the linter must work on broken code), with
 * why. Their fixes cannot be compiled, so each variant must keep exactly the original's
 * compile error; any other fixture that does not compile fails the corpus.
 */
const DOES_NOT_COMPILE = new Map([
  ['python/syntax-error-missing-max-tokens.py', 'an unclosed call: the engine lints code being typed'],
]);

interface Variant {
  fixture: string;
  finding: Finding;
  action: FixAction;
  /** The context label (`p-limit` when the project was said to depend on it). */
  label: string;
  text: string;
  /** Python: statements after a return/raise/continue/break in the same block (tree-sitter). */
  unreachable?: string[];
}

interface FixtureResult {
  rel: string;
  language: LintLanguage;
  text: string;
  findings: Finding[];
  variants: Variant[];
  problems: string[];
  /** Python: the original's unreachable statements (a fix may keep, never add, them). */
  unreachableBefore: string[];
}

/** The corpus's source files (notebooks are linted per cell and left to the notebook tests). */
function corpusFiles(): string[] {
  return [...fixtureFiles().filter((rel) => languageForPath(rel)), ...interproceduralFiles()];
}

/** Where an offset of the original text lands after the edits. */
function mapOffset(offset: number, edits: readonly TextEdit[]): number {
  let delta = 0;
  for (const e of edits) {
    if (e.end <= offset && !(e.start === e.end && e.start === offset)) {
      delta += e.newText.length - (e.end - e.start);
    }
  }
  return offset + delta;
}

function countByRule(findings: readonly Finding[]): Map<RuleId, number> {
  const m = new Map<RuleId, number>();
  for (const f of findings) {
    m.set(f.rule, (m.get(f.rule) ?? 0) + 1);
  }
  return m;
}

/**
 * The one fix allowed to add an unused declaration: `batchable-fanout` adds the Batch API
 * version of a fan-out beside it (issue 14), for the user to switch to, and leaves the live
 * loop in place because the batch answers within 24 h, not at once. Only its own
 * `<name>ViaBatch` function may be unread; anything else it orphans still fails.
 */
const BATCH_VERSION_FIX = 'batchable-fanout.batch-api';

describe('fix corpus (every fix on test/fixtures/lint)', function () {
  // One tsc program and one python3 over ~500 files: minutes on a loaded two-core machine.
  this.timeout(600_000);
  const files = corpusFiles();
  const results = new Map<string, FixtureResult>();
  let summary = '';
  /** Python fixtures that do not compile before any fix, with the error. */
  const notCompiling = new Map<string, string>();
  /** The LEAVES_IMPORT_UNUSED messages seen, by fixture and fix. */
  const leftUnused = new Map<string, string[]>();

  before(async () => {
    const engine = await getEngine();
    // Measured limits for the corpus's usual models, so the sized caps are checked too.
    const measurements: ModelMeasurement[] = ['claude-haiku-4-5', 'claude-sonnet-4-5'].map((model) => ({
      model,
      requestsPerMinute: 50,
      inputTokensPerMinute: 50_000,
      outputTokensPerMinute: 10_000,
      limitsFrom: 'poll',
      measuredAt: 0,
      observedLatencyMs: 2400,
      observedCalls: 3,
    }));
    const trees: Tree[] = [];
    for (const rel of files) {
      const language = languageForPath(rel) as LintLanguage;
      const text = fs.readFileSync(path.join(fixturesDir, rel), 'utf8');
      const findings = engine.lint(text, language);
      const tree = engine.parse(text, language, null, {});
      assert.ok(tree);
      trees.push(tree);
      const root = tree.rootNode;
      const before = countByRule(findings);
      const result: FixtureResult = {
        rel,
        language,
        text,
        findings,
        variants: [],
        problems: [],
        unreachableBefore: [],
      };
      /** Python: the unreachable statements of a text, from its tree-sitter tree. */
      const unreachable = (t: string): string[] | undefined => {
        if (language !== 'python') {
          return undefined;
        }
        const parsed = engine.parse(t, language, null, {});
        assert.ok(parsed);
        try {
          return pyUnreachable(parsed.rootNode);
        } finally {
          parsed.delete();
        }
      };
      result.unreachableBefore = unreachable(text) ?? [];
      const contexts: Array<[string, FixContext]> = [
        ['', { ...context(text, language, { measurements }), root }],
      ];
      if (language !== 'python') {
        contexts.push([
          'p-limit',
          {
            ...context(text, language, {
              projectDeps: { pLimit: true, tenacity: false, moduleStyle: 'esm' },
            }),
            root,
          },
        ]);
        // A narrow print width: every line a fix writes or re-indents is broken to fit.
        contexts.push([
          'width 60',
          {
            ...context(text, language, {
              projectDeps: { pLimit: false, tenacity: false, format: { prettier: true, printWidth: 60 } },
            }),
            root,
          },
        ]);
      } else {
        contexts.push([
          'tenacity',
          { ...context(text, language, { projectDeps: { pLimit: false, tenacity: true } }), root },
        ]);
      }
      for (const finding of findings) {
        for (const [label, ctx] of contexts) {
          const errors: unknown[] = [];
          const actions = fixesFor(finding, ctx, (e) => errors.push(e));
          if (errors.length) {
            result.problems.push(
              `line ${finding.range.start.line + 1} ${finding.rule}: generator threw ${String(errors[0])}`,
            );
          }
          if (actions.length && actions.filter((a) => a.isPreferred).length !== 1) {
            result.problems.push(
              `line ${finding.range.start.line + 1} ${finding.rule}: not exactly one preferred fix`,
            );
          }
          for (const action of actions) {
            if (label === 'width 60' && action.edits.every((e) => !e.newText.includes('\n'))) {
              continue; // nothing was laid out for the width
            }
            if (label && label !== 'width 60' && !/^unbounded-fanout\.|with-backoff/.test(action.id)) {
              continue; // project deps only change fan-out caps and backoff helpers
            }
            let after: string;
            try {
              after = applyEdits(text, action.edits);
            } catch (err) {
              result.problems.push(`line ${finding.range.start.line + 1} ${action.id}: ${String(err)}`);
              continue;
            }
            const where = `line ${finding.range.start.line + 1} ${finding.rule} → ${action.id}${label ? ` (${label})` : ''}`;
            const relinted = engine.lint(after, language);
            const mustClear =
              action.isPreferred || action.title.includes('Cap concurrency') || !NOT_CLEARING.has(action.id);
            if (mustClear) {
              const from = mapOffset(finding.start, action.edits);
              const to = mapOffset(finding.end, action.edits);
              const still = relinted.find((f) => f.rule === finding.rule && f.start >= from && f.start <= to);
              if (still) {
                result.problems.push(
                  `${where}: ${finding.rule} still reported (line ${still.range.start.line + 1})`,
                );
              }
            }
            for (const [rule, n] of countByRule(relinted)) {
              if (n > (before.get(rule) ?? 0)) {
                result.problems.push(`${where}: introduced a ${rule} finding`);
              }
            }
            result.variants.push({
              fixture: rel,
              finding,
              action,
              label,
              text: after,
              unreachable: unreachable(after),
            });
          }
        }
      }
      // fixAll: every safe preferred fix, re-linting in between; a second run changes nothing.
      if (findings.length) {
        const lint: LintWithTree = (t, use) => engine.withTree(t, language, use);
        const all = fixAll(text, context(text, language), lint);
        const again = fixAll(all.text, context(all.text, language), lint);
        if (again.text !== all.text) {
          result.problems.push(`fixAll is not idempotent: second run applied ${again.applied.join(', ')}`);
        }
        if (all.applied.length) {
          const action: FixAction = {
            id: 'fix-all',
            title: all.applied.join(' + '),
            rule: findings[0].rule,
            isPreferred: false,
            safeForFixAll: true,
            edits: [],
          };
          result.variants.push({
            fixture: rel,
            finding: findings[0],
            action,
            label: '',
            text: all.text,
            unreachable: unreachable(all.text),
          });
        }
      }
      results.set(rel, result);
    }
    for (const tree of trees) {
      tree.delete();
    }

    // (b) One tsc program for every TS/JS original and variant; (c) one python3 for all Python.
    const tsFiles: SourceFile[] = [];
    const pyFiles: SourceFile[] = [];
    for (const r of results.values()) {
      if (!r.variants.length) {
        continue;
      }
      const target = r.language === 'python' ? pyFiles : tsFiles;
      const base = r.rel.replace(/[\\/]/g, '__');
      target.push({ name: `orig/${base}`, text: r.text });
      r.variants.forEach((v, i) => target.push({ name: `v${i}/${base}`, text: v.text }));
    }
    const diagnostics = typeCheckAll(tsFiles);
    const compiled = pyCompileAll(pyFiles);
    const flakes = pyflakesAll(pyFiles);
    let tsVariants = 0;
    let keptUnused = 0;
    let pyVariants = 0;
    const uncheckable: string[] = [];
    notCompiling.clear();
    for (const r of results.values()) {
      const base = r.rel.replace(/[\\/]/g, '__');
      if (!r.variants.length) {
        continue;
      }
      if (r.language === 'python') {
        const origError = compiled.get(`orig/${base}`);
        const orig = flakes.get(`orig/${base}`) ?? [];
        if (origError) {
          notCompiling.set(r.rel, origError);
        }
        r.variants.forEach((v, i) => {
          pyVariants++;
          const name = `${v.action.id}${v.label ? ` (${v.label})` : ''}`;
          const err = compiled.get(`v${i}/${base}`);
          if (origError) {
            // Only the original's error may remain (its last line, `SyntaxError: …`; the line may move).
            const same = (e: string): string => e.trim().split('\n').pop() ?? '';
            if (!err || same(err) !== same(origError)) {
              r.problems.push(
                `${name}: py_compile before the fix: ${origError}; after: ${err || 'compiles'}`,
              );
            }
            return;
          }
          if (err) {
            r.problems.push(`${name}: py_compile: ${err}`);
          }
          const dead = newPyflakes(r.unreachableBefore, v.unreachable ?? []);
          if (dead.length) {
            r.problems.push(`${name}: left code that never runs:\n    ${dead.join('\n    ')}`);
          }
          const known = LEAVES_IMPORT_UNUSED.get(`${r.rel} ${name}`);
          const all = newPyflakes(orig, flakes.get(`v${i}/${base}`) ?? []);
          const added = known ? newPyflakes(known, all) : all;
          if (known) {
            leftUnused.set(`${r.rel} ${name}`, newPyflakes(added, all));
          }
          if (added.length) {
            r.problems.push(`${name}: new pyflakes3 messages:\n    ${added.join('\n    ')}`);
          }
        });
      } else {
        const orig = diagnostics.get(`orig/${base}`) ?? [];
        if (orig.length) {
          uncheckable.push(`${r.rel} (${orig.length} diagnostics before the fix, compared)`);
        }
        r.variants.forEach((v, i) => {
          tsVariants++;
          const added = newDiagnostics(orig, diagnostics.get(`v${i}/${base}`) ?? []).filter(
            (d) => !(v.action.id === BATCH_VERSION_FIX && /^TS6133: '\w+ViaBatch' is declared/.test(d)),
          );
          // A parameter the fix leaves unused is removed, or the title says it stays and why.
          const keptParams = /; (.*) stays? unused \(/.exec(v.action.title)?.[1] ?? '';
          const declared = added.filter((d) => {
            const param = /^TS6133: '([\w$]+)' is declared but its value is never read\.$/.exec(d)?.[1];
            return param !== undefined && keptParams.includes(`\`${param}\``);
          });
          keptUnused += declared.length;
          added.splice(0, added.length, ...added.filter((d) => !declared.includes(d)));
          if (added.length) {
            r.problems.push(
              `${v.action.id}${v.label ? ` (${v.label})` : ''}: new tsc diagnostics:\n    ${added.join('\n    ')}`,
            );
          }
        });
      }
    }
    const withFixes = [...results.values()].filter((r) => r.variants.length).length;
    const failed = [...results.values()].reduce((n, r) => n + r.problems.length, 0);
    summary =
      `${files.length} fixtures, ${withFixes} with fixes: ${tsVariants} TS/JS fixed variants type-checked ` +
      `(strict, no unreachable code, no unused locals or parameters but ${keptUnused} a fix's title says it keeps; ` +
      `${tsFiles.length} files in one program), ` +
      `${pyVariants} Python fixed variants compiled, pyflakes3-checked and searched for unreachable statements; ` +
      `${failed} problem(s)`;
    // The figures the corpus proves (printed on every run).
    console.log(`      ${summary}`);
    if (process.env.HEADROOM_FIX_CORPUS_VERBOSE) {
      console.log(`      baseline notes:\n        ${uncheckable.join('\n        ')}`);
    }
  });

  it('notebooks: each fix applies to its cell and clears the finding', async () => {
    const engine = await getEngine();
    const notebooks = fixtureFiles().filter((rel) => rel.endsWith('.ipynb'));
    const problems: string[] = [];
    let applied = 0;
    for (const rel of notebooks) {
      const cells = notebookCells(fs.readFileSync(path.join(fixturesDir, rel), 'utf8'));
      const findings = engine.lintNotebook(cells);
      for (const finding of findings) {
        const cell = cells[finding.cell ?? 0];
        const tree = engine.parse(cell.text, cell.language, null, {});
        assert.ok(tree);
        const actions = fixesFor(finding, { ...context(cell.text, cell.language), root: tree.rootNode });
        tree.delete();
        for (const action of actions) {
          const fixed = cells.map((c, i) =>
            i === finding.cell ? { ...c, text: applyEdits(c.text, action.edits) } : c,
          );
          applied++;
          const from = mapOffset(finding.start, action.edits);
          const still = engine
            .lintNotebook(fixed)
            .find(
              (f) =>
                f.cell === finding.cell &&
                f.rule === finding.rule &&
                f.start >= from &&
                f.start <= mapOffset(finding.end, action.edits),
            );
          if (still && (action.isPreferred || !NOT_CLEARING.has(action.id))) {
            problems.push(`${rel} cell ${finding.cell} ${action.id}: ${finding.rule} still reported`);
          }
        }
      }
    }
    assert.ok(applied > 0, 'no notebook fix applied');
    assert.deepEqual(problems, []);
  });

  it('only the listed Python fixtures do not compile, and their fixes keep exactly that error', () => {
    assert.deepEqual(
      [...notCompiling.keys()].sort(),
      [...DOES_NOT_COMPILE.keys()].sort(),
      [...notCompiling].join('\n'),
    );
  });

  it('the known fixes that leave an import unused are exactly those listed (LEAVES_IMPORT_UNUSED)', () => {
    assert.deepEqual(
      new Map([...leftUnused].sort(([a], [b]) => a.localeCompare(b))),
      new Map([...LEAVES_IMPORT_UNUSED].sort(([a], [b]) => a.localeCompare(b))),
    );
  });

  it('covers the corpus', () => {
    assert.ok(files.length >= 80, `only ${files.length} fixtures`);
    assert.ok([...results.values()].filter((r) => r.variants.length).length >= 40, summary);
  });

  for (const rel of files) {
    it(rel, () => {
      const r = results.get(rel);
      assert.ok(r);
      const unfixed = r.findings.filter(
        (f) => !r.variants.some((v) => v.finding === f && v.action.id !== 'fix-all'),
      );
      assert.deepEqual(
        unfixed.map((f) => `line ${f.range.start.line + 1} ${f.rule}`),
        [],
        `${rel}: findings with no fix`,
      );
      assert.deepEqual(r.problems, []);
    });
  }
});
