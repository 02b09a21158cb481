/**
 * One history sample: what a single response (or failed request) said, reduced to the
 * numbers the dashboard charts. Built from the monitor's `Observation`s, so the poller and
 * the observe-mode proxy feed the history the same way. Bodies, keys and error messages
 * are never kept: only status, timing, token counts and rate-limit values.
 */
import type { LimitFamilyId } from '../monitor/headers';
import type { Observation, SourceKind } from '../monitor/source';

/** The families the history keeps: the standard per-model limits (RPM, ITPM, OTPM, and combined TPM). */
export type HistoryFamilyId = Extract<
  LimitFamilyId,
  'requests' | 'input-tokens' | 'output-tokens' | 'tokens'
>;

/** In display order. */
export const HISTORY_FAMILIES: readonly HistoryFamilyId[] = [
  'requests',
  'input-tokens',
  'output-tokens',
  'tokens',
];

/** One family's values in one response. Any field may be absent (not sent, or malformed). */
export interface SampleFamily {
  readonly limit?: number;
  readonly remaining?: number;
  /** When the bucket is full again, epoch ms. */
  readonly reset?: number;
}

export interface HistorySample {
  /** When the response headers arrived (or the request failed), epoch ms. */
  readonly at: number;
  readonly source: SourceKind;
  /** The HTTP status; `0` when there was no HTTP answer (network error or timeout). */
  readonly status: number;
  /** With status 0: the request timed out (rather than being refused or reset). */
  readonly timeout?: boolean;
  /** From sending the request to the response headers, ms. */
  readonly latencyMs?: number;
  readonly inputTokens?: number;
  readonly outputTokens?: number;
  /** `usage.cache_creation_input_tokens` / `cache_read_input_tokens` (this session only: not persisted). */
  readonly cacheWriteTokens?: number;
  readonly cacheReadTokens?: number;
  readonly families: Readonly<Partial<Record<HistoryFamilyId, SampleFamily>>>;
}

/** How a sample ended, for markers, counts and the CSV's `outcome` column. */
export type SampleOutcome = 'ok' | 'rate-limited' | 'overloaded' | 'error' | 'network-error' | 'timeout';

export function sampleOutcome(sample: Pick<HistorySample, 'status' | 'timeout'>): SampleOutcome {
  const { status } = sample;
  if (status === 0) return sample.timeout ? 'timeout' : 'network-error';
  if (status === 429) return 'rate-limited';
  if (status === 529) return 'overloaded';
  if (status >= 200 && status < 300) return 'ok';
  return 'error';
}

/** Model ids longer than this are cut (ids come from request bodies the proxy sees). */
export const MAX_MODEL_LENGTH = 200;
/** Where the request named no model (e.g. a malformed body the proxy forwarded). */
export const UNKNOWN_MODEL = '(unknown)';
/** Counts above this are not plausible and are dropped rather than charted. */
const MAX_COUNT = 1e15;
/** Latencies above a day are not plausible. */
const MAX_LATENCY_MS = 86_400_000;
/** Epoch ms between 2000 and 2200: anything else is a broken clock or garbage. */
const MIN_TIME = Date.UTC(2000, 0, 1);
const MAX_TIME = Date.UTC(2200, 0, 1);

/** A model id as the history keys it: trimmed, cut to `MAX_MODEL_LENGTH`, `(unknown)` when empty. */
export function normalizeModel(model: unknown): string {
  if (typeof model !== 'string') return UNKNOWN_MODEL;
  // Control characters have no place in a model id and would upset the CSV and the UI.
  // eslint-disable-next-line no-control-regex
  const clean = model.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return clean === '' ? UNKNOWN_MODEL : clean.slice(0, MAX_MODEL_LENGTH);
}

export function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= MIN_TIME && value <= MAX_TIME;
}

export function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= MAX_COUNT;
}

export function isLatency(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= MAX_LATENCY_MS;
}

export function isStatus(value: unknown): value is number {
  return (
    typeof value === 'number' && Number.isInteger(value) && (value === 0 || (value >= 100 && value <= 999))
  );
}

/** Turns an observation into a sample and its model; undefined when its time is unusable. */
export function sampleFromObservation(
  observation: Observation,
): { model: string; sample: HistorySample } | undefined {
  if (!isTime(observation.at)) return undefined;
  const model = normalizeModel(observation.model);
  const base = {
    at: observation.at,
    source: observation.source,
    ...(isLatency(observation.latencyMs) && { latencyMs: observation.latencyMs }),
  };
  if (observation.kind === 'network-error') {
    return {
      model,
      sample: { ...base, status: 0, ...(observation.timeout && { timeout: true }), families: {} },
    };
  }
  if (!isStatus(observation.status) || observation.status === 0) return undefined;
  const families: Partial<Record<HistoryFamilyId, SampleFamily>> = {};
  for (const id of HISTORY_FAMILIES) {
    const f = observation.headers.families[id];
    if (!f) continue;
    const reset = f.reset?.getTime();
    const family: SampleFamily = {
      ...(isCount(f.limit) && { limit: f.limit }),
      ...(isCount(f.remaining) && { remaining: f.remaining }),
      ...(isTime(reset) && { reset }),
    };
    if (Object.keys(family).length > 0) families[id] = family;
  }
  const usage = observation.usage;
  return {
    model,
    sample: {
      ...base,
      status: observation.status,
      ...(isCount(usage?.inputTokens) && { inputTokens: usage.inputTokens }),
      ...(isCount(usage?.outputTokens) && { outputTokens: usage.outputTokens }),
      ...(isCount(usage?.cacheCreationInputTokens) && { cacheWriteTokens: usage.cacheCreationInputTokens }),
      ...(isCount(usage?.cacheReadInputTokens) && { cacheReadTokens: usage.cacheReadInputTokens }),
      families,
    },
  };
}
