import * as vscode from 'vscode';
import type { Logger } from '../../core/logger';
import { Poller, type PollerStatus } from '../../core/monitor/poller';
import { createSdkSender } from '../../core/monitor/sdkSender';
import type { BudgetSource, Observation, UsageInfo } from '../../core/monitor/source';
import {
  initialMonitorState,
  nextState,
  type MonitorSettings,
  type MonitorState,
} from '../../core/monitor/state';
import { notificationEnds, notificationFor, type MonitorNotification } from '../../core/monitor/format';
import { affectsMonitorSettings, readMonitorSettings, type MonitorConfig } from '../../config';
import { affectsCostSettings, readCostSettings } from '../../config';
import {
  AccelerationWatch,
  annotate429,
  type RampReading,
  type RateEvent,
} from '../../core/monitor/acceleration';
import { CostLedger, type CostSummary, usageObservation } from '../../core/monitor/costLedger';
import type { ApiKeyStore } from '../apiKey';

/** The user counts as active for this long after their last interaction. */
const ACTIVE_WINDOW_MS = 10 * 60_000;
const CONSENT_KEY = 'headroom.monitor.pollingConsent';
/** Response header by which the project's local test server identifies itself. */
const SIMULATED_HEADER = 'x-headroom-simulated';

/**
 * Why the monitor is not polling, when it is not: shown instead of budget numbers.
 * - `restricted`: untrusted workspace; nothing that uses the key runs.
 * - `needs-consent`: a key came from the environment, but polling spends budget, so the
 *   user confirms once first.
 * - `paused`: `pollIntervalSeconds` is 0.
 * - `bad-endpoint`: the configured base URL was refused.
 */
export type MonitorPhase = 'running' | 'restricted' | 'needs-consent' | 'paused' | 'bad-endpoint';

export interface MonitorView {
  readonly phase: MonitorPhase;
  /** The observe-mode proxy's URL while it feeds the monitor. */
  readonly observing?: string;
  readonly state: MonitorState;
  readonly config: MonitorConfig;
  readonly simulated: boolean;
  /** Human text for a non-running phase. */
  readonly phaseReason?: string;
}

export interface Monitor extends vscode.Disposable {
  readonly onDidChange: vscode.Event<MonitorView>;
  /** Every observation as the state machine receives it (poll, observed or simulated): feeds the dashboard's history. */
  readonly onDidObserve: vscode.Event<Observation>;
  view(): MonitorView;
  /** "Refresh Now". */
  refresh(): Promise<void>;
  /** Records the user's consent to spend budget on polling and starts. */
  consent(): Promise<void>;
  /** Sets the model polled (a global setting). */
  chooseModel(model: string): Promise<void>;
  /**
   * Feeds observations of another source (the observe-mode proxy) into the same state.
   * While its data is fresh the poller pauses, and without a key the monitor still runs.
   */
  attachSource(source: BudgetSource, url: string): vscode.Disposable;
  /**
   * The usage of an observed (proxied) response, from its exchange record: known once the
   * response ended, whether it was a stream (observed at header time) or a JSON body (whose
   * observation may go out before the body is decoded). The only way observed traffic is
   * priced, so each response counts once.
   */
  recordObservedUsage(model: string, usage: UsageInfo, at: number): void;
  /** The poller's scheduling (backoff, retry-after block), when it runs. */
  pollerStatus(): PollerStatus | undefined;
  /** Re-reads the key, trust and settings now; resolves when that is applied. */
  settled(): Promise<void>;
  /** The warning/critical notification on screen, until the state recovers or the user closes it. */
  activeNotification(): { kind: MonitorState['kind']; message: string } | undefined;
  /** This session's observed spend (issue 13). */
  cost(): CostSummary;
  /** The request rate against its baseline, and the 429/529/ramp events seen. */
  acceleration(): { ramp: RampReading; events: readonly RateEvent[] };
}

/**
 * The budget monitor: runs the poller while the workspace is trusted, a key is set, the
 * user agreed to polling and the interval is not 0; turns every observation into the next
 * state; and notifies on state entries the user asked to hear about.
 */
