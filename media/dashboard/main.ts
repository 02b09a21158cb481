/**
 * The dashboard webview: draws the state the extension host posts (charts with uPlot, the
 * limits table, the model picker) and sends back the user's choices. Bundled by esbuild into
 * dist/dashboard/main.js (browser IIFE); runs under a CSP that allows only this script.
 *
 * All text from the host goes into the DOM through `textContent`, never as HTML.
 */
import type { HistoryFamilyId, LimitRow } from '../../src/core/history';
import type { DashboardState, HostMessage, WebviewMessage } from '../../src/features/dashboard/protocol';
import { refreshPalette, renderCharts, resetZoom, resizeCharts } from './charts';
import { refillsCell } from '../../src/core/monitor/format';
import { renderCost } from './cost';
import { $ } from './dom';
import { formatCount, formatDuration, formatPercent } from './format';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();

const FAMILY_ROW_NAMES: Readonly<Record<HistoryFamilyId, string>> = {
  requests: 'Requests',
  'input-tokens': 'Input tokens',
  'output-tokens': 'Output tokens',
  tokens: 'Tokens (input + output)',
};

interface PersistedState {
  selected?: string;
}

let state: DashboardState | undefined;
/** Host clock minus ours, so countdowns are right even when the webview runs elsewhere (code-server). */
let skew = 0;

function renderMonitor(s: DashboardState): void {
  const { monitor } = s;
  const parts = [`Monitor: ${monitor.kind}`];
  if (monitor.model) parts.push(`status bar follows ${monitor.model}`);
  if (monitor.source) parts.push(`source: ${monitor.source}`);
  if (monitor.phase !== 'running') parts.push(monitor.phase);
  $('monitor').textContent = `${parts.join(' · ')} — ${monitor.reason}`;
}

function renderModels(s: DashboardState): void {
  const picker = $('model-picker');
  const select = $('model') as HTMLSelectElement;
  picker.hidden = s.models.length < 2;
  const wanted = s.models.map((m) => `${m.model}\u0000${m.samples}`).join('\u0001');
  if (select.dataset.key !== wanted) {
    select.dataset.key = wanted;
    select.replaceChildren(
      ...s.models.map((m) => {
        const option = document.createElement('option');
        option.value = m.model;
        option.textContent = `${m.model} (${m.samples.toLocaleString('en-US')} samples)`;
        return option;
      }),
    );
  }
  if (s.selected !== undefined) select.value = s.selected;
}

function renderSummary(s: DashboardState): void {
  const summary = s.summary;
  if (!summary || summary.samples === 0) {
    $('summary').textContent = '';
    return;
  }
  const o = summary.outcomes;
  const parts = [
    `${summary.samples.toLocaleString('en-US')} requests`,
    summary.first !== undefined ? `since ${new Date(summary.first).toLocaleString()}` : '',
    `${o['rate-limited']} × 429`,
    `${o.overloaded} × 529`,
    o.error > 0 ? `${o.error} other errors` : '',
    o['network-error'] + o.timeout > 0 ? `${o['network-error'] + o.timeout} without an answer` : '',
    summary.inputTokens + summary.outputTokens > 0
      ? `${formatCount(summary.inputTokens)} input / ${formatCount(summary.outputTokens)} output tokens`
      : '',
  ];
  $('summary').textContent = parts.filter(Boolean).join(' · ');
}

