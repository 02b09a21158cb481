/**
 * The Headroom lint engine: finds Claude API code that will draw 429s (or fail before it
 * is sent) in JS/TS/Python and notebooks. No `vscode` dependency: the extension adapts
 * findings to diagnostics, the CLI prints them.
 */
export {
  LintDocument,
  LintEngine,
  mayHaveFindings,
  type EngineLintOptions,
  type LintEngineOptions,
} from './engine';
export {
  grammarFor,
  isLintLanguage,
  languageForNotebook,
  languageForPath,
  SOURCE_EXTENSIONS,
} from './languages';
export { MODEL_MAX_OUTPUT, NONSTREAMING_MAX_TOKENS } from './models';
export type { NotebookCell } from './notebook';
export {
  defaultSeverity,
  effectiveSetting,
  normalizeRuleSettings,
  readRuleEntry,
  type RuleEntry,
} from './settings';
export { MAX_BOUNDED_WORKERS, MAX_LITERAL_CALLS } from '../rules/unbounded-fanout/detect';
export { isRuleId, RULE_IDS, RULES, ruleDocUrl } from '../rules';
export type { ContentChange } from '../parse/textEdit';
export {
  LINT_LANGUAGES,
  RuleSetting,
  type CallFacts,
  type Finding,
  type FindingData,
  type LintLanguage,
  type LintOptions,
  type RuleId,
  type RuleMeta,
  type Severity,
} from './types';
