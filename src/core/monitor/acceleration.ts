/**
 * The second road to a 429: acceleration limits. Anthropic warns that an organization whose
 * usage rises sharply can get 429s even under its published limits, and publishes no numbers
 * (../shared/reference/anthropic-rate-limits.md §3.2). So this is a heuristic that says
 * "likely" and names its signals:
 *
 * - a **ceiling** 429: the error message names a limit, or a bucket in the 429's own headers
 *   is (nearly) empty;
 * - an **acceleration** 429: no limit named, every bucket in the headers has budget left,
 *   and the app's request rate in the last minute is far above its trailing baseline (a ramp);
 * - otherwise **unexplained**: budget left and no ramp (sub-minute enforcement of a
 *   per-minute limit, or a lower workspace limit, §3.2's confounds).
 *
 * Pure and clock-free: the caller passes `now` and records requests as they are observed.
 */
import { FAMILY_NAMES, STANDARD_FAMILIES, type LimitFamilyId, type RateLimitSnapshot } from './headers';
import type { Observation, ResponseObservation } from './source';
import { limitNamed, type MonitorState } from './state';

/** The thresholds, all settings-backed (`headroom.acceleration.*`). */
export interface AccelerationSettings {
  /**
   * A bucket with less than this share left explains a 429 (a ceiling). Default 0.05: the
   * monitor's own critical threshold, and token `remaining` is rounded to the nearest
   * thousand (reference §1.1), so "nearly empty" must allow for rounding.
   */
  readonly emptyShare: number;
  /**
   * A ramp: requests in the last minute at least this many times the trailing baseline's
   * per-minute rate. Default 3: no source gives a number (§3.2); 3× is well past the
   * minute-to-minute noise of steady traffic and well below the jump of a script started
   * at full parallelism.
   */
  readonly rampFactor: number;
  /** The trailing baseline, minutes before the last minute. Default 10 (issue 13's example). */
  readonly baselineMinutes: number;
  /**
   * A ramp needs at least this many requests in the last minute. Default 10: fewer is not
   * a "sharp rise in usage" at any tier (the lowest published RPM is 1,000, §3.6).
   */
  readonly minRequests: number;
}

export const DEFAULT_ACCELERATION_SETTINGS: AccelerationSettings = {
  emptyShare: 0.05,
  rampFactor: 3,
  baselineMinutes: 10,
  minRequests: 10,
};

const MINUTE_MS = 60_000;

/** The request rate now against its trailing baseline. */
export interface RampReading {
  /** Requests in the last minute. */
  readonly lastMinute: number;
  /** Average requests per minute over the baseline window (0 with no history). */
  readonly baselinePerMinute: number;
  /** Minutes of history the baseline actually covers (≤ baselineMinutes). */
  readonly baselineMinutes: number;
  /** lastMinute ÷ baseline (Infinity with a zero baseline). */
  readonly ratio: number;
  /** The ramp rule holds. */
  readonly ramp: boolean;
  /** Average latency of the requests seen, ms, when known. */
  readonly meanLatencyMs?: number;
}

/** Counts requests over time (all models: acceleration limits are per organization). */
export class RequestRateTracker {
  private times: number[] = [];
  private latencySum = 0;
  private latencyCount = 0;
  private firstAt: number | undefined;

  constructor(private settings: AccelerationSettings = DEFAULT_ACCELERATION_SETTINGS) {}

  update(settings: AccelerationSettings): void {
    this.settings = settings;
  }

  /** Records one request that got an answer (any status) at `at`. */
  record(at: number, latencyMs?: number): void {
    this.firstAt ??= at;
    // Keep time order even if observations arrive slightly out of order.
    let i = this.times.length;
    while (i > 0 && this.times[i - 1]! > at) i--;
    this.times.splice(i, 0, at);
    if (latencyMs !== undefined && Number.isFinite(latencyMs) && latencyMs >= 0) {
      this.latencySum += latencyMs;
      this.latencyCount++;
    }
    this.prune(at);
  }

  private prune(now: number): void {
    const horizon = now - (this.settings.baselineMinutes + 1) * MINUTE_MS;
    let drop = 0;
    while (drop < this.times.length && this.times[drop]! < horizon) drop++;
    if (drop > 0) this.times.splice(0, drop);
  }

