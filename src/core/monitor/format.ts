/**
 * Pure presentation for the status bar: compact text with codicons (`$(name)`), a Markdown
 * tooltip, the background to use, and which transitions deserve a notification. Nothing
 * here can see an API key: the inputs are the parsed state and budget only, and every piece
 * of server-provided text is escaped before it goes into Markdown.
 */
import type { FamilyBudget, ModelBudget } from './budget';
import { FAMILY_SHORT_LABELS, type LimitFamilyId } from './headers';
import type { SourceKind } from './source';
import { stateBudget, type MonitorState, type MonitorStateKind } from './state';

export interface FormatOptions {
  /** Formats an absolute time for the tooltip; default local `HH:MM:SS`. */
  readonly formatClock?: (epochMs: number) => string;
  /**
   * A reading older than this (the poll interval) is no longer shown as it was measured:
   * the status bar and tooltip show the estimate (reading plus refill) instead, marked `~`.
   * Default 60 s.
   */
  readonly estimateAfterMs?: number;
}

const DEFAULT_ESTIMATE_AFTER_MS = 60_000;

/** What the status bar and the tooltip show for one limit family at a moment: one number for both. */
export interface ShownFigure {
  readonly id: LimitFamilyId;
  readonly remaining?: number;
  readonly limit?: number;
  /** remaining ÷ limit in [0, 1]. */
  readonly share?: number;
  /** True when the figure is the estimate (reading plus refill), not the reading itself. */
  readonly estimated: boolean;
}

/**
 * The figure to show for a family: the reading while it is fresh (no older than
 * `estimateAfterMs`, and the state is not stale), else the estimate of the present.
 */
export function shownFigure(f: FamilyBudget, state: MonitorState, options: FormatOptions = {}): ShownFigure {
  const estimateAfter = options.estimateAfterMs ?? DEFAULT_ESTIMATE_AFTER_MS;
  const old = state.kind === 'stale' || f.ageMs > estimateAfter;
  if (old && f.estimatedRemaining !== undefined) {
    return {
      id: f.id,
      remaining: f.estimatedRemaining,
      ...(f.limit !== undefined && { limit: f.limit }),
      ...(f.estimatedShare !== undefined && { share: f.estimatedShare }),
      estimated: true,
    };
  }
  return {
    id: f.id,
    ...(f.remaining !== undefined && { remaining: f.remaining }),
    ...(f.limit !== undefined && { limit: f.limit }),
    ...(f.share !== undefined && { share: f.share }),
    estimated: false,
  };
}

/** The binding limit's figure at `now`, as both the status bar and the tooltip show it. */
export function bindingFigure(
  state: MonitorState,
  now: number,
  options: FormatOptions = {},
): ShownFigure | undefined {
  if (state.binding === undefined) return undefined;
  const family = stateBudget(state, now)?.families.find((f) => f.id === state.binding);
  if (family) return shownFigure(family, state, options);
  return state.bindingShare !== undefined
    ? { id: state.binding, share: state.bindingShare, estimated: false }
    : undefined;
}

/** A 429 whose retry-after is still running: the countdown is the news, not a percentage. */
function countingDown(state: MonitorState, now: number): boolean {
  return state.kind === 'critical' && state.status === 429 && (state.countdownUntil ?? 0) > now;
}

/**
 * The compact status bar text, e.g. `$(pulse) 82% RPM`, `$(error) 429 · 23s`, or, once the
 * reading is older than the poll interval, the estimate: `$(history) ~76% RPM est.` (the
 * same number the tooltip's table shows; never a stale measured 0%).
 */
