/**
 * The poller: one minimal request per interval on the chosen model, so the status bar has
 * fresh headers. Polling spends the user's budget, so it is frugal by construction:
 *
 * - never more than one request in flight (a refresh during a poll joins it);
 * - automatic polls only while `isActive()` (window focused, user active in the last
 *   10 minutes; observe mode later adds "no fresh observed data" to the same predicate);
 * - interval from settings (0 = off), at least `minIntervalSeconds`;
 * - after a non-2xx answer or a network error: exponential backoff, doubling from the
 *   interval up to `maxBackoffMs` (15 min), straight to the cap for the spend-cap 429
 *   (retrying cannot help); any 2xx resets it;
 * - a `retry-after` on an error response (429, 529, 5xx) blocks every request until it
 *   passes, however long it is, `refreshNow()` included unless `force` is set. On 2xx it
 *   is ignored: in late 2025 the API sent `retry-after` on ordinary successes, and the SDKs
 *   only read it when retrying.
 *
 * Time comes from an injected `Scheduler` so tests run a simulated hour in milliseconds.
 */
import type { Logger } from '../logger';
import { retryAfterUntil } from './headers';
import {
  ObservationEmitter,
  type BudgetSource,
  type Disposable,
  type Observation,
  type SourceKind,
} from './source';

/** The clock and timers the poller uses (real ones by default). */
export interface Scheduler {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemScheduler: Scheduler = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Sends one poll request for `model` and describes the outcome. It should resolve (with a
 * `network-error` observation for failures) rather than reject; a rejection is tolerated
 * and reported as a network error. `createSdkSender` is the real implementation.
 */
export type PollSender = (model: string, signal: AbortSignal) => Promise<Observation>;

/** Settings the poller follows; change them with `update`. */
export interface PollerSettings {
  /** The model to poll; no polling without one. */
  readonly model?: string;
  /** `headroom.monitor.pollIntervalSeconds`; 0 (or less) turns automatic polling off. */
  readonly intervalSeconds: number;
}

export interface PollerOptions extends PollerSettings {
  readonly send: PollSender;
  /** Whether automatic polls may run now (focused and recently active). Checked before each one. */
  readonly isActive: () => boolean;
  readonly scheduler?: Scheduler;
  /** Reported on observations the poller itself makes (a rejected `send`); default `poll`. */
  readonly source?: SourceKind;
  /** Backoff cap, ms (default 15 min). */
  readonly maxBackoffMs?: number;
  /** How often to re-check `isActive()` while a poll is due but the user is away, ms (default 5 s). */
  readonly activityCheckMs?: number;
  /** Shortest allowed interval, s (default 10): a typo in settings must not drain the budget. */
  readonly minIntervalSeconds?: number;
  /**
   * Watchdog, ms (default 60 s): a `send` that has not settled by then is aborted and
   * counted as a timeout, so one hung request can never stop polling for good.
   */
  readonly sendTimeoutMs?: number;
  readonly log?: Logger;
}

export type RefreshResult =
  | { readonly sent: true; readonly observation: Observation }
  | { readonly sent: false; readonly reason: 'retry-after'; readonly until: number }
  | { readonly sent: false; readonly reason: 'no-model' | 'stopped' };

/** A snapshot of the poller's scheduling, for the log and tests. */
export interface PollerStatus {
  readonly running: boolean;
  readonly inFlight: boolean;
  readonly intervalMs: number;
  readonly consecutiveFailures: number;
  /** When the next automatic poll is due (before activity and retry-after checks), epoch ms. */
  readonly nextDueAt?: number;
  /** A running retry-after, epoch ms. */
  readonly blockedUntil?: number;
}

export const DEFAULT_MAX_BACKOFF_MS = 15 * 60_000;
/** The longest delay `setTimeout` keeps (about 24.8 days); longer ones fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;
export const DEFAULT_ACTIVITY_CHECK_MS = 5_000;
export const DEFAULT_MIN_INTERVAL_SECONDS = 10;
export const DEFAULT_SEND_TIMEOUT_MS = 60_000;
/** Backoff base when automatic polling is off but a refresh failed. */
const FALLBACK_INTERVAL_MS = 60_000;

export class Poller implements BudgetSource {
  readonly kind: SourceKind;
  private readonly emitter = new ObservationEmitter();
  private readonly scheduler: Scheduler;
  private readonly maxBackoffMs: number;
  private readonly activityCheckMs: number;
  private readonly minIntervalSeconds: number;
  private model: string | undefined;
  private intervalMs = 0;
  private running = false;
  private timer: unknown;
  private hasTimer = false;
  private inFlight: Promise<Observation> | undefined;
  private controller: AbortController | undefined;
  /** Bumped by `stop()` so a result arriving afterwards is dropped. */
  private generation = 0;
  private nextDueAt = 0;
  private blockedUntil = 0;
  private failures = 0;
  private lastStartedAt: number | undefined;

