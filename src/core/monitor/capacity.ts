/**
 * What a call, or a fan-out of N calls, needs from the budget: the time N calls take under
 * the limits at a concurrency, which limit binds, the concurrency that stays under the
 * limits, and the money. Pure, no `vscode`: the hover (src/features/hover) renders it.
 *
 * The model is the API's own (reference §3.1): each of RPM, ITPM and OTPM is a token bucket
 * of capacity = the per-minute limit, refilled continuously at limit/60 per second. N calls
 * of cost c_k each need, per bucket, (N·c_k − B_k) / r_k seconds beyond what the bucket
 * `B_k` holds now, plus one latency for the last call to finish; a concurrency C at latency
 * L needs ⌈N / C⌉ · L. The estimate is the
 * largest of these, and the binding limit is the one that gave it.
 */
import { costOf, modelName, priceFor, type PriceOverrides } from '../pricing';

/** Per-minute limits of one model: RPM, ITPM, OTPM. */
export interface ModelLimits {
  readonly rpm: number;
  readonly itpm: number;
  readonly otpm: number;
}

/**
 * Bundled defaults when nothing was measured: the Start tier (reference §3.6, 2026 rate-limits
 * page): 1,000 RPM, 2,000,000 ITPM, 400,000 OTPM for every current model class. Shown as
 * defaults, never as a measurement.
 */
export const DEFAULT_TIER_LIMITS: ModelLimits = { rpm: 1_000, itpm: 2_000_000, otpm: 400_000 };
/** Haiku 3.5's Start-tier limits differ (reference §3.6). */
const HAIKU_3_5_LIMITS: ModelLimits = { rpm: 1_000, itpm: 100_000, otpm: 20_000 };

export function defaultLimitsFor(model: string): ModelLimits {
  return /claude-3-5-haiku/i.test(model) ? HAIKU_3_5_LIMITS : DEFAULT_TIER_LIMITS;
}

/**
 * Latency assumed per call when none was measured: 60 s per 128,000 output tokens is the
 * SDK's own planning figure for non-streaming calls (reference §4.6), i.e. ~2,133 tokens a
 * second, plus a 1 s floor for the request itself.
 */
export function assumedLatencyMs(outputTokens: number): number {
  return 1000 + (outputTokens * 60_000) / 128_000;
}

/** About four characters per token (the mock server's estimate too); an estimate, said so. */
export const CHARS_PER_TOKEN = 4;

export function estimateTokens(chars: number): number {
  return Math.ceil(chars / CHARS_PER_TOKEN);
}

export type LimitName = 'requests' | 'input tokens' | 'output tokens' | 'concurrency';

export interface FanoutEstimate {
  /** Seconds the N calls need. */
  readonly seconds: number;
  /** What sets that time. */
  readonly binding: LimitName;
  /** The largest concurrency whose steady rate stays under every limit (≥ 1). */
  readonly safeConcurrency: number;
  /** Seconds each limit alone would need (concurrency included). */
  readonly byLimit: Readonly<Record<LimitName, number>>;
}

/**
 * Time for `n` calls of `inputTokens` in and up to `outputTokens` out each, at `concurrency`
 * in flight with `latencyMs` each, under `limits` with `available` budget now (default: the
 * buckets full).
 */
export function estimateFanout(p: {
  n: number;
  inputTokens: number;
  outputTokens: number;
  concurrency: number;
  latencyMs: number;
  limits: ModelLimits;
  available?: Partial<ModelLimits>;
}): FanoutEstimate {
  const n = Math.max(0, p.n);
  const c = Math.max(1, Math.floor(p.concurrency));
  const latencyS = Math.max(0.001, p.latencyMs / 1000);
  const need = (perCall: number, limit: number, available: number | undefined): number => {
    if (perCall <= 0 || limit <= 0) return 0;
    const have = Math.min(limit, Math.max(0, available ?? limit));
    // The last call can start once its own cost is in the bucket, so the tail needs (n·c − B) / rate.
    return Math.max(0, (n * perCall - have) / (limit / 60));
  };
  // A bucket sets when the last call can start; it still runs for one latency after.
  const byLimit: Record<LimitName, number> = {
    requests: need(1, p.limits.rpm, p.available?.rpm) + latencyS,
    'input tokens': need(p.inputTokens, p.limits.itpm, p.available?.itpm) + latencyS,
    'output tokens': need(p.outputTokens, p.limits.otpm, p.available?.otpm) + latencyS,
    concurrency: Math.ceil(n / c) * latencyS,
  };
  let binding: LimitName = 'concurrency';
  for (const k of Object.keys(byLimit) as LimitName[]) if (byLimit[k] > byLimit[binding]) binding = k;
  // Steady state: C calls per latency must stay under each per-minute limit.
  const perMinute = Math.min(
    p.limits.rpm,
    p.inputTokens > 0 ? p.limits.itpm / p.inputTokens : Infinity,
    p.outputTokens > 0 ? p.limits.otpm / p.outputTokens : Infinity,
  );
  const safeConcurrency = Math.max(1, Math.floor((perMinute / 60) * latencyS));
  return { seconds: byLimit[binding], binding, safeConcurrency, byLimit };
}

/**
 * The per-call cost bound: input as estimated, output at `max_tokens` (an upper bound), with
 * the name of the model it is for (`Sonnet 4.6`, not the price row `Sonnet 4` that covers it).
 */
export function callCost(
  model: string,
  inputTokens: number,
  maxTokens: number,
  overrides?: PriceOverrides,
): { usd: number; name: string } | undefined {
  const price = priceFor(model, overrides);
  if (!price) return undefined;
  return {
    usd: costOf({ input_tokens: inputTokens, output_tokens: maxTokens }, price.price),
    name: modelName(model) ?? price.family,
  };
}