export function statusText(state: MonitorState, now: number, options: FormatOptions = {}): string {
  const figure = bindingFigure(state, now, options);
  if (figure?.estimated && figure.share !== undefined && showsLevel(state) && !countingDown(state, now)) {
    return `$(history) ~${formatPercent(figure.share)} ${FAMILY_SHORT_LABELS[figure.id]} est.`;
  }
  const binding =
    figure?.share !== undefined
      ? `${formatPercent(figure.share)} ${FAMILY_SHORT_LABELS[figure.id]}`
      : undefined;
  switch (state.kind) {
    case 'ok':
      return binding ? `$(pulse) ${binding}` : '$(pulse) OK';
    case 'warning':
      return `$(warning) ${binding ?? 'low'}`;
    case 'critical': {
      if (state.status === 429) {
        const left = state.countdownUntil !== undefined ? state.countdownUntil - now : 0;
        // An acceleration 429 is named as such: the cure (ramp up slowly) differs from the ceiling's.
        const what = state.cause === 'acceleration' ? '429 acceleration' : '429';
        return left > 0 ? `$(error) ${what} · ${formatDuration(left, 'ceil')}` : `$(error) ${what}`;
      }
      return `$(error) ${binding ?? 'critical'}`;
    }
    case 'spend-cap':
      return '$(credit-card) spend cap';
    case 'overloaded':
      return '$(cloud) 529 overloaded';
    case 'auth':
      return state.status === 403 ? '$(key) 403 no permission' : `$(key) ${state.status ?? 401} key rejected`;
    case 'offline':
      return '$(debug-disconnect) offline';
    case 'no-key':
      return '$(key) set API key';
    case 'stale': {
      if (state.lastUpdate === undefined) return '$(history) waiting for data';
      const age = formatDuration(now - state.lastUpdate, 'floor');
      return binding ? `$(history) ${binding} · ${age} ago` : `$(history) ${age} ago`;
    }
    case 'api-error':
      return state.status !== undefined ? `$(alert) ${state.status} API error` : '$(alert) API error';
  }
}

/** States whose status bar text is the binding limit's headroom. */
function showsLevel(state: MonitorState): boolean {
  return (
    state.kind === 'ok' || state.kind === 'warning' || state.kind === 'critical' || state.kind === 'stale'
  );
}

/**
 * Status bar background: `warning` or `error` (VS Code's two status bar colours), else none.
 * An estimate is not a measurement, so it never colours the bar.
 */
export function statusBackground(
  state: MonitorState,
  now?: number,
  options: FormatOptions = {},
): 'warning' | 'error' | undefined {
  if (now !== undefined && showsLevel(state) && !countingDown(state, now)) {
    if (bindingFigure(state, now, options)?.estimated) return undefined;
  }
  switch (state.kind) {
    case 'critical':
    case 'spend-cap':
    case 'auth':
      return 'error';
    case 'warning':
    case 'overloaded':
    case 'offline':
    case 'api-error':
      return 'warning';
    case 'ok':
    case 'stale':
    case 'no-key':
      return undefined;
  }
}

const KIND_TITLES: Readonly<Record<MonitorStateKind, string>> = {
  ok: '$(pulse) OK',
  warning: '$(warning) Warning',
  critical: '$(error) Critical',
  'spend-cap': '$(credit-card) Spend cap reached',
  overloaded: '$(cloud) API overloaded',
  auth: '$(key) Key problem',
  offline: '$(debug-disconnect) Offline',
  'no-key': '$(key) No API key',
  stale: '$(history) Stale',
  'api-error': '$(alert) API error',
};

const SOURCE_NAMES: Readonly<Record<SourceKind, string>> = {
  poll: 'polling (one small request per interval)',
  observed: "observed (your app's own traffic)",
  simulated: 'simulated API (local test server)',
};

/** Row labels short enough for the default hover width, units included. */
const ROW_LABELS: Readonly<Record<LimitFamilyId, string>> = {
  requests: 'Requests/min',
  'input-tokens': 'Input tok/min',
  'output-tokens': 'Output tok/min',
  tokens: 'Tokens/min',
  'priority-input-tokens': 'Priority in tok/min',
  'priority-output-tokens': 'Priority out tok/min',
  'fast-input-tokens': 'Fast in tok/min',
  'fast-output-tokens': 'Fast out tok/min',
};

/**
 * The Markdown tooltip: state and reason, a table of every family (*Left*: the same figure
 * the status bar shows, `~` when it is the estimate; *Limit*; *Refills*: countdown and local
 * clock time), model, source, last update and last request id. Meant for a `MarkdownString`
 * with `supportThemeIcons`; short column heads so nothing wraps at the default hover width.
 */