  constructor(private readonly options: PollerOptions) {
    this.kind = options.source ?? 'poll';
    this.scheduler = options.scheduler ?? systemScheduler;
    this.maxBackoffMs = options.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS;
    this.activityCheckMs = options.activityCheckMs ?? DEFAULT_ACTIVITY_CHECK_MS;
    this.minIntervalSeconds = options.minIntervalSeconds ?? DEFAULT_MIN_INTERVAL_SECONDS;
    this.model = options.model;
    this.intervalMs = this.toIntervalMs(options.intervalSeconds);
  }

  /** Starts polling: the first poll is due at once (if active). Idempotent. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.nextDueAt = this.scheduler.now();
    this.schedule();
  }

  /** Stops polling and aborts a request in flight (its result is dropped). Idempotent. */
  stop(): void {
    this.running = false;
    // Stryker disable next-line UpdateOperator: equivalent, any change of generation drops the late result
    this.generation++;
    this.clearTimer();
    this.controller?.abort();
  }

  dispose(): void {
    this.stop();
    this.emitter.dispose();
  }

  onObservation(listener: (observation: Observation) => void): Disposable {
    return this.emitter.on(listener);
  }

  /**
   * Applies new settings. A new model starts fresh (limits, retry-after and backoff are per
   * model) and is polled at once; a new interval counts from the last poll.
   */
  update(settings: Partial<PollerSettings>): void {
    const now = this.scheduler.now();
    if ('model' in settings && settings.model !== this.model) {
      this.model = settings.model;
      this.failures = 0;
      this.blockedUntil = 0;
      this.nextDueAt = now;
    }
    if (settings.intervalSeconds !== undefined) {
      const intervalMs = this.toIntervalMs(settings.intervalSeconds);
      if (intervalMs !== this.intervalMs) {
        this.intervalMs = intervalMs;
        if (this.failures === 0) {
          this.nextDueAt = this.lastStartedAt !== undefined ? this.lastStartedAt + intervalMs : now;
        }
      }
    }
    this.schedule();
  }

  /** Re-checks at once whether a poll is due (call when the window gains focus or the user becomes active). */
  wake(): void {
    this.schedule();
  }

  /**
   * "Refresh Now": polls at once regardless of the interval, backoff or activity, but
   * still one request at a time (joins a poll in flight) and, unless `force`, not while
   * a retry-after runs (the request would certainly fail).
   */
  async refreshNow(options: { force?: boolean } = {}): Promise<RefreshResult> {
    if (!this.running) return { sent: false, reason: 'stopped' };
    if (this.model === undefined) return { sent: false, reason: 'no-model' };
    if (this.inFlight) return { sent: true, observation: await this.inFlight };
    if (!options.force && this.blockedUntil > this.scheduler.now()) {
      return { sent: false, reason: 'retry-after', until: this.blockedUntil };
    }
    return { sent: true, observation: await this.poll(this.model) };
  }

  get status(): PollerStatus {
    const now = this.scheduler.now();
    const schedulable = this.running && this.model !== undefined && this.intervalMs > 0;
    return {
      running: this.running,
      inFlight: this.inFlight !== undefined,
      intervalMs: this.intervalMs,
      consecutiveFailures: this.failures,
      ...(schedulable && { nextDueAt: this.nextDueAt }),
      ...(this.blockedUntil > now && { blockedUntil: this.blockedUntil }),
    };
  }

  private toIntervalMs(seconds: number): number {
    if (!Number.isFinite(seconds) || seconds <= 0) return 0;
    return Math.max(this.minIntervalSeconds, seconds) * 1000;
  }

  private clearTimer(): void {
    if (this.hasTimer) this.scheduler.clearTimeout(this.timer);
    this.hasTimer = false;
    this.timer = undefined;
  }

  private setTimer(ms: number): void {
    this.clearTimer();
    this.hasTimer = true;
    this.timer = this.scheduler.setTimeout(
      () => {
        this.hasTimer = false;
        this.timer = undefined;
        this.onTimer();
      },
      // setTimeout fires at once for more than 2^31-1 ms; never arm a spinning timer.
      Math.min(Math.max(0, ms), MAX_TIMER_MS),
    );
  }

