/**
 * The minimum cacheable prompt length per model, in tokens: shorter prefixes are processed
 * without caching even when marked, and no error is returned. Anthropic's prompt-caching
 * page ("Cache limitations") was not in the reference; these come from copies of it and of
 * Anthropic's release notes, read 2026-12-06:
 *
 * - Opus 4.5 / 4.6 / 4.7 and Haiku 4.5: 4,096; Sonnet 4.6 and Haiku 3.5: 2,048; Sonnet 4.5,
 *   Opus 4 / 4.1, Sonnet 4, Sonnet 3.7: 1,024 — OpenRouter's prompt-caching guide quoting
 *   Anthropic's table, the same figures in rig's Anthropic provider docs; LiteLLM's prompt
 *   caching page (2026-10-07) lists Sonnet 4.x at 1,024, so for Sonnet 4.6 the higher 2,048
 *   is used (the rule must not advise caching that would silently not happen).
 * - Opus 4.8 and Sonnet 5: 1,024; Opus 5 and Fable 5: 512 — Anthropic's Opus 5 release
 *   notes ("The minimum cacheable prompt length on Claude Opus 5 is 512 tokens, down from
 *   1,024 tokens on Claude Opus 4.8") and Fable 5 migration guide; LiteLLM for Sonnet 5.
 * - Legacy models, still called by older scripts: Sonnet 3.5 and Opus 3: 1,024; Haiku 3: 2,048 —
 *   TrueFoundry's and orq.ai's gateway pages quoting Anthropic's table (read 2026-12-06).
 *
 * A model not listed (or not written as a literal) uses {@link UNKNOWN_MODEL_MINIMUM}, the
 * largest, so the rule never reports a prefix some model could not cache.
 */
export const CACHE_MINIMUMS: ReadonlyArray<readonly [RegExp, number]> = [
  [/^claude-(?:opus-4-[567]|haiku-4-5)\b/, 4096],
  [/^claude-(?:sonnet-4-6|3-5-haiku|haiku-3-5)\b/, 2048],
  [/^claude-(?:sonnet-4-5|sonnet-4|opus-4-1|opus-4|3-7-sonnet|opus-4-8|sonnet-5(?!-\d))\b/, 1024],
  [/^claude-(?:opus-5|fable-5)(?!-\d)\b/, 512],
  [/^claude-(?:3-5-sonnet|3-opus)\b/, 1024],
  [/^claude-3-haiku\b/, 2048],
];

export const UNKNOWN_MODEL_MINIMUM = 4096;

/** The minimum cacheable prompt length of a model id (the largest when unknown). */
export function minimumCacheable(model: string | undefined): number {
  return (model ? knownMinimum(model) : undefined) ?? UNKNOWN_MODEL_MINIMUM;
}

/** The minimum of a model id listed in {@link CACHE_MINIMUMS}, else undefined. */
export function knownMinimum(model: string): number | undefined {
  for (const [re, n] of CACHE_MINIMUMS) {
    if (re.test(model)) {
      return n;
    }
  }
  return undefined;
}
