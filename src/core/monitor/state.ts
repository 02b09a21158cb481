/**
 * The monitor's state machine: a pure function from what the API said last to what the
 * status bar should show. `nextState(previous, event, now, settings)` never reads a clock
 * or a setting of its own, so it is tested with plain numbers.
 */
import { computeBudget, mergeSnapshot, type ModelBudget, type ModelRecord } from './budget';
import {
  FAMILY_NAMES,
  LIMIT_FAMILIES,
  STANDARD_FAMILIES,
  retryAfterUntil,
  retryAfterTooLong,
  MAX_RETRY_WAIT_MS,
  type LimitFamilyId,
} from './headers';
import type { RateLimitCause } from './acceleration';
import type { NetworkErrorObservation, Observation, ResponseObservation, SourceKind } from './source';

const MAX_RETRY_WAIT_DAYS = MAX_RETRY_WAIT_MS / 86_400_000;

/**
 * - `ok` / `warning` / `critical`: the binding limit's measured share is ≥ warnAt, below
 *   warnAt, or below criticalAt; `critical` also covers a 429 (with its retry-after countdown).
 * - `spend-cap`: the monthly spend cap 429 (`enforced_spend_limit_reached`) or the 400 for a
 *   spend limit the user set; retrying does not help.
 * - `overloaded`: 529, platform-wide, not the user's limit.
 * - `auth`: 401/403.
 * - `offline`: no HTTP answer (refused, reset, DNS, timeout).
 * - `no-key`: no API key configured.
 * - `stale`: no answer for longer than twice the poll interval (also the initial state).
 * - `api-error`: any other status (500 and other 5xx, 400, 402, 404, …): not a limit problem.
 */
export type MonitorStateKind =
  | 'ok'
  | 'warning'
  | 'critical'
  | 'spend-cap'
  | 'overloaded'
  | 'auth'
  | 'offline'
  | 'no-key'
  | 'stale'
  | 'api-error';

export interface MonitorSettings {
  /** `headroom.monitor.warnAt`: warn below this share (default 0.20). */
  readonly warnAt: number;
  /** Critical below this share (default 0.05). */
  readonly criticalAt: number;
  /** `headroom.monitor.pollIntervalSeconds` (0 = off); sets the staleness threshold. */
  readonly pollIntervalSeconds: number;
  /** Overrides the staleness threshold (default 2 × interval, or 2 min when polling is off). */
  readonly staleAfterMs?: number;
  /**
   * The model the status bar is about. Responses for other models still update their
   * records but do not change the state. When undefined, the state follows the latest
   * response of any model (observe mode with no chosen model).
   */
  readonly model?: string;
}

export const DEFAULT_MONITOR_SETTINGS: MonitorSettings = {
  warnAt: 0.2,
  criticalAt: 0.05,
  pollIntervalSeconds: 60,
};

/** Everything that can move the state. Observations from any `BudgetSource` are events as they are. */
export type MonitorEvent =
  | Observation
  /** No API key is configured (or it was cleared): forget all data. */
  | { readonly kind: 'no-key'; readonly at: number }
  /** Time passed (drives staleness and refocusing after a model change). */
  | { readonly kind: 'tick' }
  /** Start over, e.g. after a new key is set: waiting for the first response. */
  | { readonly kind: 'reset' };

export interface MonitorState {
  readonly kind: MonitorStateKind;
  /** One or two plain sentences for the tooltip and log; time-independent. */
  readonly reason: string;
  /** When this kind was entered, epoch ms (unchanged while the kind holds: notify once per entry). */
  readonly since: number;
  /** The model the state is about. */
  readonly model?: string;
  /** The limit the state is about (the binding one, or the one a 429 named). */
  readonly binding?: LimitFamilyId;
  /** The binding limit's measured share, [0, 1]. */
  readonly bindingShare?: number;
  /** Countdown end, epoch ms: a 429's retry-after, or the spend cap's monthly reset. */
  readonly countdownUntil?: number;
  /** HTTP status of the latest response for the model. */
  readonly status?: number;
  readonly errorType?: string;
  readonly errorCode?: string;
  readonly source?: SourceKind;
  /** Latest response (or network error) for the model, epoch ms. */
  readonly lastUpdate?: number;
  readonly lastRequestId?: string;
  /** For a 429: ceiling, acceleration (a sharp ramp) or unexplained; set by `annotate429` (acceleration.ts). */
  readonly cause?: RateLimitCause;
  /** Per-model records: what every response said, kept across error states. */
  readonly models: Readonly<Record<string, ModelRecord>>;
}

