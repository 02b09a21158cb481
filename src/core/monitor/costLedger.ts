/**
 * Observed usage becomes money: every response's `usage` priced with the bundled table
 * (src/core/pricing) and any override, summed per model and per minute, with what cache
 * reads saved. Pure and clock-free; bounded (per-minute buckets for the last
 * {@link COST_MINUTES} minutes only).
 */
import { cacheSavingsOf, costOf, priceFor, type PriceOverrides, type Usage } from '../pricing';
import { formatUsd } from './format';
import { parseRateLimitHeaders } from './headers';
import type { Observation, ResponseObservation, UsageInfo } from './source';

/** Minutes of per-minute cost kept for the chart (one hour). */
export const COST_MINUTES = 60;
/** "$/hour at the current rate" is the spend of the last this-many minutes, scaled to an hour: long enough to smooth single requests, short enough to follow a burst. */
export const RATE_WINDOW_MINUTES = 5;
const MINUTE_MS = 60_000;

export interface ModelCost {
  readonly model: string;
  /** The price family, when the model is priced. */
  readonly family?: string;
  readonly requests: number;
  readonly usd: number;
  readonly cacheSavingsUsd: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cacheWriteTokens: number;
  readonly cacheReadTokens: number;
  /** False when the table has no price for the model (its tokens are counted, not priced). */
  readonly priced: boolean;
}

export interface CostSummary {
  readonly totalUsd: number;
  readonly cacheSavingsUsd: number;
  /** Spend per hour at the rate of the last {@link RATE_WINDOW_MINUTES} minutes. */
  readonly usdPerHour: number;
  readonly models: readonly ModelCost[];
  /** Per-minute spend, oldest first: [minute start epoch ms, USD]. Minutes with no spend are 0. */
  readonly perMinute: readonly (readonly [number, number])[];
  /** Models seen with usage but no price. */
  readonly unpriced: readonly string[];
  /** When the ledger started (the session), epoch ms. */
  readonly since?: number;
}

/** A `UsageInfo` (the monitor's shape) as the API's `usage` block. */
/**
 * A successful response known only by its usage (the proxy's exchange record, read after the
 * body): what the ledger prices, with no rate-limit headers of its own.
 */
export function usageObservation(model: string, usage: UsageInfo, at: number): ResponseObservation {
  return {
    kind: 'response',
    source: 'observed',
    model,
    at,
    status: 200,
    headers: parseRateLimitHeaders({}),
    usage,
  };
}

export function toUsage(u: UsageInfo): Usage {
  return {
    input_tokens: u.inputTokens ?? 0,
    output_tokens: u.outputTokens ?? 0,
    cache_creation_input_tokens: u.cacheCreationInputTokens ?? 0,
    cache_read_input_tokens: u.cacheReadInputTokens ?? 0,
  };
}

/** The cost of one observation, or undefined when it has no usage or no price. */
export function observationCost(
  o: Observation,
  overrides?: PriceOverrides,
): { usd: number; savedUsd: number; family: string } | undefined {
  if (o.kind !== 'response' || !o.usage) return undefined;
  const price = priceFor(o.model, overrides);
  if (!price) return undefined;
  const usage = toUsage(o.usage);
  return {
    usd: costOf(usage, price.price),
    savedUsd: cacheSavingsOf(usage, price.price),
    family: price.family,
  };
}

type MutableModelCost = { -readonly [K in keyof ModelCost]: ModelCost[K] };

export class CostLedger {
  private models = new Map<string, MutableModelCost>();
  private minutes = new Map<number, number>();
  private since: number | undefined;

  constructor(private overrides: PriceOverrides = {}) {}

  /** New overrides apply to what is added from now on. */
  setOverrides(overrides: PriceOverrides): void {
    this.overrides = overrides;
  }

  clear(): void {
    this.models.clear();
    this.minutes.clear();
    this.since = undefined;
  }

