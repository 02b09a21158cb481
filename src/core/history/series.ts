/**
 * What the dashboard draws, derived from one model's samples: remaining and limit per
 * family, 429/529 markers, request rate over a sliding window, latency p50/p95 over a
 * sliding window, the current limits table and a summary. Pure functions of the samples.
 */
import {
  HISTORY_FAMILIES,
  sampleOutcome,
  type HistoryFamilyId,
  type HistorySample,
  type SampleOutcome,
} from './sample';

/** Request rate counts the requests of the last minute (the API's limits are per minute). */
export const DEFAULT_RATE_WINDOW_MS = 60_000;
/** Latency percentiles look at the last five minutes: enough samples to be stable when polling. */
export const DEFAULT_LATENCY_WINDOW_MS = 5 * 60_000;

export interface SeriesOptions {
  readonly rateWindowMs?: number;
  readonly latencyWindowMs?: number;
}

/** A 429 or 529 at a point in time, drawn as a vertical marker. */
export interface StatusMarker {
  readonly at: number;
  readonly status: 429 | 529;
}

/** Columns aligned on `t` (ascending), ready for a chart library. `null` = no value at that sample. */
export interface ChartSeries {
  /** Sample times, epoch ms, ascending. */
  readonly t: number[];
  /** The families that appear at least once, in display order. */
  readonly families: HistoryFamilyId[];
  readonly remaining: Partial<Record<HistoryFamilyId, (number | null)[]>>;
  readonly limit: Partial<Record<HistoryFamilyId, (number | null)[]>>;
  /** Requests per minute over the `rateWindowMs` ending at each sample (that sample included). */
  readonly ratePerMinute: number[];
  /** Each sample's own latency, ms. */
  readonly latencyMs: (number | null)[];
  /** Latency percentiles over the `latencyWindowMs` ending at each sample. */
  readonly p50: (number | null)[];
  readonly p95: (number | null)[];
  readonly markers: StatusMarker[];
  readonly rateWindowMs: number;
  readonly latencyWindowMs: number;
}

/** The samples sorted by time, oldest first (stable: equal times keep arrival order). */
export function sortedByTime(samples: readonly HistorySample[]): HistorySample[] {
  let sorted = true;
  for (let i = 1; i < samples.length && sorted; i++) sorted = samples[i - 1]!.at <= samples[i]!.at;
  return sorted ? [...samples] : [...samples].sort((a, b) => a.at - b.at);
}

/**
 * The nearest-rank percentile (`p` in 0–100) of values sorted ascending: the smallest value
 * with at least p% of the values at or below it. Undefined for no values.
 */
export function percentile(sortedValues: readonly number[], p: number): number | undefined {
  if (sortedValues.length === 0) return undefined;
  const rank = Math.ceil((Math.min(100, Math.max(0, p)) / 100) * sortedValues.length);
  return sortedValues[Math.max(0, rank - 1)];
}

/**
 * Requests per minute at each sample: how many samples fall in `(t - windowMs, t]`, scaled
 * to a minute. Every sample is one request (including failed ones). `sorted` must be ascending.
 */
export function requestRate(sorted: readonly HistorySample[], windowMs = DEFAULT_RATE_WINDOW_MS): number[] {
  const window = Math.max(1, windowMs);
  const scale = 60_000 / window;
  const out: number[] = [];
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < sorted.length; i++) {
    const t = sorted[i]!.at;
    while (hi < sorted.length && sorted[hi]!.at <= t) hi++;
    while (lo < hi && sorted[lo]!.at <= t - window) lo++;
    out.push((hi - lo) * scale);
  }
  return out;
}

/**
 * Latency percentiles at each sample over the samples in `(t - windowMs, t]` that have a
 * latency. A sorted sliding window keeps this O(n·w) in the worst case, fine for 5,000 samples.
 */
export function latencyPercentiles(
  sorted: readonly HistorySample[],
  windowMs = DEFAULT_LATENCY_WINDOW_MS,
  ps: readonly number[] = [50, 95],
): (number | null)[][] {
  const window = Math.max(1, windowMs);
  const out = ps.map(() => [] as (number | null)[]);
  const inWindow: number[] = [];
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < sorted.length; i++) {
    const t = sorted[i]!.at;
    for (; hi < sorted.length && sorted[hi]!.at <= t; hi++) {
      const latency = sorted[hi]!.latencyMs;
      if (latency !== undefined) inWindow.splice(lowerBound(inWindow, latency), 0, latency);
    }
    for (; lo < hi && sorted[lo]!.at <= t - window; lo++) {
      const latency = sorted[lo]!.latencyMs;
      if (latency !== undefined) inWindow.splice(lowerBound(inWindow, latency), 1);
    }
    ps.forEach((p, k) => out[k]!.push(percentile(inWindow, p) ?? null));
  }
  return out;
}

