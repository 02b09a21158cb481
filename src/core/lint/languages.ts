import type { GrammarName } from '../parse/treeSitter';
import { LINT_LANGUAGES, type LintLanguage } from './types';

const EXTENSIONS: Record<string, LintLanguage> = {
  '.js': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  '.jsx': 'javascriptreact',
  '.ts': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.tsx': 'typescriptreact',
  '.py': 'python',
};

/** File extensions the linter reads directly (notebooks, `.ipynb`, are handled separately). */
export const SOURCE_EXTENSIONS: readonly string[] = Object.keys(EXTENSIONS);

/**
 * The lint language of a file path by its extension, or undefined when Headroom does
 * not lint it. `.d.ts` declaration files are not linted. Notebooks (`.ipynb`) have
 * cells in their own languages and return undefined here.
 */
export function languageForPath(filePath: string): LintLanguage | undefined {
  const lower = filePath.toLowerCase();
  if (/\.d\.[cm]?ts$/.test(lower)) {
    return undefined;
  }
  const dot = lower.lastIndexOf('.');
  if (dot === -1 || lower.lastIndexOf('/') > dot || lower.lastIndexOf('\\') > dot) {
    return undefined;
  }
  return EXTENSIONS[lower.slice(dot)];
}

/** Whether a VS Code language id is one the engine lints (they map 1:1). */
export function isLintLanguage(languageId: unknown): languageId is LintLanguage {
  return typeof languageId === 'string' && (LINT_LANGUAGES as readonly string[]).includes(languageId);
}

/** Maps a notebook kernel language (`python`, `typescript`, ...) to a lint language. */
export function languageForNotebook(kernelLanguage: string | undefined): LintLanguage | undefined {
  switch ((kernelLanguage ?? 'python').toLowerCase()) {
    case 'python':
    case 'python3':
    case 'ipython':
      return 'python';
    case 'typescript':
      return 'typescript';
    case 'javascript':
      return 'javascript';
    default:
      return undefined;
  }
}

/** The tree-sitter grammar for a language. */
export function grammarFor(language: LintLanguage): GrammarName {
  switch (language) {
    case 'javascript':
    case 'javascriptreact':
      return 'javascript';
    case 'typescript':
      return 'typescript';
    case 'typescriptreact':
      return 'tsx';
    case 'python':
      return 'python';
  }
}
