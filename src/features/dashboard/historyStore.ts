import * as vscode from 'vscode';
import { History, type HistoryOptions } from '../../core/history';
import type { Logger } from '../../core/logger';
import type { Observation } from '../../core/monitor/source';

/** The `globalState` key of the persisted history. */
export const HISTORY_STATE_KEY = 'headroom.dashboard.history';

/**
 * The persisted history's size budget, in JSON characters. VS Code sends an extension's
 * *whole* globalState on every `update` and warns above 512 KB for it, so the history takes
 * at most half of that: the newest samples of every model that fit (about 2,000 polls).
 * The in-memory history keeps its full bound (5,000 samples per model) for the session.
 */
export const MAX_PERSISTED_CHARS = 256 * 1024;

/** Writes are batched: at most one every few seconds while data arrives. */
export const PERSIST_DELAY_MS = 5_000;

/**
 * Restores the history saved by a previous session. Unreadable data gives an empty history
 * (and a warning in the log), never an error.
 */
export function loadHistory(memento: vscode.Memento, log: Logger, options?: HistoryOptions): History {
  let raw: unknown;
  try {
    raw = memento.get<unknown>(HISTORY_STATE_KEY);
  } catch (err) {
    log.warn(`Dashboard history could not be read: ${err instanceof Error ? err.message : String(err)}`);
    return new History(options);
  }
  const history = History.fromJSON(raw, options);
  if (raw !== undefined) {
    if (history.size === 0 && !isEmptyStore(raw)) {
      log.warn('Dashboard history in storage was unreadable; starting a new one.');
    } else {
      log.info(`Dashboard history restored: ${history.size} samples of ${history.models().length} model(s).`);
    }
  }
  return history;
}

function isEmptyStore(raw: unknown): boolean {
  const models = (raw as { models?: unknown } | null)?.models;
  return Array.isArray(models) && models.length === 0;
}

/** Records observations into the history and keeps its persisted copy up to date. */
export interface HistoryRecorder extends vscode.Disposable {
  readonly history: History;
  /** Fires after every change of the history (a new sample, or cleared). */
  readonly onDidChange: vscode.Event<void>;
  /** Records one observation (from the poller or the observe-mode proxy). Never throws. */
  record(observation: Observation): void;
  /** Writes any pending change now. */
  flush(): Promise<void>;
}

/**
 * Wires a history to `globalState`: every change (from `record`, or `history.clear()`)
 * fires `onDidChange` and schedules a write, batched by `persistDelayMs`. Disposing writes
 * what is pending.
 */
export function registerHistoryRecorder(deps: {
  history: History;
  memento: vscode.Memento;
  log: Logger;
  persistDelayMs?: number;
  maxPersistedChars?: number;
}): HistoryRecorder {
  const { history, memento, log } = deps;
  const delay = deps.persistDelayMs ?? PERSIST_DELAY_MS;
  const maxChars = deps.maxPersistedChars ?? MAX_PERSISTED_CHARS;
  const changed = new vscode.EventEmitter<void>();
  let persisted = history.revision;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;

  const write = async (): Promise<void> => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (history.revision === persisted) return;
    const revision = history.revision;
    try {
      await memento.update(HISTORY_STATE_KEY, history.toJSON({ maxChars }));
      persisted = revision;
    } catch (err) {
      log.warn(`Dashboard history could not be saved: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  const subscription = history.onDidChange(() => {
    if (disposed) return;
    changed.fire();
    timer ??= setTimeout(() => void write(), delay);
  });

  return {
    history,
    onDidChange: changed.event,
    record: (observation) => {
      if (!disposed) history.record(observation);
    },
    flush: write,
    dispose: () => {
      if (disposed) return;
      disposed = true;
      subscription.dispose();
      changed.dispose();
      void write();
    },
  };
}
