/**
 * The dashboard's history: per model, a ring buffer of samples fed by the monitor's
 * observations (poller and observe-mode proxy alike).
 *
 * Bounds (memory never grows past them, whatever the traffic):
 * - `maxSamplesPerModel` (default 5,000): a model's oldest sample is dropped for each new one;
 * - `maxModels` (default 8): a new model evicts the one updated least recently.
 * A sample is a few numbers (~200 bytes in memory), so the default bound is about 8 MB at most.
 *
 * `toJSON()`/`History.fromJSON()` persist it (compact tuples, optionally cut to a size
 * budget); `fromJSON` validates everything and turns garbage into an empty history, never
 * a throw. No `vscode` import: the extension, the CLI and unit tests share it.
 */
import type { Observation, SourceKind } from '../monitor/source';
import type { PriceOverrides } from '../pricing';
import { toCsv } from './csv';
import { RingBuffer } from './ringBuffer';
import {
  HISTORY_FAMILIES,
  isCount,
  isLatency,
  isStatus,
  isTime,
  normalizeModel,
  sampleFromObservation,
  type HistoryFamilyId,
  type HistorySample,
  type SampleFamily,
} from './sample';
import {
  chartSeries,
  limitsTable,
  summarize,
  type ChartSeries,
  type HistorySummary,
  type LimitRow,
  type SeriesOptions,
} from './series';

export interface HistoryOptions {
  /** Samples kept per model (default 5,000). */
  readonly maxSamplesPerModel?: number;
  /** Models kept (default 8); the least recently updated is evicted first. */
  readonly maxModels?: number;
}

/** The persisted form. `models` runs from least to most recently updated. */
export interface HistoryJson {
  readonly format: typeof HISTORY_FORMAT;
  readonly version: typeof HISTORY_VERSION;
  readonly models: readonly { readonly model: string; readonly samples: readonly SampleTuple[] }[];
}

/**
 * One sample as a JSON array, trailing nulls dropped:
 * `[at, status, source, flags, latencyMs, inputTokens, outputTokens,
 *   then for requests, input-tokens, output-tokens, tokens: limit, remaining, resetOffsetMs]`.
 * `source` is 0 poll, 1 observed, 2 simulated; `flags` bit 0 = timeout; the reset is stored
 * relative to `at` (shorter); latency is rounded to whole ms.
 */
export type SampleTuple = readonly (number | null)[];

export interface ToJsonOptions {
  /** Keep at most this many (newest) samples per model. */
  readonly maxSamplesPerModel?: number;
  /**
   * Keep the result's `JSON.stringify` length at or under this many characters by keeping
   * the same number of newest samples for every model (the largest such number that fits).
   */
  readonly maxChars?: number;
}

export const HISTORY_FORMAT = 'headroom-history';
export const HISTORY_VERSION = 1;

const SOURCES: readonly SourceKind[] = ['poll', 'observed', 'simulated'];
const FLAG_TIMEOUT = 1;
const TUPLE_HEAD = 7;
const TUPLE_LENGTH = TUPLE_HEAD + HISTORY_FAMILIES.length * 3;

export class History {
  static readonly DEFAULT_MAX_SAMPLES_PER_MODEL = 5_000;
  static readonly DEFAULT_MAX_MODELS = 8;

  readonly maxSamplesPerModel: number;
  readonly maxModels: number;
  /** Insertion order = update order: the first key is the least recently updated model. */
  private readonly buffers = new Map<string, RingBuffer<HistorySample>>();
  private readonly listeners = new Set<() => void>();
  private changes = 0;

  constructor(options: HistoryOptions = {}) {
    this.maxSamplesPerModel = positiveInt(options.maxSamplesPerModel, History.DEFAULT_MAX_SAMPLES_PER_MODEL);
    this.maxModels = positiveInt(options.maxModels, History.DEFAULT_MAX_MODELS);
  }

  /** Grows by one with every change; lets callers skip work when nothing changed. */
  get revision(): number {
    return this.changes;
  }

  /** Total samples over all models. */
  get size(): number {
    let n = 0;
    for (const buffer of this.buffers.values()) n += buffer.length;
    return n;
  }

  /** Records one observation; returns the stored sample, or undefined if it was unusable. */
  record(observation: Observation): HistorySample | undefined {
    let entry: ReturnType<typeof sampleFromObservation>;
    try {
      entry = sampleFromObservation(observation);
    } catch {
      return undefined; // A malformed observation must never break the monitor that fed it.
    }
    if (!entry) return undefined;
    this.append(entry.model, entry.sample);
    this.changed();
    return entry.sample;
  }

