/** Number, time and share formatting for the dashboard (the host's formatters, with dashes for gaps). */
import {
  formatCount as formatCountOf,
  formatDuration as formatDurationOf,
  formatPercent as formatPercentOf,
} from '../../src/core/monitor/format';

export { formatUsd } from '../../src/core/monitor/format';

export function formatCount(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : formatCountOf(n);
}

export function formatShort(n: number): string {
  const abs = Math.abs(n);
  if (abs >= 1e9) return `${+(n / 1e9).toFixed(1)}G`;
  if (abs >= 1e6) return `${+(n / 1e6).toFixed(1)}M`;
  if (abs >= 1e4) return `${+(n / 1e3).toFixed(0)}k`;
  if (abs >= 1e3) return `${+(n / 1e3).toFixed(1)}k`;
  return `${+n.toFixed(abs < 10 ? 1 : 0)}`;
}

export function formatPercent(share: number | undefined): string {
  return share === undefined ? '—' : formatPercentOf(share);
}

export function formatDuration(ms: number): string {
  return formatDurationOf(ms, 'ceil');
}

export function formatClock(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString();
}

export function formatWindow(ms: number): string {
  return ms % 60_000 === 0 ? `${ms / 60_000} min` : `${Math.round(ms / 1000)} s`;
}

// ---- theme ------------------------------------------------------------------------------
