import * as vscode from 'vscode';
import { CONFIG_SECTION } from './constants';
import { normalizeRuleSettings } from './core/lint/settings';
import type { RuleId, RuleSetting } from './core/lint/types';
import { DEFAULT_ACCELERATION_SETTINGS, type AccelerationSettings } from './core/monitor/acceleration';
import type { PriceOverrides } from './core/pricing';
import { displayUpstream, parseUpstream } from './core/proxy/upstream';

/**
 * Typed settings readers. Raw values are never trusted: each reader normalises what it
 * gets and falls back to the default, so a bad settings.json cannot break a feature.
 * Linter settings are resource-scoped and read per document; never cache them globally.
 */
export interface LintSettings {
  enable: boolean;
  rules: Partial<Record<RuleId, RuleSetting>>;
  exclude: string[];
  /** Report `retries-disabled` in test code too (`headroom.lint.retriesDisabledInTests`, default false). */
  retriesDisabledInTests: boolean;
  /** Longest lint allowed on the extension-host thread, ms; longer ones run in a worker. */
  timeBudgetMs: number;
}

/** Reads `headroom.lint.*` for a document or folder. */
export function readLintSettings(scope: vscode.ConfigurationScope | undefined): LintSettings {
  const config = vscode.workspace.getConfiguration(`${CONFIG_SECTION}.lint`, scope);
  const rules = normalizeRuleSettings(config.get<unknown>('rules'));
  const rawExclude = config.get<unknown>('exclude');
  const exclude = Array.isArray(rawExclude)
    ? rawExclude.filter((g): g is string => typeof g === 'string' && g.length > 0)
    : [];
  const budget = config.get<unknown>('timeBudgetMs');
  const timeBudgetMs = typeof budget === 'number' && budget >= 10 && budget <= 10_000 ? budget : 50;
  return {
    enable: config.get<boolean>('enable') !== false,
    rules,
    exclude,
    retriesDisabledInTests: config.get<unknown>('retriesDisabledInTests') === true,
    timeBudgetMs,
  };
}

/** True when a configuration change may alter lint results. */
export function affectsLintSettings(e: vscode.ConfigurationChangeEvent): boolean {
  return e.affectsConfiguration(`${CONFIG_SECTION}.lint`);
}

/** The model polled when the user has not chosen one: the cheapest current model. */
export const DEFAULT_MONITOR_MODEL = 'claude-haiku-4-5';
const NOTIFICATION_LEVELS = ['off', 'critical', 'all'] as const;
export type NotificationSetting = (typeof NOTIFICATION_LEVELS)[number];

/** `headroom.monitor.*`, window-scoped except `baseUrl` (application). */
export interface MonitorConfig {
  pollIntervalSeconds: number;
  warnAt: number;
  notifications: NotificationSetting;
  model: string;
  /** The API endpoint: only from user settings, never from a workspace. */
  baseUrl: string | undefined;
  /** Why a configured `baseUrl` was refused, if it was. */
  baseUrlProblem?: string;
}

/**
 * Reads the monitor's settings. `baseUrl` decides where the API key is sent, so only the
 * user's own (global) value counts, whatever a workspace or folder says, and it must be
 * https (or http on loopback).
 */
export function readMonitorSettings(): MonitorConfig {
  const config = vscode.workspace.getConfiguration(`${CONFIG_SECTION}.monitor`);
  const interval = config.get<unknown>('pollIntervalSeconds');
  const warnAt = config.get<unknown>('warnAt');
  const notifications = config.get<unknown>('notifications');
  const model = config.get<unknown>('model');
  const rawBase = config.inspect<unknown>('baseUrl')?.globalValue;
  const base = validateBaseUrl(rawBase);
  return {
    pollIntervalSeconds:
      typeof interval === 'number' && Number.isFinite(interval) && interval >= 0 ? interval : 60,
    warnAt: typeof warnAt === 'number' && warnAt > 0 && warnAt < 1 ? warnAt : 0.2,
    notifications: NOTIFICATION_LEVELS.includes(notifications as NotificationSetting)
      ? (notifications as NotificationSetting)
      : 'critical',
    model: typeof model === 'string' && /^[\w.:@/-]{1,200}$/.test(model) ? model : DEFAULT_MONITOR_MODEL,
    baseUrl: base.url,
    ...(base.problem !== undefined && { baseUrlProblem: base.problem }),
  };
}

