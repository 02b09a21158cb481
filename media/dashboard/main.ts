/**
 * The dashboard webview: draws the state the extension host posts (charts with uPlot, the
 * limits table, the model picker) and sends back the user's choices. Bundled by esbuild into
 * dist/dashboard/main.js (browser IIFE); runs under a CSP that allows only this script.
 *
 * All text from the host goes into the DOM through `textContent`, never as HTML.
 */
import uPlot from 'uplot';
import type { ChartSeries, HistoryFamilyId, LimitRow } from '../../src/core/history';
import {
  formatCount as formatCountOf,
  formatDuration as formatDurationOf,
  formatPercent as formatPercentOf,
} from '../../src/core/monitor/format';
import type { DashboardState, HostMessage, WebviewMessage } from '../../src/features/dashboard/protocol';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const CHART_HEIGHT = 200;

const FAMILY_TITLES: Readonly<Record<HistoryFamilyId, string>> = {
  requests: 'requests (RPM)',
  'input-tokens': 'input tokens (ITPM)',
  'output-tokens': 'output tokens (OTPM)',
  tokens: 'tokens (TPM)',
};

const FAMILY_ROW_NAMES: Readonly<Record<HistoryFamilyId, string>> = {
  requests: 'Requests',
  'input-tokens': 'Input tokens',
  'output-tokens': 'Output tokens',
  tokens: 'Tokens (input + output)',
};

interface PersistedState {
  selected?: string;
}

