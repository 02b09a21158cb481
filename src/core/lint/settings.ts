import { RULES, RuleSetting, isRuleId, type RuleId, type Severity } from './types';

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
    const setting = RuleSetting.from(value);
    if (isRuleId(key) && setting !== undefined) {
      out[key] = setting;
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