  /** Models, most recently updated first. */
  models(): string[] {
    return [...this.buffers.keys()].reverse();
  }

  /** A model's samples in arrival order (oldest first); empty for an unknown model. */
  samples(model: string): HistorySample[] {
    return this.buffers.get(model)?.toArray() ?? [];
  }

  /** How many samples a model has (0 for an unknown model). */
  count(model: string): number {
    return this.buffers.get(model)?.length ?? 0;
  }

  /** A model's newest sample. */
  latest(model: string): HistorySample | undefined {
    return this.buffers.get(model)?.last();
  }

  /** Chart columns for one model. */
  series(model: string, options?: SeriesOptions): ChartSeries {
    return chartSeries(this.samples(model), options);
  }

  /** The newest limits, remaining and resets of one model. */
  limits(model: string): LimitRow[] {
    return limitsTable(this.samples(model));
  }

  summary(model: string): HistorySummary {
    return summarize(this.samples(model));
  }

  /** Forgets everything. */
  clear(): void {
    if (this.buffers.size === 0) return;
    this.buffers.clear();
    this.changed();
  }

  /** Called after every change; a listener that throws does not stop the others. */
  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  /** Every sample as CSV (RFC 4180, time order, ISO timestamps), or one model's. */
  toCsv(model?: string, overrides?: PriceOverrides): string {
    const entries: { model: string; sample: HistorySample }[] = [];
    for (const [name, buffer] of this.buffers) {
      if (model !== undefined && name !== model) continue;
      for (const sample of buffer.toArray()) entries.push({ model: name, sample });
    }
    return toCsv(entries, overrides);
  }

  /**
   * The persisted form. Also what `JSON.stringify(history)` produces (it passes a string
   * key, which is ignored).
   */
  toJSON(options?: ToJsonOptions | string): HistoryJson {
    const opts = typeof options === 'object' && options !== null ? options : {};
    const cap = Math.min(
      this.maxSamplesPerModel,
      opts.maxSamplesPerModel !== undefined ? Math.max(0, Math.floor(opts.maxSamplesPerModel)) : Infinity,
    );
    const models = [...this.buffers].map(([model, buffer]) => {
      const samples = buffer.toArray();
      return { model, tuples: samples.slice(Math.max(0, samples.length - cap)).map(toTuple) };
    });
    let keep = cap;
    if (opts.maxChars !== undefined) keep = largestFitting(models, keep, opts.maxChars);
    return {
      format: HISTORY_FORMAT,
      version: HISTORY_VERSION,
      models: models
        .map(({ model, tuples }) => ({ model, samples: tuples.slice(Math.max(0, tuples.length - keep)) }))
        .filter((m) => m.samples.length > 0),
    };
  }

  /**
   * Rebuilds a history from `toJSON()` output (or its JSON text). Anything that is not
   * that shape gives an empty history; single malformed samples are skipped. Never throws.
   */
  static fromJSON(value: unknown, options: HistoryOptions = {}): History {
    const history = new History(options);
    try {
      const data: unknown = typeof value === 'string' ? JSON.parse(value) : value;
      if (!isRecord(data) || data.format !== HISTORY_FORMAT || data.version !== HISTORY_VERSION) {
        return history;
      }
      if (!Array.isArray(data.models)) return history;
      for (const entry of data.models as unknown[]) {
        if (!isRecord(entry) || typeof entry.model !== 'string' || !Array.isArray(entry.samples)) continue;
        const model = normalizeModel(entry.model);
        const tuples = entry.samples as unknown[];
        // Only the newest samples can survive the ring buffer; skip decoding the rest.
        for (const tuple of tuples.slice(Math.max(0, tuples.length - history.maxSamplesPerModel))) {
          const sample = fromTuple(tuple);
          if (sample) history.append(model, sample);
        }
      }
    } catch {
      return new History(options);
    }
    return history;
  }

  private append(model: string, sample: HistorySample): void {
    let buffer = this.buffers.get(model);
    if (buffer) {
      this.buffers.delete(model); // Re-inserted below: most recently updated goes last.
    } else {
      buffer = new RingBuffer<HistorySample>(this.maxSamplesPerModel);
      while (this.buffers.size >= this.maxModels) {
        const oldest = this.buffers.keys().next().value as string;
        this.buffers.delete(oldest);
      }
    }
    buffer.push(sample);
    this.buffers.set(model, buffer);
  }