/** The state before any response: waiting for data. */
export function initialMonitorState(now: number, model?: string): MonitorState {
  return {
    kind: 'stale',
    reason: 'No data yet: waiting for the first response.',
    since: now,
    ...(model !== undefined && { model }),
    models: {},
  };
}

/** The state machine. Pure: same inputs, same output. */
export function nextState(
  previous: MonitorState,
  event: MonitorEvent,
  now: number,
  settings: MonitorSettings = DEFAULT_MONITOR_SETTINGS,
): MonitorState {
  switch (event.kind) {
    case 'no-key':
      return enter(previous, now, {
        kind: 'no-key',
        reason: 'No Anthropic API key. Set one to see your rate-limit headroom.',
        models: {},
      });
    case 'reset':
      return initialMonitorState(now, settings.model);
    case 'tick':
      return onTick(previous, now, settings);
    case 'network-error':
      return onNetworkError(previous, event, now);
    case 'response':
      return onResponse(previous, event, now, settings);
  }
}

/** The budget of the state's model at `now`, for the tooltip. */
export function stateBudget(state: MonitorState, now: number): ModelBudget | undefined {
  const record = state.model !== undefined ? state.models[state.model] : undefined;
  return record ? computeBudget(record, now) : undefined;
}

/** Staleness threshold in ms for these settings. */
export function staleAfterMs(settings: MonitorSettings): number {
  if (settings.staleAfterMs !== undefined && settings.staleAfterMs > 0) return settings.staleAfterMs;
  const interval = settings.pollIntervalSeconds > 0 ? settings.pollIntervalSeconds : 60;
  return 2 * interval * 1000;
}

