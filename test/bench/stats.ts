/** Small statistics and formatting helpers shared by the bench sections. */
import * as os from 'node:os';

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Nearest-rank percentile (p in 0..1): the smallest sample with at least p of them at or below it. */
export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.min(s.length - 1, Math.ceil(s.length * p) - 1))];
}

export function ms(x: number): string {
  return `${x.toFixed(2)} ms`;
}

export function mark(met: boolean): string {
  return met ? 'MET' : 'MISSED';
}

/** The 1, 5 and 15 minute load averages, for the record next to every figure. */
export function loadAverage(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
}

/**
 * CPU time (ms) this process spends in `fn` (all its threads: V8's compiler and GC helpers
 * too). On a shared machine the wall time also counts the time spent waiting for a core,
 * which swamps a few milliseconds; `wall`, when given, collects it.
 */
export function cpuTime(fn: () => void, wall?: number[]): number {
  const w = performance.now();
  const c = process.cpuUsage();
  fn();
  const d = process.cpuUsage(c);
  wall?.push(performance.now() - w);
  return (d.user + d.system) / 1000;
}
