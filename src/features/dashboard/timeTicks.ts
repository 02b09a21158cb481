/**
 * The dashboard's time axis (used by the webview, media/dashboard/charts.ts; no `vscode`, no
 * DOM): ticks chosen from the chart's width and the width of a label, so labels never
 * overlap however narrow the panel is.
 */

/** Nice steps between ticks, seconds: 1 s up to a week. */
const STEPS = [
  1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400, 172_800,
  604_800,
];

/** Space kept between two labels, CSS pixels. */
export const LABEL_GAP_PX = 12;

/** How a tick at `step` seconds apart is labelled: seconds shown only below a minute. */
export type TimeLabelFormat = 'hms' | 'hm' | 'date';

export function labelFormat(step: number): TimeLabelFormat {
  return step < 60 ? 'hms' : step < 86_400 ? 'hm' : 'date';
}

/**
 * Tick positions (seconds) between `min` and `max` for a plot `plotWidthPx` wide: the
 * smallest nice step whose ticks stand at least one label (`labelWidthPx(format)`) plus a
 * gap apart, so neighbouring labels cannot touch. A span too short for even one step gets
 * a single tick.
 */
export function timeTicks(
  min: number,
  max: number,
  plotWidthPx: number,
  labelWidthPx: (format: TimeLabelFormat) => number,
): { splits: number[]; step: number } {
  const span = max - min;
  if (!(span > 0) || !(plotWidthPx > 0)) return { splits: [min], step: STEPS[0]! };
  const pxPerSecond = plotWidthPx / span;
  const fits = (step: number): boolean =>
    step * pxPerSecond >= labelWidthPx(labelFormat(step)) + LABEL_GAP_PX;
  let step = STEPS.find(fits);
  if (step === undefined) {
    // Beyond a week: whole weeks.
    const week = STEPS[STEPS.length - 1]!;
    step = week * Math.ceil((labelWidthPx('date') + LABEL_GAP_PX) / (week * pxPerSecond));
  }
  const splits: number[] = [];
  for (let t = Math.ceil(min / step) * step; t <= max; t += step) splits.push(t);
  return { splits: splits.length > 0 ? splits : [min], step };
}

/** A tick's label in local time: `14:05:30`, `14:05` or `12/24`. */
export function timeLabel(epochSeconds: number, format: TimeLabelFormat): string {
  const d = new Date(epochSeconds * 1000);
  const pad = (n: number): string => String(n).padStart(2, '0');
  if (format === 'date') return `${d.getMonth() + 1}/${d.getDate()}`;
  const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return format === 'hms' ? `${hm}:${pad(d.getSeconds())}` : hm;
}

/** The widest label of a format, for measuring (digits are the same width in UI fonts). */
export const WIDEST_LABEL: Readonly<Record<TimeLabelFormat, string>> = {
  hms: '00:00:00',
  hm: '00:00',
  date: '00/00',
};