  /** The ramp reading at `now`. */
  reading(now: number): RampReading {
    const s = this.settings;
    const minuteAgo = now - MINUTE_MS;
    const baselineStart = now - (s.baselineMinutes + 1) * MINUTE_MS;
    let lastMinute = 0;
    let baseline = 0;
    for (const t of this.times) {
      if (t > now) continue;
      if (t > minuteAgo) lastMinute++;
      else if (t >= baselineStart) baseline++;
    }
    // The baseline covers only the history there is: a session 4 minutes old has 3 minutes of baseline.
    const covered =
      this.firstAt === undefined
        ? 0
        : Math.min(s.baselineMinutes, Math.max(0, (minuteAgo - this.firstAt) / MINUTE_MS));
    const baselinePerMinute = covered >= 1 ? baseline / covered : 0;
    const ratio = baselinePerMinute > 0 ? lastMinute / baselinePerMinute : lastMinute > 0 ? Infinity : 0;
    return {
      lastMinute,
      baselinePerMinute,
      baselineMinutes: covered,
      ratio,
      ramp: lastMinute >= s.minRequests && ratio >= s.rampFactor,
      ...(this.latencyCount > 0 && { meanLatencyMs: this.latencySum / this.latencyCount }),
    };
  }
}

/** What kind of 429 this was. */
export type RateLimitCause = 'ceiling' | 'acceleration' | 'unexplained';

export interface Verdict429 {
  readonly cause: RateLimitCause;
  /** The limit that explains a ceiling 429. */
  readonly limit?: LimitFamilyId;
  /** The signals that led to the verdict, in words. */
  readonly signals: readonly string[];
  readonly ramp: RampReading;
  /** For acceleration: the concurrency to cap at, then raise in steps. */
  readonly concurrencyCap?: number;
}

/** The standard families in the headers, with their share left, lowest first. */
function shares(headers: RateLimitSnapshot): { id: LimitFamilyId; share: number }[] {
  const out: { id: LimitFamilyId; share: number }[] = [];
  for (const id of STANDARD_FAMILIES) {
    const f = headers.families[id];
    if (f?.remaining === undefined || f.limit === undefined || f.limit <= 0) continue;
    out.push({ id, share: Math.max(0, f.remaining) / f.limit });
  }
  return out.sort((a, b) => a.share - b.share);
}

/**
 * The concurrency that sustains the baseline rate (Little's law: in flight = rate ×
 * latency), at least 1: start there and raise it in steps.
 */
export function concurrencyCap(ramp: RampReading): number {
  const latencyS = (ramp.meanLatencyMs ?? 1000) / 1000;
  return Math.max(1, Math.floor((ramp.baselinePerMinute / 60) * latencyS));
}

/** Classifies a 429 (not the spend cap) from its message, its own headers and the ramp. */
export function classify429(
  o: Pick<ResponseObservation, 'status' | 'headers' | 'error'>,
  ramp: RampReading,
  settings: AccelerationSettings = DEFAULT_ACCELERATION_SETTINGS,
): Verdict429 {
  const named = limitNamed(o.error?.message);
  if (named !== undefined) {
    return { cause: 'ceiling', limit: named, signals: [`the message names ${FAMILY_NAMES[named]}`], ramp };
  }
  const found = shares(o.headers);
  const lowest = found[0];
  if (lowest && lowest.share < settings.emptyShare) {
    return {
      cause: 'ceiling',
      limit: lowest.id,
      signals: [`${FAMILY_NAMES[lowest.id]} is empty in the 429's headers`],
      ramp,
    };
  }
  const budget =
    found.length > 0
      ? `every bucket has budget left (lowest ${FAMILY_NAMES[lowest!.id]} ${Math.floor(lowest!.share * 100)}%)`
      : 'the 429 carried no rate-limit headers';
  const rate = rampWords(ramp);
  if (ramp.ramp) {
    return {
      cause: 'acceleration',
      signals: ['the message names no limit', budget, rate],
      ramp,
      concurrencyCap: concurrencyCap(ramp),
    };
  }
  return { cause: 'unexplained', signals: ['the message names no limit', budget, rate], ramp };
}

/** "42 requests in the last minute against 3.0/min over the previous 10 min". */
export function rampWords(ramp: RampReading): string {
  const base =
    ramp.baselineMinutes >= 1
      ? `${ramp.baselinePerMinute.toFixed(1)}/min over the previous ${Math.round(ramp.baselineMinutes)} min`
      : 'no earlier traffic';
  return `${ramp.lastMinute} request${ramp.lastMinute === 1 ? '' : 's'} in the last minute against ${base}`;
}