/**
 * Accepts https URLs, and http only on the loopback interface (local proxy or test
 * server): the same rule as the observe-mode proxy's upstream, since the key crosses it.
 */
export function validateBaseUrl(raw: unknown): { url?: string; problem?: string } {
  if (raw === undefined || raw === null || raw === '') return {};
  if (typeof raw !== 'string') return { problem: 'headroom.monitor.baseUrl must be a URL string.' };
  try {
    return { url: displayUpstream(parseUpstream(raw)) };
  } catch (err) {
    const reason = err instanceof Error ? err.message.replace(/^upstream /, '') : 'is not valid';
    return { problem: `headroom.monitor.baseUrl ${reason}.` };
  }
}

/** True when a configuration change concerns the monitor. */
export function affectsMonitorSettings(e: vscode.ConfigurationChangeEvent): boolean {
  return e.affectsConfiguration(`${CONFIG_SECTION}.monitor`);
}

/** `headroom.fix.*`: what the quick fixes insert. Resource-scoped. */
export function readFixSettings(scope: vscode.ConfigurationScope | undefined): {
  concurrency: number;
  maxTokens: number;
} {
  const config = vscode.workspace.getConfiguration(`${CONFIG_SECTION}.fix`, scope);
  const concurrency = config.get<unknown>('concurrency');
  const maxTokens = config.get<unknown>('maxTokens');
  return {
    concurrency:
      typeof concurrency === 'number' &&
      Number.isInteger(concurrency) &&
      concurrency >= 1 &&
      concurrency <= 64
        ? concurrency
        : 8,
    maxTokens:
      typeof maxTokens === 'number' && Number.isInteger(maxTokens) && maxTokens >= 1 ? maxTokens : 1024,
  };
}

/** `headroom.observe.*`: the observe-mode proxy. Window-scoped. */
export function readObserveSettings(): { port: number } {
  const port = vscode.workspace.getConfiguration(`${CONFIG_SECTION}.observe`).get<unknown>('port');
  return {
    port: typeof port === 'number' && Number.isInteger(port) && port >= 0 && port <= 65535 ? port : 0,
  };
}

/** `headroom.acceleration.*` and `headroom.cost.*`: the ramp detector's thresholds and price overrides. Window-scoped. */
export function readCostSettings(): { acceleration: AccelerationSettings; priceOverrides: PriceOverrides } {
  const a = vscode.workspace.getConfiguration(`${CONFIG_SECTION}.acceleration`);
  const d = DEFAULT_ACCELERATION_SETTINGS;
  const num = (key: string, min: number, max: number, fallback: number): number => {
    const v = a.get<unknown>(key);
    return typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max ? v : fallback;
  };
  const raw = vscode.workspace.getConfiguration(`${CONFIG_SECTION}.cost`).get<unknown>('priceOverrides');
  const priceOverrides: PriceOverrides = {};
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
    for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
      if (typeof value === 'object' && value !== null) priceOverrides[key] = value as PriceOverrides[string];
    }
  }
  return {
    acceleration: {
      rampFactor: num('rampFactor', 1.5, 100, d.rampFactor),
      baselineMinutes: Math.round(num('baselineMinutes', 2, 120, d.baselineMinutes)),
      minRequests: Math.round(num('minRequests', 2, 1_000_000, d.minRequests)),
      emptyShare: num('emptyShare', 0, 0.5, d.emptyShare),
    },
    priceOverrides,
  };
}

/** True when a configuration change concerns the ramp detector or prices. */
export function affectsCostSettings(e: vscode.ConfigurationChangeEvent): boolean {
  return (
    e.affectsConfiguration(`${CONFIG_SECTION}.acceleration`) ||
    e.affectsConfiguration(`${CONFIG_SECTION}.cost`)
  );
}
