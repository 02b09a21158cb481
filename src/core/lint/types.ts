import type { Position } from '../parse/lineIndex';
import type { FindingData, RuleId } from '../rules';
import type { ModuleLookup } from './project/moduleIndex';

export type { FindingData, RuleId, RuleMeta } from '../rules';
export type { CallFacts } from '../rules/callFacts';

export type Severity = 'error' | 'warning' | 'info';

/** A rule's configured level: a severity, or `off` to not run it. */
export type RuleSetting = Severity | 'off';

/** Normalises settings read from untrusted sources (VS Code settings, CLI flags). */
export const RuleSetting = {
  /**
   * Normalises one value: `error`, `warning`/`warn`, `info`/`information`/`hint`, and
   * `off`/`none`/`false`/`0` (any case). Anything else is undefined (use the default).
   */
  from(value: unknown): RuleSetting | undefined {
    if (value === false || value === 0) {
      return 'off';
    }
    if (typeof value !== 'string') {
      return undefined;
    }
    switch (value.trim().toLowerCase()) {
      case 'error':
        return 'error';
      case 'warning':
      case 'warn':
        return 'warning';
      case 'info':
      case 'information':
      case 'hint':
        return 'info';
      case 'off':
      case 'none':
      case 'false':
      case '0':
        return 'off';
      default:
        return undefined;
    }
  },
};

/** The languages the engine lints; the names are VS Code's language ids. */
export type LintLanguage = 'javascript' | 'javascriptreact' | 'typescript' | 'typescriptreact' | 'python';

export const LINT_LANGUAGES: readonly LintLanguage[] = [
  'javascript',
  'javascriptreact',
  'typescript',
  'typescriptreact',
  'python',
];

/** One problem found in a text. */
export interface Finding {
  rule: RuleId;
  severity: Severity;
  /** What will happen and what to do; never contains secrets. */
  message: string;
  /**
   * Where it is, 0-based (line and UTF-16 character, as VS Code's `Range`); the end is just
   * past the last character. Only the CLI's output (text, JSON, SARIF) counts from 1.
   */
  range: { start: Position; end: Position };
  /** UTF-16 offset of the start in the linted text (the cell's text for notebooks). */
  start: number;
  /** UTF-16 offset just past the end. */
  end: number;
  /** 0-based index of the cell in the array given to `lintNotebook`. */
  cell?: number;
  /** Rule-specific facts for quick fixes; see FindingData. Offsets are relative to the same text. */
  data: FindingData;
  /** Set when the finding is in test code (a test file or a test block; see facts/testCode.ts). */
  testCode?: true;
}

/** Options for one lint run. */
export interface LintOptions {
  /** Per-rule level; rules not listed use their default severity. */
  rules?: Partial<Record<RuleId, RuleSetting>>;
  /** Called when a rule fails internally; that rule then reports nothing. */
  onRuleError?: (rule: RuleId, err: unknown) => void;
  /**
   * The file's path relative to its project (workspace folder, repository or scan root), so
   * test files are told apart (facts/testCode.ts); absent, only test blocks in the text count.
   */
  path?: string;
  /** Report `retries-disabled` in test code too (off there by default: tests turn retries off on purpose). */
  retriesDisabledInTests?: boolean;
  /**
   * The project's modules as this file imports them (see project/moduleIndex.ts): when given,
   * retry wrappers imported from the project's own files count (cross-file facts).
   */
  modules?: ModuleLookup;
  /**
   * @internal Set when the text is a module being summarised for the files importing it (see
   * project/summary.ts), not linted: a retry decorator catching the classes its factory is given
   * then counts, whatever they are, and each importer's application decides.
   */
  moduleSummary?: boolean;
}
