import type { Rule } from '../rule';
import type { RuleId } from '../types';
import { hardcodedApiKey } from './hardcoded-api-key';
import { missingMaxTokens } from './missing-max-tokens';
import { naiveRetry } from './naive-retry';
import { nonstreamingMaxTokens } from './nonstreaming-max-tokens';
import { retriesDisabled } from './retries-disabled';
import { stringMatchedError } from './string-matched-error';
import { unboundedFanout } from './unbounded-fanout';

/** Every rule implementation, by id. */
export const RULE_IMPLEMENTATIONS: Readonly<Record<RuleId, Rule>> = {
  'unbounded-fanout': unboundedFanout,
  'missing-max-tokens': missingMaxTokens,
  'nonstreaming-max-tokens': nonstreamingMaxTokens,
  'retries-disabled': retriesDisabled,
  'naive-retry': naiveRetry,
  'string-matched-error': stringMatchedError,
  'hardcoded-api-key': hardcodedApiKey,
};