  /** Arms the timer for the next automatic poll, if any is possible. */
  private schedule(): void {
    this.clearTimer();
    if (!this.running || this.inFlight || this.model === undefined || this.intervalMs === 0) return;
    this.setTimer(Math.max(this.nextDueAt, this.blockedUntil) - this.scheduler.now());
  }

  private onTimer(): void {
    if (!this.running || this.inFlight || this.model === undefined || this.intervalMs === 0) return;
    const now = this.scheduler.now();
    if (Math.max(this.nextDueAt, this.blockedUntil) > now) return this.schedule();
    if (!this.safeIsActive()) return this.setTimer(this.activityCheckMs);
    void this.poll(this.model);
  }

  private safeIsActive(): boolean {
    try {
      return this.options.isActive();
    } catch {
      return false;
    }
  }

  private poll(model: string): Promise<Observation> {
    this.clearTimer();
    const generation = this.generation;
    const startedAt = this.scheduler.now();
    this.lastStartedAt = startedAt;
    const controller = new AbortController();
    this.controller = controller;
    const run = async (): Promise<Observation> => {
      let watchdog: unknown;
      // Settles on the watchdog, or at once when `stop()` aborts, whatever `send` does.
      const timedOut = new Promise<Observation>((resolve) => {
        watchdog = this.scheduler.setTimeout(() => {
          resolve(this.failure(model, startedAt, true, 'no answer within the watchdog time'));
          controller.abort();
        }, this.options.sendTimeoutMs ?? DEFAULT_SEND_TIMEOUT_MS);
        controller.signal.addEventListener('abort', () =>
          resolve(this.failure(model, startedAt, false, 'aborted')),
        );
      });
      try {
        const sent = Promise.resolve()
          .then(() => this.options.send(model, controller.signal))
          .catch((err: unknown) =>
            this.failure(model, startedAt, false, err instanceof Error ? err.message : 'request failed'),
          );
        return await Promise.race([sent, timedOut]);
      } finally {
        this.scheduler.clearTimeout(watchdog);
      }
    };
    const promise = run().then((observation) => {
      this.inFlight = undefined;
      this.controller = undefined;
      if (generation !== this.generation) return observation; // stopped meanwhile: drop it
      if (model === this.model) this.learn(observation, startedAt);
      this.options.log?.debug(describeObservation(observation));
      for (const err of this.emitter.emit(observation)) {
        this.options.log?.error(
          `Headroom monitor listener failed: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
      this.schedule();
      return observation;
    });
    this.inFlight = promise;
    return promise;
  }

  private failure(model: string, startedAt: number, timeout: boolean, message: string): Observation {
    const at = this.scheduler.now();
    return {
      kind: 'network-error',
      source: this.kind,
      model,
      at,
      latencyMs: at - startedAt,
      timeout,
      message,
    };
  }

  /** Updates backoff and retry-after from one result. */
  private learn(observation: Observation, startedAt: number): void {
    const base = this.intervalMs > 0 ? this.intervalMs : FALLBACK_INTERVAL_MS;
    const now = this.scheduler.now();
    if (observation.kind === 'response' && observation.status >= 200 && observation.status < 300) {
      this.failures = 0;
      this.blockedUntil = 0;
      this.nextDueAt = startedAt + base;
      return;
    }
    this.failures++;
    const spendCap =
      observation.kind === 'response' &&
      observation.status === 429 &&
      observation.error?.errorCode === 'enforced_spend_limit_reached';
    const backoff = spendCap
      ? this.maxBackoffMs
      : Math.min(base * 2 ** Math.min(this.failures, 30), this.maxBackoffMs);
    this.nextDueAt = startedAt + Math.max(base, backoff);
    if (observation.kind === 'response') {
      const until = retryAfterUntil(observation.headers, observation.at);
      this.blockedUntil = until !== undefined && until > now ? until : 0;
    } else {
      this.blockedUntil = 0;
    }
  }
}

/** A one-line, secret-free log description of an observation. */
export function describeObservation(observation: Observation): string {
  const latency = observation.latencyMs !== undefined ? ` in ${Math.round(observation.latencyMs)} ms` : '';
  if (observation.kind === 'network-error') {
    return `${observation.source} ${observation.model}: ${observation.timeout ? 'timed out' : 'network error'}${latency} (${observation.message})`;
  }
  const id = observation.headers.requestId ? ` ${observation.headers.requestId}` : '';
  const type = observation.error?.type ? ` ${observation.error.type}` : '';
  return `${observation.source} ${observation.model}: ${observation.status}${type}${latency}${id}`;
}