/** 00:00 UTC on the 1st of the month after `at`: when the tier's monthly spend cap resets. */
export function nextMonthStartUtc(at: number): number {
  const d = new Date(at);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

type Fields = Omit<MonitorState, 'since'>;

function enter(previous: MonitorState, now: number, next: Fields): MonitorState {
  return { ...next, since: previous.kind === next.kind ? previous.since : now };
}

function thresholds(settings: MonitorSettings): { warnAt: number; criticalAt: number } {
  const clamp = (v: number, fallback: number): number =>
    Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : fallback;
  const warnAt = clamp(settings.warnAt, DEFAULT_MONITOR_SETTINGS.warnAt);
  const criticalAt = Math.min(warnAt, clamp(settings.criticalAt, DEFAULT_MONITOR_SETTINGS.criticalAt));
  return { warnAt, criticalAt };
}

/** Whole percent, rounded down (the epsilon keeps 0.29 at 29%, not 28%). */
const percent = (share: number): string => `${Math.floor(share * 100 + 1e-9)}%`;
const count = (n: number): string => n.toLocaleString('en-US');

/** ok / warning / critical from the measured binding share. */
function levelFields(
  budget: ModelBudget,
  settings: MonitorSettings,
): Pick<Fields, 'kind' | 'reason' | 'binding' | 'bindingShare'> {
  const binding = budget.binding;
  if (binding?.share === undefined) {
    return {
      kind: 'ok',
      reason:
        budget.dataAgeMs === undefined
          ? 'The API answered, but sent no usable rate-limit headers.'
          : 'The API answered; its latest response had no complete rate-limit family.',
    };
  }
  const { warnAt, criticalAt } = thresholds(settings);
  const kind = binding.share < criticalAt ? 'critical' : binding.share < warnAt ? 'warning' : 'ok';
  const amounts =
    // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent, a share exists only when both values do
    binding.remaining !== undefined && binding.limit !== undefined
      ? ` (${count(binding.remaining)} of ${count(binding.limit)})`
      : '';
  const reason =
    kind === 'ok'
      ? `Binding limit: ${FAMILY_NAMES[binding.id]}, ${percent(binding.share)} left${amounts}.`
      : `Only ${percent(binding.share)} of ${FAMILY_NAMES[binding.id]} left${amounts}.`;
  return { kind, reason, binding: binding.id, bindingShare: binding.share };
}

function onTick(previous: MonitorState, now: number, settings: MonitorSettings): MonitorState {
  if (settings.model !== undefined && previous.model !== settings.model && previous.kind !== 'no-key') {
    return refocus(previous, settings.model, now, settings);
  }
  if (previous.kind !== 'ok' && previous.kind !== 'warning' && previous.kind !== 'critical') return previous;
  if (previous.countdownUntil !== undefined && previous.countdownUntil > now) return previous;
  if (previous.lastUpdate === undefined || now - previous.lastUpdate <= staleAfterMs(settings)) {
    return previous;
  }
  return enter(previous, now, {
    ...withoutKind(previous),
    kind: 'stale',
    reason: 'No fresh data: the latest response is older than twice the poll interval.',
  });
}

/** The chosen model changed: show what is known about it, or wait for it. */
function refocus(
  previous: MonitorState,
  model: string,
  now: number,
  settings: MonitorSettings,
): MonitorState {
  const record = previous.models[model];
  if (!record || record.lastDataAt === undefined) {
    return enter(previous, now, { ...initialMonitorState(now, model), models: previous.models });
  }
  const stale = now - record.lastAt > staleAfterMs(settings);
  const level = levelFields(computeBudget(record, now), settings);
  return enter(previous, now, {
    ...level,
    ...(stale && { kind: 'stale', reason: 'No fresh data for this model yet.' }),
    model,
    source: record.source,
    ...(record.lastStatus !== undefined && { status: record.lastStatus }),
    lastUpdate: record.lastAt,
    ...(record.lastRequestId !== undefined && { lastRequestId: record.lastRequestId }),
    models: previous.models,
  });
}

function withoutKind(state: MonitorState): Omit<Fields, 'kind' | 'reason'> {
  const { kind: _kind, reason: _reason, since: _since, ...rest } = state;
  return rest;
}

function onNetworkError(previous: MonitorState, event: NetworkErrorObservation, now: number): MonitorState {
  const model = previous.model ?? event.model;
  return enter(previous, now, {
    kind: 'offline',
    reason: event.timeout
      ? 'The request to the API timed out.'
      : `Cannot reach the API (${truncate(event.message, 160)}).`,
    model,
    source: event.source,
    lastUpdate: event.at,
    ...(previous.lastRequestId !== undefined && { lastRequestId: previous.lastRequestId }),
    models: previous.models,
  });
}

const SPEND_CAP_CODE = 'enforced_spend_limit_reached';
const OWN_SPEND_LIMIT = /you have reached your specified (workspace )?api usage limits/i;

function onResponse(
  previous: MonitorState,
  event: ResponseObservation,
  now: number,
  settings: MonitorSettings,
): MonitorState {
  const record = mergeSnapshot(
    previous.models[event.model],
    event.model,
    event.headers,
    event.at,
    event.source,
    event.status,
  );
  const models = { ...previous.models, [event.model]: record };
  if (settings.model !== undefined && event.model !== settings.model) {
    // Another model's traffic (observe mode): keep its data, leave the state alone.
    return { ...previous, models };
  }
  const budget = computeBudget(record, now);
  const { status, error } = event;
  const common = {
    model: event.model,
    source: event.source,
    status,
    lastUpdate: event.at,
    ...(record.lastRequestId !== undefined && { lastRequestId: record.lastRequestId }),
    ...(error?.type !== undefined && { errorType: error.type }),
    ...(error?.errorCode !== undefined && { errorCode: error.errorCode }),
    models,
  };
  const apiSays = error?.message ? ` The API said: “${truncate(error.message, 200)}”` : '';

  if (status >= 200 && status < 300) {
    const level = levelFields(budget, settings);
    const note = event.bodyError ? ' The response body was not valid JSON.' : '';
    return enter(previous, now, { ...common, ...level, reason: level.reason + note });
  }
  if (status === 429 && error?.errorCode === SPEND_CAP_CODE) {
    return enter(previous, now, {
      ...common,
      kind: 'spend-cap',
      reason:
        'Monthly spend cap reached (429 enforced_spend_limit_reached). Requests fail until 00:00 UTC on the 1st ' +
        'or until your usage tier is raised; retrying does not help.',
      countdownUntil: nextMonthStartUtc(event.at),
    });
  }
  if (status === 400 && error?.message !== undefined && OWN_SPEND_LIMIT.test(error.message)) {
    return enter(previous, now, {
      ...common,
      kind: 'spend-cap',
      reason:
        'A spend limit you set on the organization or workspace was reached (400). Requests fail until you raise it in the Console.',
    });
  }
  if (status === 429) {
    const until = retryAfterUntil(event.headers, event.at);
    const binding = limitNamed(error?.message) ?? exhaustedFamily(record, budget);
    const what = binding ? `: ${FAMILY_NAMES[binding]} exhausted` : '';
    const bindingShare =
      binding !== undefined ? budget.families.find((f) => f.id === binding)?.share : undefined;
    return enter(previous, now, {
      ...common,
      kind: 'critical',
      reason:
        `Rate limited (429)${what}.` +
        (until === undefined
          ? ' No retry-after was sent; backing off.'
          : retryAfterTooLong(event.headers, event.at)
            ? ` The server asked to wait longer than ${MAX_RETRY_WAIT_DAYS} days; Headroom checks again after ${MAX_RETRY_WAIT_DAYS} days.`
            : ' Waiting for retry-after.') +
        apiSays,
      ...(binding !== undefined && { binding }),
      ...(bindingShare !== undefined && { bindingShare }),
      ...(until !== undefined && { countdownUntil: until }),
    });
  }
  if (status === 529) {
    return enter(previous, now, {
      ...common,
      kind: 'overloaded',
      reason: 'The API is overloaded (529). This is platform-wide, not your rate limit.',
    });
  }
  if (status === 401 || status === 403) {
    return enter(previous, now, {
      ...common,
      kind: 'auth',
      reason:
        (status === 401
          ? 'The API key was rejected (401): it is missing, malformed, revoked or expired.'
          : 'The API key lacks permission for this request (403).') + apiSays,
    });
  }
  return enter(previous, now, {
    ...common,
    kind: 'api-error',
    reason: `The API answered ${status}${error?.type ? ` ${error.type}` : ''}.${apiSays}`,
  });
}

/** The limit a 429 message names ("…of 50,000 input tokens per minute…"), if any. */
export function limitNamed(message: string | undefined): LimitFamilyId | undefined {
  if (!message) return undefined;
  const m = message.toLowerCase();
  const fast = /\bfast\b/.test(m);
  if (/output tokens/.test(m)) return fast ? 'fast-output-tokens' : 'output-tokens';
  if (/input tokens/.test(m)) return fast ? 'fast-input-tokens' : 'input-tokens';
  if (/\brequests\b/.test(m)) return 'requests';
  if (/\btokens\b/.test(m)) return 'tokens';
  return undefined;
}

/** A family from the latest data with nothing left (standard families first), else the binding one. */
function exhaustedFamily(record: ModelRecord, budget: ModelBudget): LimitFamilyId | undefined {
  const fresh = budget.families.filter((f) => f.observedAt === record.lastDataAt);
  const order = [...STANDARD_FAMILIES, ...LIMIT_FAMILIES.filter((id) => !STANDARD_FAMILIES.includes(id))];
  for (const id of order) {
    if (fresh.find((f) => f.id === id)?.remaining === 0) return id;
  }
  return budget.binding?.id;
}

function truncate(text: string, max: number): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}