export function statusTooltip(state: MonitorState, now: number, options: FormatOptions = {}): string {
  const clock = options.formatClock ?? localClock;
  const budget = stateBudget(state, now);
  const binding = bindingFigure(state, now, options);
  const lines: string[] = [];
  lines.push(
    `**Headroom** · ${state.model !== undefined ? `\`${codeSpan(state.model)}\`` : 'no model chosen'}`,
  );
  lines.push('');
  if (binding?.estimated && binding.share !== undefined && showsLevel(state) && !countingDown(state, now)) {
    lines.push(
      `$(history) Estimate: ~${formatPercent(binding.share)} ${FAMILY_SHORT_LABELS[binding.id]} left. Last reading: ${escapeMarkdown(state.reason)}`,
    );
  } else {
    lines.push(`${KIND_TITLES[state.kind]} — ${escapeMarkdown(state.reason)}`);
  }

  if (state.countdownUntil !== undefined && state.countdownUntil > now) {
    lines.push('');
    const left = formatDuration(state.countdownUntil - now, 'ceil');
    lines.push(
      state.kind === 'spend-cap'
        ? `Cap resets in ${left} (${new Date(state.countdownUntil).toISOString().slice(0, 10)} 00:00 UTC), unless your tier is raised.`
        : `Retry after: ${left} (at ${clock(state.countdownUntil)}).`,
    );
  }

  if (budget && budget.families.length > 0) {
    const rows = familyTable(budget, state, options, clock);
    lines.push('');
    lines.push(...rows.lines);
    if (rows.estimated) {
      lines.push('');
      lines.push(
        '~ Estimate: the last reading plus refill (limit per minute) since; it cannot see other traffic.',
      );
    }
  } else if (state.kind !== 'no-key' && state.lastUpdate !== undefined) {
    lines.push('');
    lines.push('No rate-limit headers received for this model yet.');
  }

  const facts: string[] = [];
  const source = budget?.source ?? state.source;
  if (source !== undefined) facts.push(`Source: ${SOURCE_NAMES[source]}`);
  if (state.lastUpdate !== undefined) {
    facts.push(
      `Last update: ${formatDuration(now - state.lastUpdate, 'floor')} ago (${clock(state.lastUpdate)})`,
    );
  }
  if (state.status !== undefined) facts.push(`Last status: ${state.status}`);
  const requestId = state.lastRequestId ?? budget?.lastRequestId;
  if (requestId !== undefined) facts.push(`Last request id: \`${codeSpan(requestId)}\``);
  if (facts.length > 0) {
    lines.push('');
    lines.push(facts.join('  \n'));
  }
  return lines.join('\n');
}

/** The tooltip's table heads: one short word each, so no cell wraps. */
export const TOOLTIP_HEADS = ['Left', 'Limit', 'Refills'] as const;

function familyTable(
  budget: ModelBudget,
  state: MonitorState,
  options: FormatOptions,
  clock: (epochMs: number) => string,
): { lines: string[]; estimated: boolean } {
  const lines = [`| | ${TOOLTIP_HEADS.join(' | ')} |`, '|:--|--:|--:|--:|'];
  let estimated = false;
  for (const f of budget.families) {
    const shown = shownFigure(f, state, options);
    estimated ||= shown.estimated && shown.remaining !== undefined;
    const label = budget.binding?.id === f.id ? `**${ROW_LABELS[f.id]}**` : ROW_LABELS[f.id];
    lines.push(
      `| ${label} | ${leftCell(shown, f)} | ${f.limit !== undefined ? formatCount(f.limit) : '—'} | ${refillsCell(shown, f, clock)} |`,
    );
  }
  return { lines, estimated };
}

function leftCell(shown: ShownFigure, f: FamilyBudget): string {
  if (shown.remaining === undefined) return '—';
  const pct = shown.share !== undefined ? ` (${formatPercent(shown.share)})` : '';
  const flag = !shown.estimated && f.remainingExceedsLimit ? ' ⚠ above limit' : '';
  return `${shown.estimated ? '~' : ''}${formatCount(shown.remaining)}${pct}${flag}`;
}

/**
 * When the bucket is full again: empty when nothing is used, `now` once the reset has
 * passed, else the countdown and the local clock time (`6s · 09:00:11`).
 */
export function refillsCell(
  shown: Pick<ShownFigure, 'remaining' | 'limit'>,
  f: Pick<FamilyBudget, 'msUntilFull' | 'reset'>,
  clock: (epochMs: number) => string = localClock,
): string {
  if (shown.remaining !== undefined && shown.limit !== undefined && shown.remaining >= shown.limit) return '';
  if (f.msUntilFull === undefined || f.reset === undefined) return '—';
  if (f.msUntilFull === 0) return 'now';
  return `${formatDuration(f.msUntilFull, 'ceil')} · ${clock(f.reset.getTime())}`;
}

