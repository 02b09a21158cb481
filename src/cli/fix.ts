import * as fs from 'node:fs';
import { DEFAULT_FIX_SETTINGS, fixAll, projectDepsFor, unifiedDiff } from '../core/fix';
import { languageForPath, type LintEngine, type RuleId, type RuleSetting } from '../core/lint';
import { readIfExists } from '../core/files/readIfExists';
import type { SourceFile } from './files';

/** What `headroom lint --fix` did (or, with `--dry-run`, would do). */
export interface FixSummary {
  filesChanged: number;
  fixesApplied: number;
  /** Unified diffs, one per changed file (dry runs print them). */
  diffs: string[];
  notices: string[];
}

/**
 * Applies every safe fix (the same set as VS Code's `source.fixAll.headroom`) to each
 * source file, re-linting between fixes. Notebooks are left alone: their cells are edited
 * in the editor, where the cell structure is known. Never throws; a file that cannot be
 * read or written gets a notice.
 */
export async function fixFiles(
  engine: LintEngine,
  files: readonly Pick<SourceFile, 'path' | 'display'>[],
  rules: Partial<Record<RuleId, RuleSetting>>,
  dryRun: boolean,
): Promise<FixSummary> {
  const summary: FixSummary = { filesChanged: 0, fixesApplied: 0, diffs: [], notices: [] };
  for (const file of files) {
    if (file.path.toLowerCase().endsWith('.ipynb')) continue;
    const language = languageForPath(file.path);
    if (!language) continue;
    try {
      await engine.load(language);
      const before = fs.readFileSync(file.path, 'utf8');
      const result = fixAll(
        before,
        { language, projectDeps: projectDepsFor(file.path, readIfExists), settings: DEFAULT_FIX_SETTINGS },
        (text, use) => engine.withTree(text, language, use, { rules }),
      );
      if (result.text === before) continue;
      summary.filesChanged++;
      summary.fixesApplied += result.applied.length;
      summary.diffs.push(unifiedDiff(file.display, before, result.text));
      if (!dryRun) fs.writeFileSync(file.path, result.text);
    } catch (err) {
      summary.notices.push(`${file.display}: not fixed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return summary;
}
