/**
 * Per-model traffic counters of the observe-mode proxy: requests, upstream answers by
 * status (class and exact code), network errors, cut-short bodies, token usage and
 * header latency (a bounded ring of recent samples, summarised as percentiles).
 */

/** The status classes the dashboard and the CLI show. */
export type StatusClass = '2xx' | '429' | '529' | 'other';

/** The model under which requests whose body named no model (or was not JSON) are counted. */
export const UNKNOWN_MODEL = 'unknown';

/** Latency percentiles over the most recent samples, ms. */
export interface LatencySummary {
  /** Samples ever recorded. */
  readonly count: number;
  /** Samples the percentiles are computed from (the most recent, at most `LATENCY_WINDOW`). */
  readonly window: number;
  readonly p50?: number;
  readonly p95?: number;
  readonly p99?: number;
  readonly max?: number;
}

/** Counters for one model (or the total). */
export interface TrafficCounts {
  /** Requests forwarded upstream (including those that then failed). */
  readonly requests: number;
  /** Upstream answers by status class. */
  readonly statusClasses: Readonly<Record<StatusClass, number>>;
  /** Upstream answers by exact status. */
  readonly byStatus: Readonly<Record<string, number>>;
  /** Upstream failures before any status (the client got a 502). */
  readonly networkErrors: number;
  /** Responses whose body was cut short (upstream reset, or the client went away). */
  readonly incomplete: number;
  /** Usage the responses reported (JSON `usage`, SSE `message_start` / `message_delta`). */
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** Time from forwarding the request to the upstream's response headers. */
  readonly latency: LatencySummary;
}

export interface ModelTraffic extends TrafficCounts {
  readonly model: string;
}

/** A snapshot of everything the proxy counted since it started. */
export interface ProxyStats {
  /** When the proxy started, epoch ms. */
  readonly since: number;
  /** Exchanges in progress (request received, response not finished). */
  readonly inFlight: number;
  /** Requests answered 413 by the proxy itself (over the size cap; never forwarded). */
  readonly tooLarge: number;
  /** Requests answered 400 by the proxy itself (absolute-form URL: used as an HTTP proxy). */
  readonly rejected: number;
  readonly total: TrafficCounts;
  readonly byModel: Readonly<Record<string, ModelTraffic>>;
}

/** Latency samples kept per model for the percentiles. */
export const LATENCY_WINDOW = 2048;

/**
 * Models counted one by one: the most recently used ones. Model ids come from request
 * bodies, so an app (or anyone who can reach the port) could send endless distinct ids;
 * past this many the least recently used model's counters are dropped (the totals keep
 * them). About 16 KB each.
 */
export const MAX_MODELS = 32;

export function statusClass(status: number): StatusClass {
  if (status >= 200 && status < 300) return '2xx';
  if (status === 429) return '429';
  if (status === 529) return '529';
  return 'other';
}

class Counter {
  requests = 0;
  statusClasses: Record<StatusClass, number> = { '2xx': 0, '429': 0, '529': 0, other: 0 };
  byStatus: Record<string, number> = {};
  networkErrors = 0;
  incomplete = 0;
  inputTokens = 0;
  outputTokens = 0;
  private latencyCount = 0;
  private readonly samples = new Float64Array(LATENCY_WINDOW);

  addLatency(ms: number): void {
    this.samples[this.latencyCount % LATENCY_WINDOW] = ms;
    this.latencyCount++;
  }

  snapshot(): TrafficCounts {
    const window = Math.min(this.latencyCount, LATENCY_WINDOW);
    const sorted = this.samples.slice(0, window).sort();
    const at = (q: number): number => sorted[Math.min(window - 1, Math.ceil(q * window) - 1)] as number;
    return {
      requests: this.requests,
      statusClasses: { ...this.statusClasses },
      byStatus: { ...this.byStatus },
      networkErrors: this.networkErrors,
      incomplete: this.incomplete,
      inputTokens: this.inputTokens,
      outputTokens: this.outputTokens,
      latency: {
        count: this.latencyCount,
        window,
        ...(window > 0 && { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted[window - 1] }),
      },
    };
  }
}

/** The mutable side, used by the proxy. */
export class TrafficRecorder {
  private readonly total = new Counter();
  private readonly models = new Map<string, Counter>();
  inFlight = 0;
  tooLarge = 0;
  rejected = 0;

  constructor(private readonly since: number) {}

  private both(model: string): [Counter, Counter] {
    let counter = this.models.get(model);
    if (counter) {
      // Map order is insertion order: re-inserting keeps the least recently used first.
      this.models.delete(model);
    } else {
      counter = new Counter();
      if (this.models.size >= MAX_MODELS) {
        this.models.delete(this.models.keys().next().value as string);
      }
    }
    this.models.set(model, counter);
    return [this.total, counter];
  }

  request(model: string): void {
    for (const c of this.both(model)) c.requests++;
  }

  response(model: string, status: number, latencyMs: number): void {
    const cls = statusClass(status);
    for (const c of this.both(model)) {
      c.statusClasses[cls]++;
      c.byStatus[status] = (c.byStatus[status] ?? 0) + 1;
      c.addLatency(latencyMs);
    }
  }

  networkError(model: string): void {
    for (const c of this.both(model)) c.networkErrors++;
  }

  incomplete(model: string): void {
    for (const c of this.both(model)) c.incomplete++;
  }

  usage(model: string, inputTokens: number, outputTokens: number): void {
    for (const c of this.both(model)) {
      c.inputTokens += inputTokens;
      c.outputTokens += outputTokens;
    }
  }

  snapshot(): ProxyStats {
    return {
      since: this.since,
      inFlight: this.inFlight,
      tooLarge: this.tooLarge,
      rejected: this.rejected,
      total: this.total.snapshot(),
      byModel: Object.fromEntries(
        [...this.models].map(([model, c]) => [model, { model, ...c.snapshot() }] as const),
      ),
    };
  }
}
