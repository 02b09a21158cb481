/**
 * Pure presentation for the status bar: compact text with codicons (`$(name)`), a Markdown
 * tooltip, the background to use, and which transitions deserve a notification. Nothing
 * here can see an API key: the inputs are the parsed state and budget only, and every piece
 * of server-provided text is escaped before it goes into Markdown.
 */
import type { FamilyBudget, ModelBudget } from './budget';
import { FAMILY_NAMES, FAMILY_SHORT_LABELS } from './headers';
import type { SourceKind } from './source';
import { stateBudget, type MonitorState, type MonitorStateKind } from './state';

export interface FormatOptions {
  /** Formats an absolute time for the tooltip; default local `HH:MM:SS`. */
  readonly formatClock?: (epochMs: number) => string;
}

/** The compact status bar text, e.g. `$(pulse) 82% RPM` or `$(error) 429 · 23s`. */
export function statusText(state: MonitorState, now: number): string {
  const binding = bindingLabel(state);
  switch (state.kind) {
    case 'ok':
      return binding ? `$(pulse) ${binding}` : '$(pulse) OK';
    case 'warning':
      return `$(warning) ${binding ?? 'low'}`;
    case 'critical': {
      if (state.status === 429) {
        const left = state.countdownUntil !== undefined ? state.countdownUntil - now : 0;
        return left > 0 ? `$(error) 429 · ${formatDuration(left, 'ceil')}` : '$(error) 429';
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

/** Status bar background: `warning` or `error` (VS Code's two status bar colours), else none. */
export function statusBackground(state: MonitorState): 'warning' | 'error' | undefined {
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

/**
 * The Markdown tooltip: state and reason, a table of every family (measured limit,
 * remaining, time to full refill, measurement age, and the separate refill estimate),
 * model, source, last update and last request id. Meant for a `MarkdownString` with
 * `supportThemeIcons`.
 */
export function statusTooltip(state: MonitorState, now: number, options: FormatOptions = {}): string {
  const clock = options.formatClock ?? localClock;
  const budget = stateBudget(state, now);
  const lines: string[] = [];
  lines.push(
    `**Headroom** · ${state.model !== undefined ? `\`${codeSpan(state.model)}\`` : 'no model chosen'}`,
  );
  lines.push('');
  lines.push(`${KIND_TITLES[state.kind]} — ${escapeMarkdown(state.reason)}`);

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
    lines.push('');
    lines.push(...familyTable(budget));
    lines.push('');
    lines.push(
      '¹ Estimate: the measurement plus continuous refill (limit per 60 s) since it was taken; it cannot see traffic since then.',
    );
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

function familyTable(budget: ModelBudget): string[] {
  const rows = ['| Limit | Remaining | Of | Full in | Measured | Est. now¹ |', '|:--|--:|--:|--:|--:|--:|'];
  for (const f of budget.families) {
    const isBinding = budget.binding?.id === f.id;
    const name = `${FAMILY_NAMES[f.id]} (${FAMILY_SHORT_LABELS[f.id]})`;
    rows.push(
      [
        '',
        isBinding ? `**${name}**` : name,
        remainingCell(f),
        f.limit !== undefined ? formatCount(f.limit) : '—',
        f.msUntilFull === undefined
          ? '—'
          : f.msUntilFull === 0
            ? 'full'
            : formatDuration(f.msUntilFull, 'ceil'),
        `${formatDuration(f.ageMs, 'floor')} ago`,
        f.estimatedRemaining !== undefined ? `~${formatCount(f.estimatedRemaining)}` : '—',
        '',
      ]
        .join(' | ')
        .trim(),
    );
  }
  return rows;
}

function remainingCell(f: FamilyBudget): string {
  if (f.remaining === undefined) return '—';
  const pct = f.share !== undefined ? ` (${formatPercent(f.share)})` : '';
  const flag = f.remainingExceedsLimit ? ' ⚠ above limit' : '';
  return `${formatCount(f.remaining)}${pct}${flag}`;
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

function bindingLabel(state: MonitorState): string | undefined {
  if (state.binding === undefined || state.bindingShare === undefined) return undefined;
  return `${formatPercent(state.bindingShare)} ${FAMILY_SHORT_LABELS[state.binding]}`;
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
