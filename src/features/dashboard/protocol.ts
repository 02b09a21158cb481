/**
 * The messages between the extension host and the dashboard webview, both ways. No
 * `vscode` import: the webview script (media/dashboard/main.ts) is bundled with these types.
 *
 * The host always sends the whole state of the selected model (`state`), never deltas, so
 * a webview that was hidden, reloaded or missed a message is right again after the next one.
 */
import type { ChartSeries, HistorySummary, LimitRow } from '../../core/history';
import type { BudgetAheadState } from './costPanel';

/** The monitor's headline, shown above the charts. */
export interface MonitorHeadline {
  /** `running`, `restricted`, `needs-consent`, `paused` or `bad-endpoint`. */
  readonly phase: string;
  /** The state kind (`ok`, `warning`, `critical`, …). */
  readonly kind: string;
  readonly reason: string;
  /** The model the status bar follows. */
  readonly model?: string;
  /** `poll`, `observed` or `simulated`. */
  readonly source?: string;
}

export interface ModelEntry {
  readonly model: string;
  readonly samples: number;
  /** Newest sample, epoch ms. */
  readonly last?: number;
}

export interface DashboardState {
  /** The host's clock when the state was built, so the webview can correct its countdowns for skew. */
  readonly hostNow: number;
  /** Models with history, most recently updated first. */
  readonly models: readonly ModelEntry[];
  /** The model the charts show; absent when there is no history. */
  readonly selected?: string;
  readonly series?: ChartSeries;
  readonly limits: readonly LimitRow[];
  readonly summary?: HistorySummary;
  readonly monitor: MonitorHeadline;
  /** The history's bounds, for the footer. */
  readonly maxSamplesPerModel: number;
  readonly maxModels: number;
  /** The cost panel: this session's spend, cost per minute, ramps and 429 kinds (issue 13). */
  readonly budgetAhead?: BudgetAheadState;
}

/** Host → webview. */
export type HostMessage =
  | { readonly type: 'state'; readonly state: DashboardState }
  | { readonly type: 'exportResult'; readonly ok: boolean; readonly message: string };

/** Webview → host. */
export type WebviewMessage =
  /** The script is running (first load, or shown again): send the full state. */
  | { readonly type: 'ready'; readonly selected?: string }
  | { readonly type: 'select'; readonly model: string }
  | { readonly type: 'exportCsv' }
  | { readonly type: 'clearHistory' }
  /** Sent after each render, so tests and logs can tell the charts were drawn. */
  | { readonly type: 'rendered'; readonly model?: string; readonly charts: number; readonly points: number };

const MAX_MODEL_CHARS = 1_000;

/** Validates a message from the webview; anything else is undefined (and ignored). */
export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const m = value as Record<string, unknown>;
  const model = (v: unknown): v is string => typeof v === 'string' && v.length <= MAX_MODEL_CHARS;
  const count = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
  switch (m.type) {
    case 'ready':
      return model(m.selected) ? { type: 'ready', selected: m.selected } : { type: 'ready' };
    case 'select':
      return model(m.model) ? { type: 'select', model: m.model } : undefined;
    case 'exportCsv':
      return { type: 'exportCsv' };
    case 'clearHistory':
      return { type: 'clearHistory' };
    case 'rendered':
      if (!count(m.charts) || !count(m.points)) return undefined;
      return {
        type: 'rendered',
        charts: m.charts,
        points: m.points,
        ...(model(m.model) && { model: m.model }),
      };
    default:
      return undefined;
  }
}