/** What a notification should say when the state changes, per `headroom.monitor.notifications`. */
export interface MonitorNotification {
  readonly severity: 'warning' | 'error';
  readonly message: string;
}

/** The notification setting's values. */
export type NotificationLevel = 'off' | 'critical' | 'all';

const SEVERITY_RANK: Partial<Record<MonitorStateKind, number>> = { ok: 0, warning: 1, critical: 2 };

/**
 * Whether the transition `previous → next` deserves a notification. Only on entering a
 * kind (never repeated while it holds), only on getting worse within ok → warning →
 * critical, and: `critical` = critical, spend cap and key problems; `all` adds warnings.
 */
export function notificationFor(
  previous: MonitorState,
  next: MonitorState,
  level: NotificationLevel,
): MonitorNotification | undefined {
  if (level === 'off' || previous.kind === next.kind) return undefined;
  const before = SEVERITY_RANK[previous.kind];
  const after = SEVERITY_RANK[next.kind];
  // Stryker disable next-line EqualityOperator: equivalent, equal ranks mean equal kinds, returned above
  if (before !== undefined && after !== undefined && after <= before) return undefined;
  const message = `Headroom${next.model !== undefined ? ` (${next.model})` : ''}: ${next.reason}`;
  switch (next.kind) {
    case 'critical':
    case 'spend-cap':
    case 'auth':
      return { severity: 'error', message };
    case 'warning':
      return level === 'all' ? { severity: 'warning', message } : undefined;
    default:
      return undefined;
  }
}

/**
 * Whether a notification shown on entering `notified` should be withdrawn now that the
 * state is `next`: when the state recovered or changed to another definite state (which
 * brings its own notification, if any). Not knowing (`stale`, `offline`) keeps it.
 */
export function notificationEnds(notified: MonitorStateKind, next: MonitorState): boolean {
  return next.kind !== notified && next.kind !== 'stale' && next.kind !== 'offline';
}

/** A share as a whole percent, rounded down so headroom is never overstated (0.199 → `19%`). */
export function formatPercent(share: number): string {
  if (!Number.isFinite(share)) return '—';
  return `${Math.floor(Math.min(1, Math.max(0, share)) * 100 + 1e-9)}%`;
}

/** A count with thousands separators: `2,399,000`. */
export function formatCount(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '—';
}

/** Dollars for people (status bar, hover and the dashboard's cost panel alike): `$0.0042`, `$1.23`, `$1,234`. */
export function formatUsd(usd: number): string {
  if (!Number.isFinite(usd)) return '—';
  if (usd === 0) return '$0.00';
  if (Math.abs(usd) < 0.01) return `$${usd.toFixed(4)}`;
  if (Math.abs(usd) < 1000) return `$${usd.toFixed(2)}`;
  return `$${Math.round(usd).toLocaleString('en-US')}`;
}

/**
 * A duration: `23s`, `4m 05s`, `3h 41m`, `9d 4h`. `ceil` for countdowns (never shows 0s
 * while time remains), `floor` for ages. Negative durations show as `0s`.
 */
export function formatDuration(ms: number, rounding: 'ceil' | 'floor' = 'floor'): string {
  if (!Number.isFinite(ms) || ms <= 0) return '0s';
  const total = rounding === 'ceil' ? Math.ceil(ms / 1000) : Math.floor(ms / 1000);
  if (total < 60) return `${total}s`;
  const pad = (n: number): string => String(n).padStart(2, '0');
  if (total < 3600) return `${Math.floor(total / 60)}m ${pad(total % 60)}s`;
  if (total < 86_400) return `${Math.floor(total / 3600)}h ${pad(Math.floor((total % 3600) / 60))}m`;
  return `${Math.floor(total / 86_400)}d ${Math.floor((total % 86_400) / 3600)}h`;
}

function localClock(epochMs: number): string {
  const d = new Date(epochMs);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/**
 * Escapes text for Markdown (and for `$(icon)` expansion) so server-provided text cannot
 * inject links, tables, HTML or icons into the tooltip.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_{}[\]()#+!|~$]/g, '\\$&')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r?\n/g, ' ');
}

/** Text for inside a single-backtick code span: no backticks or line breaks. */
function codeSpan(text: string): string {
  return text.replace(/[`\r\n]/g, '');
}
