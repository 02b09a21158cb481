import { DEFAULT_FIX_SETTINGS, fixAll, projectDepsFor, unifiedDiff } from '../core/fix';
import { languageForPath, type LintEngine, type RuleId, type RuleSetting } from '../core/lint';
import { CachedReader } from '../core/files/cachedReader';
import { readIfExists } from '../core/files/readIfExists';
import { FileWriteError, NotTextError, readTextFile, writeTextFileAtomic } from '../core/files/textFile';
import type { SourceFile } from './files';
import { printable } from './format';

/** What `headroom lint --fix` did (or, with `--dry-run`, would do). */
export interface FixSummary {
  filesChanged: number;
  fixesApplied: number;
  /** Unified diffs, one per changed file (dry runs print them). */
  diffs: string[];
  notices: string[];
  /** Files whose fixed text could not be written (each left as it was): an I/O error. */
  writeErrors: string[];
}

/**
 * Applies every safe fix (the same set as VS Code's `source.fixAll.headroom`) to each
 * source file, re-linting between fixes. Notebooks are left alone: their cells are edited
 * in the editor, where the cell structure is known. A file that is not UTF-8 text is
 * skipped with a notice (rewriting it would change bytes no fix meant to touch); each
 * write is atomic, and one that fails is a write error, not counted as changed. Never throws.
 */
export async function fixFiles(
  engine: LintEngine,
  files: readonly Pick<SourceFile, 'path' | 'display' | 'rel'>[],
  rules: Partial<Record<RuleId, RuleSetting>>,
  dryRun: boolean,
  retriesDisabledInTests = false,
): Promise<FixSummary> {
  const summary: FixSummary = { filesChanged: 0, fixesApplied: 0, diffs: [], notices: [], writeErrors: [] };
  // Files of one folder share their manifests and configs, which fixes never write: read each once.
  const projectFiles = new CachedReader(readIfExists);
  for (const file of files) {
    if (file.path.toLowerCase().endsWith('.ipynb')) continue;
    const language = languageForPath(file.path);
    if (!language) continue;
    try {
      await engine.load(language);
      const before = readTextFile(file.path);
      const result = fixAll(
        before,
        {
          language,
          projectDeps: projectDepsFor(file.path, projectFiles.readFile),
          settings: DEFAULT_FIX_SETTINGS,
        },
        (text, use) =>
          engine.withTree(text, language, use, {
            rules,
            path: file.rel ?? file.display,
            retriesDisabledInTests,
          }),
      );
      if (!result.complete) {
        summary.notices.push(
          `${file.display}: stopped after ${result.applied.length} fixes; safe fixes remain (run --fix again)`,
        );
      }
      if (result.text === before) continue;
      if (!dryRun) writeTextFileAtomic(file.path, result.text);
      summary.filesChanged++;
      summary.fixesApplied += result.applied.length;
      summary.diffs.push(unifiedDiff(printable(file.display), before, result.text));
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      if (err instanceof FileWriteError) {
        summary.writeErrors.push(`${file.display}: not written (left unchanged): ${reason}`);
      } else {
        summary.notices.push(
          `${file.display}: not fixed: ${err instanceof NotTextError ? `${reason}; skipped` : reason}`,
        );
      }
    }
  }
  return summary;
}
