/**
 * The dashboard's cost panel (issue 13): what the host sends (no `vscode` import; the
 * webview bundles these types) and how it is built from the monitor's cost ledger and
 * acceleration watch.
 */
import type { RampReading, RateEvent } from '../../core/monitor/acceleration';
import type { CostSummary } from '../../core/monitor/costLedger';

/** Newest rate events sent to the webview. */
export const PANEL_EVENTS = 20;

export interface BudgetAheadState {
  readonly totalUsd: number;
  readonly usdPerHour: number;
  readonly cacheSavingsUsd: number;
  readonly perMinute: readonly (readonly [number, number])[];
  readonly models: readonly {
    readonly model: string;
    readonly family?: string;
    readonly requests: number;
    readonly usd: number;
    readonly cacheSavingsUsd: number;
    readonly priced: boolean;
  }[];
  /** Counts of each kind of event this session: ramps, acceleration/ceiling/unexplained 429s, 529s. */
  readonly counts: Readonly<Record<RateEvent['kind'], number>>;
  /** The newest events, newest first. */
  readonly events: readonly RateEvent[];
  /** The ramp reading now. */
  readonly ramp: Pick<RampReading, 'lastMinute' | 'baselinePerMinute' | 'ramp'>;
}

export function budgetAheadState(
  cost: CostSummary,
  acceleration: { ramp: RampReading; events: readonly RateEvent[] },
): BudgetAheadState {
  const counts: Record<RateEvent['kind'], number> = {
    ramp: 0,
    'acceleration-429': 0,
    'ceiling-429': 0,
    'unexplained-429': 0,
    'overloaded-529': 0,
  };
  for (const e of acceleration.events) counts[e.kind]++;
  return {
    totalUsd: cost.totalUsd,
    usdPerHour: cost.usdPerHour,
    cacheSavingsUsd: cost.cacheSavingsUsd,
    perMinute: cost.perMinute,
    models: cost.models.map((m) => ({
      model: m.model,
      ...(m.family !== undefined && { family: m.family }),
      requests: m.requests,
      usd: m.usd,
      cacheSavingsUsd: m.cacheSavingsUsd,
      priced: m.priced,
    })),
    counts,
    events: acceleration.events.slice(-PANEL_EVENTS).reverse(),
    ramp: {
      lastMinute: acceleration.ramp.lastMinute,
      baselinePerMinute: acceleration.ramp.baselinePerMinute,
      ramp: acceleration.ramp.ramp,
    },
  };
}