function cell(text: string, className?: string): HTMLTableCellElement {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

function renderLimits(rows: readonly LimitRow[]): void {
  $('limits-section').hidden = rows.length === 0;
  const body = ($('limits') as HTMLTableElement).tBodies[0]!;
  body.replaceChildren(
    ...rows.map((row) => {
      const tr = document.createElement('tr');
      const left = cell(formatPercent(row.share), 'num');
      if (row.share !== undefined && row.share < 0.05) left.classList.add('critical');
      else if (row.share !== undefined && row.share < 0.2) left.classList.add('warning');
      // The tooltip's wording: empty when nothing is used, `now` once the reset has passed,
      // else the countdown and the local clock time.
      const refills = cell('', 'num countdown');
      if (row.reset !== undefined) refills.dataset.reset = String(row.reset);
      if (row.remaining !== undefined) refills.dataset.remaining = String(row.remaining);
      if (row.limit !== undefined) refills.dataset.limit = String(row.limit);
      const measured = cell('', 'num age');
      measured.dataset.at = String(row.observedAt);
      tr.append(
        cell(FAMILY_ROW_NAMES[row.family]),
        cell(formatCount(row.limit), 'num'),
        cell(formatCount(row.remaining), 'num'),
        left,
        refills,
        measured,
      );
      return tr;
    }),
  );
  tickClocks();
}

/** Countdowns and ages move every second without a message from the host. */
function tickClocks(): void {
  const now = Date.now() + skew;
  document.querySelectorAll<HTMLElement>('td.countdown').forEach((el) => {
    const { reset, remaining, limit } = el.dataset;
    el.textContent = refillsCell(
      {
        remaining: remaining === undefined ? undefined : Number(remaining),
        limit: limit === undefined ? undefined : Number(limit),
      },
      reset === undefined
        ? {}
        : { msUntilFull: Math.max(0, Number(reset) - now), reset: new Date(Number(reset)) },
    );
  });
  document.querySelectorAll<HTMLElement>('td.age').forEach((el) => {
    el.textContent = `${formatDuration(Math.max(0, now - Number(el.dataset.at)))} ago`;
  });
}

function render(s: DashboardState): void {
  state = s;
  skew = s.hostNow - Date.now();
  if (s.selected !== undefined) vscode.setState({ selected: s.selected } satisfies PersistedState);
  renderMonitor(s);
  renderModels(s);
  renderSummary(s);
  const empty = s.series === undefined || s.series.t.length === 0;
  $('empty').hidden = !empty;
  $('legend').hidden = empty;
  renderLimits(s.limits);
  renderCharts(s.series);
  renderCost(s.budgetAhead);
  $('footer').textContent =
    `History keeps the newest ${s.maxSamplesPerModel.toLocaleString('en-US')} requests of up to ${s.maxModels} models.`;
  vscode.postMessage({
    type: 'rendered',
    charts: document.querySelectorAll('#charts canvas').length,
    points: s.series?.t.length ?? 0,
    ...(s.selected !== undefined && { model: s.selected }),
  });
}

let noticeTimer: ReturnType<typeof setTimeout> | undefined;
function notice(text: string, error = false): void {
  const el = $('notice');
  el.textContent = text;
  el.classList.toggle('error', error);
  if (noticeTimer !== undefined) clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => (el.textContent = ''), 6000);
}

function isHostMessage(value: unknown): value is HostMessage {
  const type = (value as { type?: unknown } | null)?.type;
  return type === 'state' || type === 'exportResult';
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = event.data;
  if (!isHostMessage(message)) return;
  if (message.type === 'state') render(message.state);
  else notice(message.message, !message.ok);
});

($('model') as HTMLSelectElement).addEventListener('change', (event) => {
  const model = (event.target as HTMLSelectElement).value;
  resetZoom(false);
  $('reset-zoom').hidden = true;
  vscode.setState({ selected: model } satisfies PersistedState);
  vscode.postMessage({ type: 'select', model });
});
$('export').addEventListener('click', () => vscode.postMessage({ type: 'exportCsv' }));
$('clear').addEventListener('click', () => vscode.postMessage({ type: 'clearHistory' }));
$('reset-zoom').addEventListener('click', () => resetZoom(true));

new ResizeObserver(resizeCharts).observe($('charts'));

// A theme change swaps the CSS variables on <html> and the class on <body>: redraw in the new colours.
const themeObserver = new MutationObserver(() => {
  if (refreshPalette() && state) renderCharts(state.series);
});
themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
themeObserver.observe(document.body, { attributes: true, attributeFilter: ['class'] });

setInterval(tickClocks, 1000);

const saved = vscode.getState() as PersistedState | undefined;
vscode.postMessage({
  type: 'ready',
  ...(typeof saved?.selected === 'string' && { selected: saved.selected }),
});