function lowerBound(values: readonly number[], x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Every chart column for one model's samples. */
export function chartSeries(samples: readonly HistorySample[], options: SeriesOptions = {}): ChartSeries {
  const rateWindowMs = options.rateWindowMs ?? DEFAULT_RATE_WINDOW_MS;
  const latencyWindowMs = options.latencyWindowMs ?? DEFAULT_LATENCY_WINDOW_MS;
  const sorted = sortedByTime(samples);
  const families = HISTORY_FAMILIES.filter((id) => sorted.some((s) => s.families[id] !== undefined));
  const remaining: Partial<Record<HistoryFamilyId, (number | null)[]>> = {};
  const limit: Partial<Record<HistoryFamilyId, (number | null)[]>> = {};
  for (const id of families) {
    remaining[id] = sorted.map((s) => s.families[id]?.remaining ?? null);
    limit[id] = sorted.map((s) => s.families[id]?.limit ?? null);
  }
  const [p50 = [], p95 = []] = latencyPercentiles(sorted, latencyWindowMs, [50, 95]);
  const markers: StatusMarker[] = [];
  for (const s of sorted) {
    if (s.status === 429 || s.status === 529) markers.push({ at: s.at, status: s.status });
  }
  return {
    t: sorted.map((s) => s.at),
    families,
    remaining,
    limit,
    ratePerMinute: requestRate(sorted, rateWindowMs),
    latencyMs: sorted.map((s) => s.latencyMs ?? null),
    p50,
    p95,
    markers,
    rateWindowMs,
    latencyWindowMs,
  };
}

/** One row of the current limits table: the newest values seen for a family. */
export interface LimitRow {
  readonly family: HistoryFamilyId;
  readonly limit?: number;
  readonly remaining?: number;
  /** `remaining / limit`, clamped to 0–1 (token `remaining` is rounded, so it can exceed the limit). */
  readonly share?: number;
  /** When the bucket is full again, epoch ms. */
  readonly reset?: number;
  /** When these values were measured, epoch ms. */
  readonly observedAt: number;
}

/**
 * The newest measurement of each family (a family absent from the last response keeps
 * its older values and their time), in display order.
 */
export function limitsTable(samples: readonly HistorySample[]): LimitRow[] {
  const newest = new Map<HistoryFamilyId, { at: number; row: LimitRow }>();
  for (const s of samples) {
    for (const id of HISTORY_FAMILIES) {
      const f = s.families[id];
      if (!f) continue;
      const seen = newest.get(id);
      if (seen && seen.at > s.at) continue;
      const share =
        f.limit !== undefined && f.remaining !== undefined && f.limit > 0
          ? Math.min(1, Math.max(0, f.remaining / f.limit))
          : undefined;
      newest.set(id, {
        at: s.at,
        row: {
          family: id,
          ...(f.limit !== undefined && { limit: f.limit }),
          ...(f.remaining !== undefined && { remaining: f.remaining }),
          ...(share !== undefined && { share }),
          ...(f.reset !== undefined && { reset: f.reset }),
          observedAt: s.at,
        },
      });
    }
  }
  return HISTORY_FAMILIES.flatMap((id) => {
    const seen = newest.get(id);
    return seen ? [seen.row] : [];
  });
}

/** Counts for the dashboard's header line. */
export interface HistorySummary {
  readonly samples: number;
  readonly first?: number;
  readonly last?: number;
  readonly outcomes: Readonly<Record<SampleOutcome, number>>;
  readonly inputTokens: number;
  readonly outputTokens: number;
}

export function summarize(samples: readonly HistorySample[]): HistorySummary {
  const outcomes: Record<SampleOutcome, number> = {
    ok: 0,
    'rate-limited': 0,
    overloaded: 0,
    error: 0,
    'network-error': 0,
    timeout: 0,
  };
  let first: number | undefined;
  let last: number | undefined;
  let inputTokens = 0;
  let outputTokens = 0;
  for (const s of samples) {
    outcomes[sampleOutcome(s)]++;
    first = first === undefined ? s.at : Math.min(first, s.at);
    last = last === undefined ? s.at : Math.max(last, s.at);
    inputTokens += s.inputTokens ?? 0;
    outputTokens += s.outputTokens ?? 0;
  }
  return {
    samples: samples.length,
    ...(first !== undefined && { first }),
    ...(last !== undefined && { last }),
    outcomes,
    inputTokens,
    outputTokens,
  };
}
