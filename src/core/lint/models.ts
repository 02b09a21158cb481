/**
 * Maximum output tokens (synchronous Messages API) of the models whose limit is confirmed
 * by Anthropic's model pages (reference doc §7). Models with conflicting or unconfirmed
 * figures (claude-sonnet-4-6, claude-opus-4-7, claude-opus-4-8, the Mythos models) are
 * left out on purpose: the rule only reports what it can be sure of.
 */
export const MODEL_MAX_OUTPUT: ReadonlyMap<string, number> = new Map([
  ['claude-haiku-4-5', 64_000],
  ['claude-haiku-4-5-20251001', 64_000],
  ['claude-sonnet-4-5', 64_000],
  ['claude-sonnet-4-5-20250929', 64_000],
  ['claude-opus-4-5', 64_000],
  ['claude-opus-4-5-20251101', 64_000],
  ['claude-opus-4-6', 128_000],
  ['claude-opus-5', 128_000],
  ['claude-sonnet-5', 128_000],
  ['claude-fable-5', 128_000],
  ['claude-fable-5-1', 128_000],
  ['claude-opus-5-5', 128_000],
  ['claude-sonnet-5-5', 128_000],
  ['claude-haiku-5-5', 128_000],
]);

/**
 * The largest max_tokens both SDKs accept on a non-streaming call without an explicit
 * timeout: they estimate 60 min × max_tokens / 128,000 and refuse anything over 10 minutes.
 */
export const NONSTREAMING_MAX_TOKENS = 21_333;

/**
 * Bedrock/Vertex Opus 4 / 4.1 ids whose non-streaming max_tokens the SDKs cap lower
 * (`MODEL_NONSTREAMING_TOKENS` in both SDKs).
 */
export const MODEL_NONSTREAMING_TOKENS: ReadonlyMap<string, number> = new Map([
  ['claude-opus-4@20250514', 8_192],
  ['anthropic.claude-opus-4-1-20250805-v1:0', 8_192],
  ['claude-opus-4-1@20250805', 8_192],
]);