function $(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing`);
  return el;
}

// ---- formatting -------------------------------------------------------------------------

function formatCount(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : formatCountOf(n);
}

function formatShort(n: number): string {
  const abs = Math.abs(n);
  if (abs >= 1e9) return `${+(n / 1e9).toFixed(1)}G`;
  if (abs >= 1e6) return `${+(n / 1e6).toFixed(1)}M`;
  if (abs >= 1e4) return `${+(n / 1e3).toFixed(0)}k`;
  if (abs >= 1e3) return `${+(n / 1e3).toFixed(1)}k`;
  return `${+n.toFixed(abs < 10 ? 1 : 0)}`;
}

function formatPercent(share: number | undefined): string {
  return share === undefined ? '—' : formatPercentOf(share);
}

function formatDuration(ms: number): string {
  return formatDurationOf(ms, 'ceil');
}

function formatClock(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString();
}

function formatWindow(ms: number): string {
  return ms % 60_000 === 0 ? `${ms / 60_000} min` : `${Math.round(ms / 1000)} s`;
}

// ---- theme ------------------------------------------------------------------------------

interface Palette {
  foreground: string;
  muted: string;
  grid: string;
  blue: string;
  green: string;
  purple: string;
  red: string;
  orange: string;
  yellow: string;
}

/** Canvas cannot read CSS variables, so the theme's colours are resolved once per theme. */
function readPalette(): Palette {
  const style = getComputedStyle(document.documentElement);
  const css = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  return {
    foreground: css('--vscode-editor-foreground', '#cccccc'),
    muted: css('--vscode-descriptionForeground', '#999999'),
    grid: css('--vscode-editorWidget-border', 'rgba(128,128,128,0.35)'),
    blue: css('--vscode-charts-blue', '#3794ff'),
    green: css('--vscode-charts-green', '#89d185'),
    purple: css('--vscode-charts-purple', '#b180d7'),
    red: css('--vscode-charts-red', '#f14c4c'),
    orange: css('--vscode-charts-orange', '#d18616'),
    yellow: css('--vscode-charts-yellow', '#cca700'),
  };
}

// ---- charts -----------------------------------------------------------------------------

interface LineSpec {
  label: string;
  color: keyof Palette;
  dash?: number[];
  width?: number;
  /** Points only, no line (e.g. each request's own latency). */
  pointsOnly?: boolean;
}

interface ChartSpec {
  id: string;
  title: string;
  lines: LineSpec[];
  values: (series: ChartSeries) => (number | null)[][];
}

function chartSpecs(series: ChartSeries): ChartSpec[] {
  const nulls = series.t.map(() => null);
  const specs: ChartSpec[] = series.families.map((family) => ({
    id: `remaining-${family}`,
    title: `Remaining ${FAMILY_TITLES[family]}`,
    lines: [
      { label: 'Remaining', color: 'blue' },
      { label: 'Limit', color: 'muted', dash: [6, 4], width: 1 },
    ],
    values: (s) => [s.remaining[family] ?? nulls, s.limit[family] ?? nulls],
  }));
  specs.push({
    id: 'rate',
    title: `Request rate (requests per minute over ${formatWindow(series.rateWindowMs)})`,
    lines: [
      { label: 'Rate', color: 'green' },
      { label: 'RPM limit', color: 'muted', dash: [6, 4], width: 1 },
    ],
    values: (s) => [s.ratePerMinute, s.limit.requests ?? nulls],
  });
  specs.push({
    id: 'latency',
    title: `Latency, ms (p50 and p95 over ${formatWindow(series.latencyWindowMs)})`,
    lines: [
      { label: 'p50', color: 'blue' },
      { label: 'p95', color: 'purple' },
      { label: 'Each request', color: 'muted', pointsOnly: true },
    ],
    values: (s) => [s.p50, s.p95, s.latencyMs],
  });
  return specs;
}

interface Chart {
  spec: ChartSpec;
  plot: uPlot;
  card: HTMLElement;
}

let charts: Chart[] = [];
let chartsKey = '';
let palette = readPalette();
let markers: ChartSeries['markers'] = [];
let zoom: { min: number; max: number } | undefined;

/** Draws 429 (red) and 529 (orange) as vertical lines across the plot area. */
function markersPlugin(): uPlot.Plugin {
  return {
    hooks: {
      draw: (u: uPlot) => {
        const { ctx } = u;
        const { left, top, width, height } = u.bbox;
        ctx.save();
        ctx.setLineDash([]); // uPlot leaves the last series' dash (the limit line's) on the context.
        ctx.lineWidth = Math.max(1, devicePixelRatio);
        for (const m of markers) {
          const x = u.valToPos(m.at / 1000, 'x', true);
          if (!Number.isFinite(x) || x < left || x > left + width) continue;
          ctx.strokeStyle = m.status === 429 ? palette.red : palette.orange;
          ctx.globalAlpha = 0.85;
          ctx.beginPath();
          ctx.moveTo(x, top);
          ctx.lineTo(x, top + height);
          ctx.stroke();
        }
        ctx.restore();
      },
    },
  };
}

/** Drag-to-zoom applies to every chart at once; double-click resets. */
function zoomPlugin(): uPlot.Plugin {
  return {
    hooks: {
      setSelect: (u: uPlot) => {
        if (u.select.width > 2) {
          const min = u.posToVal(u.select.left, 'x');
          const max = u.posToVal(u.select.left + u.select.width, 'x');
          if (Number.isFinite(min) && Number.isFinite(max) && max > min) {
            zoom = { min, max };
            applyZoom();
          }
        }
        u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
      },
      ready: (u: uPlot) => {
        u.over.addEventListener('dblclick', () => {
          zoom = undefined;
          applyZoom();
        });
      },
    },
  };
}

function applyZoom(): void {
  $('reset-zoom').hidden = zoom === undefined;
  for (const chart of charts) {
    const xs = chart.plot.data[0];
    if (zoom) chart.plot.setScale('x', zoom);
    else if (xs.length > 0) chart.plot.setScale('x', { min: xs[0]!, max: xs[xs.length - 1]! });
  }
}

function chartWidth(card: HTMLElement): number {
  return Math.max(240, card.clientWidth - 16);
}

function createChart(spec: ChartSpec, data: uPlot.AlignedData, container: HTMLElement): Chart {
  const card = document.createElement('figure');
  card.className = 'chart';
  card.dataset.chart = spec.id;
  const caption = document.createElement('figcaption');
  caption.textContent = spec.title;
  card.append(caption);
  container.append(card);
  const axis = {
    stroke: palette.foreground,
    grid: { stroke: palette.grid, width: 1 },
    ticks: { stroke: palette.grid, width: 1 },
  };
  const options: uPlot.Options = {
    width: chartWidth(card),
    height: CHART_HEIGHT,
    scales: {
      x: { time: true },
      y: { range: (_u, _min, max) => [0, max !== null && max > 0 ? max * 1.08 : 1] },
    },
    axes: [axis, { ...axis, size: 56, values: (_u, splits) => splits.map(formatShort) }],
    series: [
      { value: (_u, v) => (v === null ? '—' : formatClock(v * 1000)) },
      ...spec.lines.map((line): uPlot.Series => ({
        label: line.label,
        stroke: palette[line.color],
        width: line.width ?? 2,
        spanGaps: !line.pointsOnly,
        value: (_u, v) => formatCount(v),
        ...(line.dash && { dash: line.dash }),
        ...(line.pointsOnly
          ? { paths: () => null, points: { show: true, size: 4, fill: palette[line.color] } }
          : { points: { show: false } }),
      })),
    ],
    cursor: { drag: { x: true, y: false, setScale: false }, sync: { key: 'headroom' } },
    legend: { show: true },
    plugins: [markersPlugin(), zoomPlugin()],
  };
  const plot = new uPlot(options, data, card);
  return { spec, plot, card };
}

function chartData(spec: ChartSpec, series: ChartSeries): uPlot.AlignedData {
  return [series.t.map((t) => t / 1000), ...spec.values(series)] as uPlot.AlignedData;
}

function renderCharts(series: ChartSeries | undefined): void {
  const container = $('charts');
  if (!series || series.t.length === 0) {
    destroyCharts();
    return;
  }
  markers = series.markers;
  const specs = chartSpecs(series);
  const key = specs.map((s) => s.id).join('|');
  if (key !== chartsKey) {
    destroyCharts();
    chartsKey = key;
    charts = specs.map((spec) => createChart(spec, chartData(spec, series), container));
  } else {
    for (const chart of charts) {
      chart.spec = specs.find((s) => s.id === chart.spec.id) ?? chart.spec;
      chart.plot.setData(chartData(chart.spec, series), zoom === undefined);
    }
  }
  if (zoom) applyZoom();
}

function destroyCharts(): void {
  for (const chart of charts) {
    chart.plot.destroy();
    chart.card.remove();
  }
  charts = [];
  chartsKey = '';
}

// ---- the rest of the page ---------------------------------------------------------------

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
      const fullIn = cell('', 'num countdown');
      if (row.reset !== undefined) fullIn.dataset.reset = String(row.reset);
      const measured = cell('', 'num age');
      measured.dataset.at = String(row.observedAt);
      tr.append(
        cell(FAMILY_ROW_NAMES[row.family]),
        cell(formatCount(row.limit), 'num'),
        cell(formatCount(row.remaining), 'num'),
        left,
        cell(row.reset !== undefined ? formatClock(row.reset) : '—', 'num'),
        fullIn,
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
    const reset = Number(el.dataset.reset);
    el.textContent =
      el.dataset.reset === undefined ? '—' : reset <= now ? 'full' : formatDuration(reset - now);
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
  zoom = undefined;
  $('reset-zoom').hidden = true;
  vscode.setState({ selected: model } satisfies PersistedState);
  vscode.postMessage({ type: 'select', model });
});
$('export').addEventListener('click', () => vscode.postMessage({ type: 'exportCsv' }));
$('clear').addEventListener('click', () => vscode.postMessage({ type: 'clearHistory' }));
$('reset-zoom').addEventListener('click', () => {
  zoom = undefined;
  applyZoom();
});

new ResizeObserver(() => {
  for (const chart of charts) chart.plot.setSize({ width: chartWidth(chart.card), height: CHART_HEIGHT });
}).observe($('charts'));

// A theme change swaps the CSS variables on <html> and the class on <body>: redraw in the new colours.
const themeObserver = new MutationObserver(() => {
  const next = readPalette();
  if (JSON.stringify(next) === JSON.stringify(palette)) return;
  palette = next;
  destroyCharts();
  if (state) renderCharts(state.series);
});
themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
themeObserver.observe(document.body, { attributes: true, attributeFilter: ['class'] });

setInterval(tickClocks, 1000);

const saved = vscode.getState() as PersistedState | undefined;
vscode.postMessage({
  type: 'ready',
  ...(typeof saved?.selected === 'string' && { selected: saved.selected }),
});