/** The status/tooltip/notification sentence for a verdict (the cure named). */
export function verdictReason(v: Verdict429): string {
  switch (v.cause) {
    case 'acceleration':
      return (
        `429 from a sharp ramp, not your limits (likely an acceleration limit): ramp up over hours; ` +
        `cap concurrency at ${v.concurrencyCap ?? 1} and raise it in steps. Signals: ${v.signals.join('; ')}.`
      );
    case 'unexplained':
      return (
        '429 with budget left and no sharp ramp: likely a per-second share of a per-minute limit or a lower ' +
        `workspace limit; spread requests evenly. Signals: ${v.signals.join('; ')}.`
      );
    case 'ceiling':
      return `429 at the ceiling: ${v.limit !== undefined ? FAMILY_NAMES[v.limit] : 'a limit'} (${v.signals.join('; ')}).`;
  }
}

/** A ramp without a 429 yet, for the tooltip. */
export function rampWarning(ramp: RampReading): string | undefined {
  if (!ramp.ramp) return undefined;
  return `Sharp ramp: ${rampWords(ramp)}. Acceleration limits may answer 429 under your published limits; ramp up gradually.`;
}

/**
 * The state after a 429 with the verdict applied: an acceleration or unexplained 429 gets
 * its cause and a reason that names the cure (the status bar, tooltip and notification all
 * read it); a ceiling 429 keeps the state machine's own reason. Other states pass through.
 */
export function annotate429(
  state: MonitorState,
  event: Observation,
  verdict: Verdict429 | undefined,
): MonitorState {
  if (!verdict || event.kind !== 'response' || event.status !== 429) return state;
  if (state.kind !== 'critical' || state.status !== 429 || state.model !== event.model) return state;
  if (verdict.cause === 'ceiling') return { ...state, cause: 'ceiling' };
  const { binding: _binding, bindingShare: _share, ...rest } = state;
  return { ...rest, cause: verdict.cause, reason: verdictReason(verdict) };
}

/** One 429 or 529 (or a ramp's start) for the dashboard's marks. */
export interface RateEvent {
  readonly at: number;
  readonly model: string;
  readonly kind: 'ceiling-429' | 'acceleration-429' | 'unexplained-429' | 'overloaded-529' | 'ramp';
  readonly detail: string;
}

/** Rate events kept for the dashboard (the newest). */
export const MAX_RATE_EVENTS = 200;

/**
 * The request-rate tracker plus the 429 classifier, fed every observation: the extension's
 * monitor and `headroom proxy` share it. Records ramp starts and every 429/529 as events.
 */
export class AccelerationWatch {
  private readonly tracker: RequestRateTracker;
  private readonly log: RateEvent[] = [];
  private ramping = false;

  constructor(private settings: AccelerationSettings = DEFAULT_ACCELERATION_SETTINGS) {
    this.tracker = new RequestRateTracker(settings);
  }

  update(settings: AccelerationSettings): void {
    this.settings = settings;
    this.tracker.update(settings);
  }

  /** Records a response; returns the verdict when it is a rate-limit 429 (not the spend cap). */
  observe(o: Observation): Verdict429 | undefined {
    if (o.kind !== 'response') return undefined;
    this.tracker.record(o.at, o.status >= 200 && o.status < 300 ? o.latencyMs : undefined);
    const ramp = this.tracker.reading(o.at);
    if (ramp.ramp && !this.ramping) {
      this.push({ at: o.at, model: o.model, kind: 'ramp', detail: rampWords(ramp) });
    }
    this.ramping = ramp.ramp;
    if (o.status === 529) {
      this.push({
        at: o.at,
        model: o.model,
        kind: 'overloaded-529',
        detail: 'API overloaded (platform-wide)',
      });
      return undefined;
    }
    if (o.status !== 429 || o.error?.errorCode === 'enforced_spend_limit_reached') return undefined;
    const verdict = classify429(o, ramp, this.settings);
    this.push({ at: o.at, model: o.model, kind: `${verdict.cause}-429`, detail: verdict.signals.join('; ') });
    return verdict;
  }

  ramp(now: number): RampReading {
    return this.tracker.reading(now);
  }

  events(): readonly RateEvent[] {
    return this.log;
  }

  private push(e: RateEvent): void {
    this.log.push(e);
    if (this.log.length > MAX_RATE_EVENTS) this.log.splice(0, this.log.length - MAX_RATE_EVENTS);
  }
}