  /** Adds one observation; returns its cost (undefined when it has no usage or no price). */
  add(o: Observation): number | undefined {
    if (o.kind !== 'response' || !o.usage) return undefined;
    this.since ??= o.at;
    const usage = toUsage(o.usage);
    const priced = observationCost(o, this.overrides);
    const m = this.models.get(o.model) ?? {
      model: o.model,
      requests: 0,
      usd: 0,
      cacheSavingsUsd: 0,
      inputTokens: 0,
      outputTokens: 0,
      cacheWriteTokens: 0,
      cacheReadTokens: 0,
      priced: priced !== undefined,
    };
    m.requests++;
    m.inputTokens += usage.input_tokens;
    m.outputTokens += usage.output_tokens;
    m.cacheWriteTokens += usage.cache_creation_input_tokens ?? 0;
    m.cacheReadTokens += usage.cache_read_input_tokens ?? 0;
    if (priced) {
      m.priced = true;
      m.family = priced.family;
      m.usd += priced.usd;
      m.cacheSavingsUsd += priced.savedUsd;
      const minute = Math.floor(o.at / MINUTE_MS) * MINUTE_MS;
      this.minutes.set(minute, (this.minutes.get(minute) ?? 0) + priced.usd);
      this.prune(minute);
    }
    this.models.set(o.model, m);
    return priced?.usd;
  }

  private prune(latestMinute: number): void {
    const oldest = latestMinute - (COST_MINUTES - 1) * MINUTE_MS;
    for (const k of this.minutes.keys()) if (k < oldest) this.minutes.delete(k);
  }

  /** Totals, per model, per minute and the current hourly rate at `now`. */
  summary(now: number): CostSummary {
    const models = [...this.models.values()].sort((a, b) => b.usd - a.usd || a.model.localeCompare(b.model));
    const thisMinute = Math.floor(now / MINUTE_MS) * MINUTE_MS;
    const perMinute: [number, number][] = [];
    const first =
      this.since === undefined
        ? thisMinute
        : Math.max(
            Math.floor(this.since / MINUTE_MS) * MINUTE_MS,
            thisMinute - (COST_MINUTES - 1) * MINUTE_MS,
          );
    for (let t = first; t <= thisMinute; t += MINUTE_MS) perMinute.push([t, this.minutes.get(t) ?? 0]);
    // The rate window ends now; it covers at most the session so far (a 2-minute session is not diluted over 5).
    const windowMs = Math.min(
      RATE_WINDOW_MINUTES * MINUTE_MS,
      this.since === undefined ? 0 : Math.max(MINUTE_MS, now - this.since),
    );
    let recent = 0;
    for (const [t, usd] of this.minutes) if (t + MINUTE_MS > now - windowMs && t <= now) recent += usd;
    return {
      totalUsd: models.reduce((s, m) => s + m.usd, 0),
      cacheSavingsUsd: models.reduce((s, m) => s + m.cacheSavingsUsd, 0),
      usdPerHour: windowMs > 0 ? (recent * 3_600_000) / windowMs : 0,
      models: models.map((m) => ({ ...m })),
      perMinute,
      unpriced: models.filter((m) => !m.priced).map((m) => m.model),
      ...(this.since !== undefined && { since: this.since }),
    };
  }
}

/**
 * The tooltip's cost lines: this session's spend, $/hour at the current rate, cache savings,
 * and the models the table cannot price. Empty when nothing was observed with usage.
 */
export function costTooltip(summary: CostSummary): string {
  if (summary.models.length === 0) return '';
  const lines = [
    `$(credit-card) This session: **${formatUsd(summary.totalUsd)}** · ${formatUsd(summary.usdPerHour)}/hour at the current rate` +
      (summary.cacheSavingsUsd > 0 ? ` · cache reads saved ${formatUsd(summary.cacheSavingsUsd)}` : ''),
  ];
  if (summary.unpriced.length > 0) {
    lines.push(
      `No price for ${summary.unpriced.map((m) => `\`${m.replace(/[`\r\n]/g, '')}\``).join(', ')} (set headroom.cost.priceOverrides).`,
    );
  }
  return lines.join('  \n');
}
