/**
 * Token estimates and price figures shared by the advice rules (uncached-prompt,
 * batchable-fanout, model-routing). Prices come from the bundled table in core/pricing.
 */
import type { Node } from '../parse/treeSitter';
import type { FileContext } from '../lint/context';
import { kind } from '../lint/syntax';
import { BATCH_DISCOUNT, costOf, modelName, PRICES_AS_OF, priceFor } from '../pricing';

/**
 * Characters per token for estimates from source text: the rule of thumb for English
 * prose (Anthropic's docs and the local test server use the same ~4). Code, JSON and
 * non-English text have fewer characters per token, so estimates are low rather than high.
 */
export const CHARS_PER_TOKEN = 4;

export const TOKENS_PER_CHAR_NOTE = `(estimated at ${CHARS_PER_TOKEN} characters per token)`;

/** Estimated tokens of a number of characters. */
export function tokensOfChars(chars: number): number {
  return Math.ceil(chars / CHARS_PER_TOKEN);
}

/** Estimated tokens of the string literal text written inside a node (at least 1). */
export function literalTokens(ctx: FileContext, node: Node): number {
  let chars = 0;
  const stack: Node[] = [node];
  while (stack.length) {
    const n = stack.pop() as Node;
    const k = kind(n);
    if (k === 'string_fragment' || k === 'string_content') {
      chars += n.endIndex - n.startIndex;
      continue;
    }
    for (const child of n.namedChildren) {
      if (child) {
        stack.push(child);
      }
    }
  }
  void ctx;
  return Math.max(1, tokensOfChars(chars));
}

/** US dollars, with cents (or four decimals under a cent). */
export function usd(amount: number): string {
  return amount >= 0.01 || amount === 0 ? `$${amount.toFixed(2)}` : `$${amount.toFixed(4)}`;
}

/** The cost of 1,000 calls on two models. */
export interface PerThousand {
  /** The name of the model now in use (`Sonnet 4.6`; its price family when the id has no such shape). */
  family: string;
  /** The target's name (`Haiku 4.5`). */
  target: string;
  from: string;
  to: string;
  asOf: string;
}

/** 1,000 calls of `input` + `output` tokens on `from` and on `to`; undefined when either price is unknown. */
export function perThousandCalls(
  from: string,
  to: string,
  input: number,
  output: number,
): PerThousand | undefined {
  const a = priceFor(from);
  const b = priceFor(to);
  if (!a || !b) {
    return undefined;
  }
  const usage = { input_tokens: input * 1000, output_tokens: output * 1000 };
  return {
    family: modelName(from) ?? a.family,
    target: modelName(to) ?? b.family,
    from: usd(costOf(usage, a.price)),
    to: usd(costOf(usage, b.price)),
    asOf: PRICES_AS_OF,
  };
}

/** What caching a constant prefix does to 1,000 calls. */
export interface CacheEffect {
  family: string;
  /** Input cost of the prefix over 1,000 calls without caching. */
  uncached: string;
  /** With one 5-minute cache write and 999 cache reads. */
  cached: string;
  asOf: string;
}

export function cacheEffect(model: string, prefixTokens: number): CacheEffect | undefined {
  const p = priceFor(model);
  if (!p) {
    return undefined;
  }
  const uncached = costOf({ input_tokens: prefixTokens * 1000, output_tokens: 0 }, p.price);
  const cached = costOf(
    {
      input_tokens: 0,
      output_tokens: 0,
      cache_creation_input_tokens: prefixTokens,
      cache_read_input_tokens: prefixTokens * 999,
    },
    p.price,
  );
  return {
    family: modelName(model) ?? p.family,
    uncached: usd(uncached),
    cached: usd(cached),
    asOf: PRICES_AS_OF,
  };
}

/** 1,000 calls of `input` + `output` tokens, standard and through the Batch API. */
export function batchEffect(
  model: string,
  input: number,
  output: number,
): { family: string; standard: string; batch: string; asOf: string } | undefined {
  const p = priceFor(model);
  if (!p) {
    return undefined;
  }
  const usage = { input_tokens: input * 1000, output_tokens: output * 1000 };
  return {
    family: modelName(model) ?? p.family,
    standard: usd(costOf(usage, p.price)),
    batch: usd(costOf(usage, p.price, { batch: true })),
    asOf: PRICES_AS_OF,
  };
}

/** The Batch API's share of the standard price, as a percentage for messages. */
export const BATCH_PERCENT = Math.round(BATCH_DISCOUNT * 100);
