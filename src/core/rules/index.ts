import type { FixFile } from '../fix/file';
import type { FixAction } from '../fix/types';
import type { Finding } from '../lint/types';
import type { RuleModule } from './rule';
import { batchableFanout } from './batchable-fanout';
import { hardcodedApiKey } from './hardcoded-api-key';
import { missingMaxTokens } from './missing-max-tokens';
import { modelRouting } from './model-routing';
import { naiveRetry } from './naive-retry';
import { nonstreamingMaxTokens } from './nonstreaming-max-tokens';
import { retriesDisabled } from './retries-disabled';
import { stringMatchedError } from './string-matched-error';
import { unboundedFanout } from './unbounded-fanout';
import { uncachedPrompt } from './uncached-prompt';

export type { RuleMeta, RuleModule } from './rule';

/**
 * The registry: every rule, in documentation order. This list is the only place a rule is
 * named; rule ids, finding data, the engine's defaults, settings and `--rule` validation,
 * SARIF rule metadata and fix dispatch all derive from it, and a unit test checks it
 * against package.json, the README and docs/rules/.
 */
export const RULES = [
  unboundedFanout,
  missingMaxTokens,
  nonstreamingMaxTokens,
  retriesDisabled,
  naiveRetry,
  stringMatchedError,
  hardcodedApiKey,
  uncachedPrompt,
  batchableFanout,
  modelRouting,
] as const;

/** One registered rule. */
export type RegisteredRule = (typeof RULES)[number];

/** Stable rule ids. */
export type RuleId = RegisteredRule['id'];

/** Per-rule data carried by findings, one variant per rule (tagged by `rule`). */
export type FindingData = RegisteredRule extends infer M
  ? M extends RuleModule<string, infer D>
    ? D
    : never
  : never;

/** Every rule id, in documentation order. */
export const RULE_IDS: readonly RuleId[] = RULES.map((r) => r.id);

const BY_ID = new Map<string, RegisteredRule>(RULES.map((r) => [r.id, r]));

/** Whether a value is a rule id. */
export function isRuleId(value: unknown): value is RuleId {
  return typeof value === 'string' && BY_ID.has(value);
}

/** The rule with an id. */
export function ruleById(id: RuleId): RegisteredRule {
  return BY_ID.get(id)!;
}

/**
 * The fixes a finding's own rule offers for it (none when the rule has no fixes). Rules are
 * registered with their own data type; a finding's data always belongs to its rule.
 */
export function ruleFixes(file: FixFile, finding: Finding): FixAction[] {
  const rule: RuleModule<RuleId, FindingData> = ruleById(finding.rule);
  return rule.fix?.(file, finding, finding.data) ?? [];
}

/** The doc page of a rule. */
export function ruleDocUrl(id: RuleId): string {
  return ruleById(id).docUrl;
}