  private changed(): void {
    this.changes++;
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch {
        // A failing listener (e.g. persistence) must not stop recording or the others.
      }
    }
  }
}

function positiveInt(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isSafeInteger(value) && value > 0 ? value : fallback;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toTuple(s: HistorySample): SampleTuple {
  const tuple: (number | null)[] = [
    s.at,
    s.status,
    SOURCES.indexOf(s.source),
    s.timeout ? FLAG_TIMEOUT : 0,
    s.latencyMs !== undefined ? Math.round(s.latencyMs) : null,
    s.inputTokens ?? null,
    s.outputTokens ?? null,
  ];
  for (const id of HISTORY_FAMILIES) {
    const f = s.families[id];
    tuple.push(f?.limit ?? null, f?.remaining ?? null, f?.reset !== undefined ? f.reset - s.at : null);
  }
  while (tuple.length > 0 && tuple[tuple.length - 1] === null) tuple.pop();
  return tuple;
}

function fromTuple(value: unknown): HistorySample | undefined {
  if (!Array.isArray(value) || value.length < 4 || value.length > TUPLE_LENGTH) return undefined;
  const t = value as unknown[];
  const [at, status, sourceCode, flags] = t;
  if (!isTime(at) || !isStatus(status)) return undefined;
  if (typeof sourceCode !== 'number' || !Number.isInteger(sourceCode)) return undefined;
  const source = SOURCES[sourceCode];
  if (source === undefined || (flags !== 0 && flags !== FLAG_TIMEOUT)) return undefined;
  const field = (i: number, valid: (v: unknown) => v is number): number | undefined | false => {
    const v = t[i];
    if (v === undefined || v === null) return undefined;
    return valid(v) ? v : false;
  };
  const latencyMs = field(4, isLatency);
  const inputTokens = field(5, isCount);
  const outputTokens = field(6, isCount);
  if (latencyMs === false || inputTokens === false || outputTokens === false) return undefined;
  const families: Partial<Record<HistoryFamilyId, SampleFamily>> = {};
  for (let k = 0; k < HISTORY_FAMILIES.length; k++) {
    const base = TUPLE_HEAD + k * 3;
    const limit = field(base, isCount);
    const remaining = field(base + 1, isCount);
    const offset = field(base + 2, isOffset);
    if (limit === false || remaining === false || offset === false) return undefined;
    const reset = offset !== undefined ? at + offset : undefined;
    if (reset !== undefined && !isTime(reset)) return undefined;
    const family: SampleFamily = {
      ...(limit !== undefined && { limit }),
      ...(remaining !== undefined && { remaining }),
      ...(reset !== undefined && { reset }),
    };
    if (Object.keys(family).length > 0) families[HISTORY_FAMILIES[k]!] = family;
  }
  if (status === 0 && Object.keys(families).length > 0) return undefined;
  return {
    at,
    source,
    status,
    ...(flags === FLAG_TIMEOUT && status === 0 && { timeout: true }),
    ...(latencyMs !== undefined && { latencyMs }),
    ...(inputTokens !== undefined && { inputTokens }),
    ...(outputTokens !== undefined && { outputTokens }),
    families,
  };
}

/** A reset offset: whole ms, within a year either side (resets lie seconds to minutes ahead). */
function isOffset(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && Math.abs(value) <= 366 * 86_400_000;
}

/**
 * The largest per-model sample count (≤ `cap`) whose JSON stays within `maxChars`; binary
 * search over the exact serialized lengths (each model keeps its newest samples).
 */
function largestFitting(
  models: readonly { model: string; tuples: readonly SampleTuple[] }[],
  cap: number,
  maxChars: number,
): number {
  const lengths = models.map((m) => m.tuples.map((tuple) => JSON.stringify(tuple).length + 1));
  const overhead =
    JSON.stringify({ format: HISTORY_FORMAT, version: HISTORY_VERSION, models: [] }).length +
    models.reduce((sum, m) => sum + JSON.stringify({ model: m.model, samples: [] }).length + 1, 0);
  const sizeFor = (keep: number): number =>
    overhead +
    lengths.reduce((sum, ls) => {
      let s = 0;
      for (let i = Math.max(0, ls.length - keep); i < ls.length; i++) s += ls[i]!;
      return sum + s;
    }, 0);
  if (sizeFor(cap) <= maxChars) return cap;
  let lo = 0;
  let hi = cap;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (sizeFor(mid) <= maxChars) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
