/**
 * Where rate-limit observations come from. The poller (one small request per interval) and
 * the later observe-mode proxy (the app's own traffic, at no cost) both implement
 * `BudgetSource`, and both emit the same `Observation`s, so one budget model and one state
 * machine serve them all.
 */
import type { RateLimitSnapshot } from './headers';

/** How the data was obtained; shown in the tooltip. */
export type SourceKind = 'poll' | 'observed' | 'simulated';

/** The error part of an Anthropic error body (`{"type":"error","error":{…}}`), if any. */
export interface ApiErrorInfo {
  /** `error.type`, e.g. `rate_limit_error`. Unknown types are kept as sent. */
  readonly type?: string;
  /** `error.message`, with any secret scrubbed. Wording can change: never branch on it except as a hint. */
  readonly message?: string;
  /** `error.details.error_code`, e.g. `enforced_spend_limit_reached`. */
  readonly errorCode?: string;
}

/** Token usage reported by a successful response (`usage`). */
export interface UsageInfo {
  readonly inputTokens?: number;
  readonly outputTokens?: number;
  /** `usage.cache_creation_input_tokens` (billed at the cache-write rate). */
  readonly cacheCreationInputTokens?: number;
  /** `usage.cache_read_input_tokens` (billed at the cache-read rate). */
  readonly cacheReadInputTokens?: number;
}

/** The API answered with an HTTP status (any status, success or error). */
export interface ResponseObservation {
  readonly kind: 'response';
  readonly source: SourceKind;
  /** The model the request named (limits are per model). */
  readonly model: string;
  /** When the response headers arrived, epoch ms. */
  readonly at: number;
  /** From sending the request to the response headers, ms. */
  readonly latencyMs?: number;
  readonly status: number;
  readonly headers: RateLimitSnapshot;
  /** Parsed from an error body; absent on success or when the body was not an Anthropic error. */
  readonly error?: ApiErrorInfo;
  /** Set when the body could not be read as the JSON the status promised. */
  readonly bodyError?: 'invalid-json' | 'unreadable';
  readonly usage?: UsageInfo;
}

/** No HTTP status at all: refused, reset, DNS failure, or timeout. */
export interface NetworkErrorObservation {
  readonly kind: 'network-error';
  readonly source: SourceKind;
  readonly model: string;
  readonly at: number;
  readonly latencyMs?: number;
  readonly timeout: boolean;
  /** A short, secret-free description for the log. */
  readonly message: string;
}

export type Observation = ResponseObservation | NetworkErrorObservation;

/** The minimal disposable shape (compatible with `vscode.Disposable`). */
export interface Disposable {
  dispose(): void;
}

/** A producer of observations: the poller now, the observe-mode proxy later. */
export interface BudgetSource extends Disposable {
  readonly kind: SourceKind;
  /** Begins producing observations. Idempotent. */
  start(): void;
  /** Stops producing observations and cancels anything pending. Idempotent. */
  stop(): void;
  /** Subscribes to observations; dispose the result to unsubscribe. */
  onObservation(listener: (observation: Observation) => void): Disposable;
}

/** A tiny synchronous event emitter for observations (no `vscode` dependency). */
export class ObservationEmitter implements Disposable {
  private listeners = new Set<(observation: Observation) => void>();

  /** Subscribes; a listener that throws does not stop the others. */
  on(listener: (observation: Observation) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  /** Delivers to every listener; returns the errors listeners threw, so callers can log them. */
  emit(observation: Observation): unknown[] {
    const errors: unknown[] = [];
    for (const listener of [...this.listeners]) {
      try {
        listener(observation);
      } catch (err) {
        errors.push(err);
      }
    }
    return errors;
  }

  dispose(): void {
    this.listeners.clear();
  }
}
