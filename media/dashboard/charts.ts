/** The dashboard's uPlot charts: one per limit family, shared zoom, 429/529 markers, theme colours. */
import uPlot from 'uplot';
import type { ChartSeries, HistoryFamilyId } from '../../src/core/history';
import {
  labelFormat,
  type TimeLabelFormat,
  timeLabel,
  timeTicks,
  WIDEST_LABEL,
} from '../../src/features/dashboard/timeTicks';
import { $ } from './dom';
import { formatClock, formatCount, formatShort, formatWindow } from './format';

export const CHART_HEIGHT = 200;

const FAMILY_TITLES: Readonly<Record<HistoryFamilyId, string>> = {
  requests: 'requests (RPM)',
  'input-tokens': 'input tokens (ITPM)',
  'output-tokens': 'output tokens (OTPM)',
  tokens: 'tokens (TPM)',
};

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

/** The axes' font, set explicitly so the time labels are measured in the font they are drawn in. */
const AXIS_FONT = '12px system-ui, sans-serif';
const labelWidths = new Map<TimeLabelFormat, number>();

/** The width of the widest time label of a format, CSS pixels (measured once). */
function labelWidth(format: TimeLabelFormat): number {
  let w = labelWidths.get(format);
  if (w === undefined) {
    const ctx = document.createElement('canvas').getContext('2d');
    if (ctx) ctx.font = AXIS_FONT;
    w = ctx ? Math.ceil(ctx.measureText(WIDEST_LABEL[format]).width) : WIDEST_LABEL[format].length * 8;
    labelWidths.set(format, w);
  }
  return w;
}

/**
 * The time axis: ticks chosen from the plot's width and the labels' width (timeTicks.ts),
 * so labels never overlap (uPlot's own spacing assumes a label width that "3:40am" exceeds).
 */
function timeAxis(axis: uPlot.Axis): uPlot.Axis {
  let step = 1;
  return {
    ...axis,
    font: AXIS_FONT,
    splits: (u, _axisIdx, min, max) => {
      const plotWidth = u.bbox.width > 0 ? u.bbox.width / uPlot.pxRatio : u.width;
      const ticks = timeTicks(min, max, plotWidth, labelWidth);
      step = ticks.step;
      return ticks.splits;
    },
    values: (_u, splits) => splits.map((s) => timeLabel(s, labelFormat(step))),
  };
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
  const axis: uPlot.Axis = {
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
    axes: [
      timeAxis(axis),
      { ...axis, font: AXIS_FONT, size: 56, values: (_u, splits) => splits.map(formatShort) },
    ],
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

export function renderCharts(series: ChartSeries | undefined): void {
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

/** Resizes every chart to its card (the panel was resized). */
export function resizeCharts(): void {
  for (const chart of charts) chart.plot.setSize({ width: chartWidth(chart.card), height: CHART_HEIGHT });
}

/** Drops the zoom; `redraw` also shows every chart's full range again. */
export function resetZoom(redraw: boolean): void {
  zoom = undefined;
  if (redraw) applyZoom();
}

/** Re-reads the theme colours; true when they changed (the charts were destroyed and must be drawn again). */
export function refreshPalette(): boolean {
  const next = readPalette();
  if (JSON.stringify(next) === JSON.stringify(palette)) return false;
  palette = next;
  destroyCharts();
  return true;
}