export function createMonitor(deps: {
  keys: ApiKeyStore;
  globalState: vscode.Memento;
  log: Logger;
  /** Per-poll timeout; the SDK sender's default (30 s) when absent. */
  pollTimeoutMs?: number;
}): Monitor {
  const { keys, log } = deps;
  const changed = new vscode.EventEmitter<MonitorView>();
  const observations = new vscode.EventEmitter<Observation>();
  let config = readMonitorSettings();
  let state = initialMonitorState(Date.now(), config.model);
  let phase: MonitorPhase = 'paused';
  let phaseReason: string | undefined;
  let simulated = false;
  let poller: Poller | undefined;
  let pollerKey: string | undefined;
  let lastActivity = Date.now();
  let disposed = false;
  let reconfiguring: Promise<void> = Promise.resolve();
  let lastNotified: MonitorState['kind'] | undefined;
  /** The notification on screen. VS Code cannot close a toast, so it is a progress notification we can end. */
  let shown: { kind: MonitorState['kind']; message: string; end: () => void } | undefined;
  const withdraw = (): void => {
    shown?.end();
    shown = undefined;
  };
  const notify = (kind: MonitorState['kind'], note: MonitorNotification): void => {
    withdraw();
    let end: () => void = () => undefined;
    const ended = new Promise<void>((resolve) => (end = resolve));
    const entry = { kind, message: note.message, end };
    shown = entry;
    void vscode.window
      .withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: `${note.severity === 'error' ? '$(error)' : '$(warning)'} ${note.message}`,
          cancellable: true,
        },
        (_progress, token) => {
          token.onCancellationRequested(end);
          return ended;
        },
      )
      .then(() => {
        if (shown === entry) shown = undefined;
      });
  };

  /** The observe-mode source, while attached. */
  let observed: { url: string; lastAt: number } | undefined;
  /** Observed data this recent pauses the poller (twice the interval, at least 2 minutes). */
  const observedFresh = (): boolean =>
    observed !== undefined &&
    Date.now() - observed.lastAt < Math.max(2 * config.pollIntervalSeconds * 1000, 120_000);
  /** Observing with no model chosen explicitly follows whatever model the app uses. */
  const explicitModel = (): boolean => {
    const inspected = vscode.workspace.getConfiguration('headroom.monitor').inspect('model');
    return inspected?.globalValue !== undefined || inspected?.workspaceValue !== undefined;
  };

  const settings = (): MonitorSettings => ({
    warnAt: config.warnAt,
    criticalAt: 0.05,
    pollIntervalSeconds: config.pollIntervalSeconds,
    ...((observed === undefined || explicitModel()) && { model: config.model }),
  });

  const view = (): MonitorView => ({
    phase,
    state,
    config,
    simulated,
    ...(observed !== undefined && { observing: observed.url }),
    ...(phaseReason !== undefined && { phaseReason }),
  });
  const fire = (): void => {
    if (!disposed) changed.fire(view());
  };

  const costSettings = readCostSettings();
  const watch = new AccelerationWatch(costSettings.acceleration);
  const ledger = new CostLedger(costSettings.priceOverrides);

  const apply = (event: Parameters<typeof nextState>[1]): void => {
    const previous = state;
    state = nextState(previous, event, Date.now(), settings());
    // A 429 with budget left after a sharp ramp is named as acceleration, with its cure.
    if (event.kind === 'response' || event.kind === 'network-error') {
      state = annotate429(state, event, watch.observe(event));
      // Observed traffic is priced from the proxy's exchange record (`recordObservedUsage`), which
      // always has the final usage; its observation may not (a JSON body decoded after the hold).
      if (event.source !== 'observed') ledger.add(event);
    }
    if (previous.kind !== state.kind) log.info(`Monitor: ${previous.kind} → ${state.kind}. ${state.reason}`);
    // A detour through `stale` (or a refresh) must not repeat a notification the user saw.
    if (state.kind === 'ok' || state.kind === 'no-key') lastNotified = undefined;
    // Recovery (or another definite state) withdraws the notification; a new one supersedes it.
    if (shown && notificationEnds(shown.kind, state)) withdraw();
    const note = notificationFor(previous, state, config.notifications);
    if (note && state.kind !== lastNotified) {
      lastNotified = state.kind;
      notify(state.kind, note);
    }
    fire();
  };

  const isActive = (): boolean =>
    !observedFresh() &&
    vscode.window.state.focused &&
    (vscode.window.state.active || Date.now() - lastActivity < ACTIVE_WINDOW_MS);

  const stopPoller = (): void => {
    poller?.dispose();
    poller = undefined;
    pollerKey = undefined;
  };

  const onObservation = (o: Observation): void => applyObservation(o);
  const applyObservation = (o: Observation): void => {
    const event: Observation = simulated && o.source === 'poll' ? { ...o, source: 'simulated' } : o;
    apply(event);
    if (!disposed) observations.fire(event);
  };

  /** Brings the poller in line with trust, key, consent and settings. */
  const reconfigure = async (): Promise<void> => {
    config = readMonitorSettings();
    if (!vscode.workspace.isTrusted) {
      stopPoller();
      phase = 'restricted';
      phaseReason =
        'Restricted Mode: the monitor uses your API key, so it stays off until you trust this workspace. Linting still works.';
      return fire();
    }
    if (config.baseUrlProblem) {
      stopPoller();
      phase = 'bad-endpoint';
      phaseReason = `${config.baseUrlProblem} The monitor is off until it is fixed (user settings).`;
      log.warn(config.baseUrlProblem);
      return fire();
    }
    const { key, source } = await keys.get();
    if (disposed) return;
    if (!key) {
      stopPoller();
      phase = 'running';
      phaseReason = undefined;
      // Observing needs no key of ours: the app's own requests carry its key.
      if (observed) return fire();
      return apply({ kind: 'no-key', at: Date.now() });
    }
    if (source === 'environment' && deps.globalState.get<boolean>(CONSENT_KEY) !== true) {
      stopPoller();
      phase = 'needs-consent';
      phaseReason =
        'ANTHROPIC_API_KEY is set. Polling spends your budget: one request (max_tokens 1, about 10 tokens) per interval. Start monitoring to allow it.';
      offerConsent();
      return fire();
    }
    if (config.pollIntervalSeconds === 0 && !poller) {
      phase = 'paused';
      phaseReason =
        'Polling is off (headroom.monitor.pollIntervalSeconds is 0). Use Refresh Now for a single reading.';
    } else {
      phase = 'running';
      phaseReason = undefined;
    }
    // A new key or endpoint means a new client; otherwise the poller just takes new settings.
    const identity = `${source}:${key.length}:${hash(key)}@${config.baseUrl ?? 'default'}`;
    if (!poller || pollerKey !== identity) {
      stopPoller();
      if (state.kind === 'no-key') apply({ kind: 'reset' });
      simulated = false;
      const baseFetch: typeof fetch = (input, init) => fetch(input, init);
      const watchingFetch: typeof fetch = async (input, init) => {
        const response = await baseFetch(input, init);
        simulated = response.headers.get(SIMULATED_HEADER) === '1';
        return response;
      };
      poller = new Poller({
        send: createSdkSender({
          apiKey: key,
          ...(config.baseUrl && { baseURL: config.baseUrl }),
          ...(deps.pollTimeoutMs !== undefined && { timeoutMs: deps.pollTimeoutMs }),
          fetch: watchingFetch,
        }),
        isActive,
        model: config.model,
        intervalSeconds: config.pollIntervalSeconds,
        log,
      });
      poller.onObservation(onObservation);
      pollerKey = identity;
      poller.start();
      log.info(
        `Monitor polling ${config.model} every ${config.pollIntervalSeconds} s via ${config.baseUrl ?? 'https://api.anthropic.com'} (key from ${source === 'environment' ? 'the environment' : 'Secret Storage'}).`,
      );
    } else {
      poller.update({ model: config.model, intervalSeconds: config.pollIntervalSeconds });
    }
    fire();
  };

  /** Once per session, a non-modal offer: one click to the first reading. */
  let consentOffered = false;
  const offerConsent = (): void => {
    if (consentOffered) return;
    consentOffered = true;
    void vscode.window
      .showInformationMessage(
        `Headroom can show your Claude API rate-limit headroom using ANTHROPIC_API_KEY: one request (max_tokens 1, about 10 tokens) every ${config.pollIntervalSeconds || 60} s.`,
        'Start Monitoring',
        'Not Now',
      )
      .then(async (choice) => {
        if (choice === 'Start Monitoring') await vscode.commands.executeCommand('headroom.startMonitoring');
      });
  };

  const queueReconfigure = (): void => {
    reconfiguring = reconfiguring
      .then(reconfigure)
      .catch((err: unknown) => log.error(`Monitor: ${err instanceof Error ? err.message : String(err)}`));
  };

  const bump = (): void => {
    const wasIdle = !isActive();
    lastActivity = Date.now();
    if (wasIdle) poller?.wake();
  };

  // Ticks drive staleness and the countdown; once a second is cheap (pure function, no I/O).
  const ticker = setInterval(() => apply({ kind: 'tick' }), 1000);

  const subscriptions = vscode.Disposable.from(
    keys.onDidChange(queueReconfigure),
    vscode.workspace.onDidGrantWorkspaceTrust(queueReconfigure),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (affectsMonitorSettings(e)) queueReconfigure();
      if (affectsCostSettings(e)) {
        const next = readCostSettings();
        watch.update(next.acceleration);
        ledger.setOverrides(next.priceOverrides);
      }
    }),
    vscode.window.onDidChangeWindowState((s) => {
      if (s.focused) bump();
    }),
    vscode.window.onDidChangeTextEditorSelection(bump),
    vscode.window.onDidChangeActiveTextEditor(bump),
  );
  queueReconfigure();

  return {
    onDidChange: changed.event,
    onDidObserve: observations.event,
    view,
    refresh: async () => {
      await reconfiguring;
      if (!poller) {
        fire();
        return;
      }
      const result = await poller.refreshNow();
      if (!result.sent && result.reason === 'retry-after') {
        void vscode.window.showInformationMessage(
          `Headroom: the API asked to wait until ${new Date(result.until).toLocaleTimeString()}; refreshing sooner would only draw another 429.`,
        );
      }
    },
    consent: async () => {
      await deps.globalState.update(CONSENT_KEY, true);
      queueReconfigure();
      await reconfiguring;
    },
    chooseModel: async (model: string) => {
      await vscode.workspace
        .getConfiguration('headroom.monitor')
        .update('model', model, vscode.ConfigurationTarget.Global);
      queueReconfigure();
      await reconfiguring;
    },
    recordObservedUsage: (model: string, usage: UsageInfo, at: number) => {
      if (ledger.add(usageObservation(model, usage, at)) !== undefined) fire();
    },
    attachSource: (source: BudgetSource, url: string) => {
      observed = { url, lastAt: 0 };
      if (state.kind === 'no-key') apply({ kind: 'reset' });
      const subscription = source.onObservation((o) => {
        if (observed) observed.lastAt = Date.now();
        onObservation(o);
      });
      fire();
      return new vscode.Disposable(() => {
        subscription.dispose();
        observed = undefined;
        // With no poller behind it, the last observed reading has no source any more: show
        // "waiting for data" (never an old reading without the eye) until the key is read.
        if (poller) poller.wake();
        else apply({ kind: 'reset' });
        queueReconfigure();
      });
    },
    pollerStatus: () => poller?.status,
    activeNotification: () => (shown ? { kind: shown.kind, message: shown.message } : undefined),
    cost: () => ledger.summary(Date.now()),
    acceleration: () => ({ ramp: watch.ramp(Date.now()), events: watch.events() }),
    settled: () => {
      queueReconfigure();
      return reconfiguring;
    },
    dispose: () => {
      disposed = true;
      withdraw();
      clearInterval(ticker);
      stopPoller();
      subscriptions.dispose();
      changed.dispose();
      observations.dispose();
    },
  };
}

/** A short non-reversible fingerprint, so a key change is noticed without keeping the key around twice. */
function hash(text: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36);
}

/** Exposed for the Set API Key command: storing a key is consent to poll with it. */
export async function grantPollingConsent(globalState: vscode.Memento): Promise<void> {
  await globalState.update(CONSENT_KEY, true);
}
