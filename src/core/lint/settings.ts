import { isRuleId, RULES, type RuleId } from '../rules';
import { RuleSetting, type Severity } from './types';

/** One rule level as read from settings or the CLI, or why it cannot be used. */
export type RuleEntry =
  { rule: RuleId; setting: RuleSetting } | { problem: 'unknown-rule' | 'unknown-level' };

/**
 * The one reader of rule levels (VS Code settings, the CLI's `--rule`, the extension):
 * a known rule id and a level `RuleSetting.from` accepts.
 */
export function readRuleEntry(id: string, value: unknown): RuleEntry {
  if (!isRuleId(id)) {
    return { problem: 'unknown-rule' };
  }
  const setting = RuleSetting.from(value);
  return setting === undefined ? { problem: 'unknown-level' } : { rule: id, setting };
}

/**
 * Turns a raw `headroom.lint.rules` object into per-rule settings: unknown rule ids
 * and unknown values are dropped, so a typo never disables linting.
 */
export function normalizeRuleSettings(raw: unknown): Partial<Record<RuleId, RuleSetting>> {
  const out: Partial<Record<RuleId, RuleSetting>> = {};
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return out;
  }
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const entry = readRuleEntry(key, value);
    if ('rule' in entry) {
      out[entry.rule] = entry.setting;
    }
  }
  return out;
}

const DEFAULTS = new Map<RuleId, Severity>(RULES.map((r) => [r.id, r.defaultSeverity]));

/** The default severity of a rule. */
export function defaultSeverity(rule: RuleId): Severity {
  return DEFAULTS.get(rule) ?? 'warning';
}

/** The effective setting of a rule given (possibly partial) settings. */
export function effectiveSetting(
  rule: RuleId,
  rules: Partial<Record<RuleId, RuleSetting>> | undefined,
): RuleSetting {
  const configured = rules?.[rule];
  return configured === undefined ? defaultSeverity(rule) : configured;
}
