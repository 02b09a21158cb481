/** Shared test helpers for the monitor: a fake clock/scheduler and the recorded responses. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Scheduler } from '../../../src/core/monitor/poller';
import type { MonitorStateKind } from '../../../src/core/monitor/state';

/** Every state kind, in the order of the type's declaration. */
export const MONITOR_STATE_KINDS: readonly MonitorStateKind[] = [
  'ok',
  'warning',
  'critical',
  'spend-cap',
  'overloaded',
  'auth',
  'offline',
  'no-key',
  'stale',
  'api-error',
];

interface FakeTimer {
  id: number;
  at: number;
  callback: () => void;
}

/** Lets pending promise callbacks (and their follow-ups) run. */
export async function flushMicrotasks(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/**
 * A deterministic scheduler: time only moves with `advance`, timers fire in order, and
 * promise callbacks settle between timers.
 */
export class FakeScheduler implements Scheduler {
  private current: number;
  private timers: FakeTimer[] = [];
  private nextId = 1;

  constructor(start = Date.UTC(2026, 0, 1, 12, 0, 0)) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const timer = { id: this.nextId++, at: this.current + Math.max(0, ms), callback };
    this.timers.push(timer);
    return timer.id;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }

  /** Number of armed timers. */
  get pending(): number {
    return this.timers.length;
  }

  /** When the earliest armed timer is due, or undefined when none is armed. */
  get nextDue(): number | undefined {
    return this.timers.length ? Math.min(...this.timers.map((t) => t.at)) : undefined;
  }

  /** Advances time by `ms`, firing every timer due on the way. */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    await flushMicrotasks();
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at || a.id - b.id);
      const next = this.timers[0];
      if (!next || next.at > target) break;
      this.timers.shift();
      this.current = Math.max(this.current, next.at);
      next.callback();
      await flushMicrotasks();
    }
    this.current = target;
    await flushMicrotasks();
  }

  /** A promise that resolves after `ms` of fake time. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.setTimeout(resolve, ms));
  }
}

export interface RecordedResponse {
  source: string;
  genuine: 'high' | 'medium' | 'low';
  status: number;
  headers: Record<string, string>;
  error_type: string | null;
  notes: string;
}

/** The repository root (where package.json is), from the transpiled test's location. */
export function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + __dirname);
    dir = parent;
  }
  return dir;
}

/** The 30 real responses, copied from ../shared/data into the repository. */
export function loadRecordedResponses(): RecordedResponse[] {
  const file = join(repoRoot(), 'test/unit/monitor/data/real-anthropic-responses.json');
  return JSON.parse(readFileSync(file, 'utf8')) as RecordedResponse[];
}

/** `anthropic-ratelimit-input-tokens-limit` → `Anthropic-Ratelimit-Input-Tokens-Limit`, as Ruby VCR recorded them. */
export function titleCase(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());
}
