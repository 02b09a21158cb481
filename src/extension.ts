import * as vscode from 'vscode';
import type { RampReading, RateEvent } from './core/monitor/acceleration';
import type { CostSummary } from './core/monitor/costLedger';
import { registerCapacityHover } from './features/hover/hover';
import { budgetAheadState } from './features/dashboard/costPanel';
import { CommandId, DIAGNOSTIC_SOURCE, OUTPUT_CHANNEL_NAME } from './constants';
import { createChannelLogger } from './log';
import { LintEngine } from './core/lint';
import { ApiKeyStore, registerApiKeyCommands } from './features/apiKey';
import { createMonitor, grantPollingConsent, type MonitorView } from './features/monitor/monitor';
import type { PollerStatus } from './core/monitor/poller';
import { registerStatusBar, type StatusBarSnapshot } from './features/monitor/statusBar';
import { registerLinter } from './features/lint/linter';
import { ProjectModules } from './features/lint/projectModules';
import { registerRuleDocCommand } from './features/lint/ruleDocs';
import { registerQuickFixes } from './features/fix/codeActions';
import { registerShowActions } from './commands/showActions';
import { registerScanWorkspace } from './commands/scanWorkspace';
import { registerMonitorCommands } from './commands/monitorCommands';
import { registerChooseModel } from './commands/chooseModel';
import { loadHistory, registerDashboard, registerHistoryRecorder } from './features/dashboard';
import { registerObserve } from './features/observe/observe';

/**
 * What `activate` returns. Read-only views of the monitor and status bar; the `testing`
 * part exists only when the test harness sets HEADROOM_TEST_MODE=1.
 */
export interface HeadroomApi {
  monitorView(): MonitorView;
  statusBar(): StatusBarSnapshot;
  testing?: {
    /** Stores a key as Set API Key would, without the input box. */
    setApiKey(key: string): Promise<void>;
    clearApiKey(): Promise<void>;
    pollerStatus(): PollerStatus | undefined;
    settled(): Promise<void>;
    /** The monitor's warning/critical notification while it is on screen. */
    activeNotification(): { kind: string; message: string } | undefined;
    /** This session's observed spend; the request rate and 429/529/ramp events (issue 13). */
    cost(): CostSummary;
    acceleration(): { ramp: RampReading; events: readonly RateEvent[] };
    /** Headroom's own quick fixes for one diagnostic, with their diagnostic links intact. */
    quickFixes(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]>;
    /** What the lint guard is doing with a document: linting it in the worker, over the cap, … */
    lintGuardStatus(uri: vscode.Uri): string;
  };
}

/**
 * Composition root: creates the shared services, wires each feature and hands every
 * disposable to VS Code. Features own their listeners; nothing here holds state.
 */
export function activate(context: vscode.ExtensionContext): HeadroomApi {
  const testMode = process.env.HEADROOM_TEST_MODE === '1';
  const started = performance.now();
  const channel = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, { log: true });
  const keys = new ApiKeyStore(context.secrets);
  const log = createChannelLogger(channel, () => keys.known());

  // The parser (tree-sitter + four grammars) loads on first use, once.
  const grammarDir = vscode.Uri.joinPath(context.extensionUri, 'dist', 'grammars').fsPath;
  let engine: Promise<LintEngine> | undefined;
  const getEngine = (): Promise<LintEngine> => {
    if (engine) return engine;
    const loading = LintEngine.create(grammarDir).then(
      (e: LintEngine) => {
        log.info(`Lint engine ready ${(performance.now() - started).toFixed(0)} ms after activation began.`);
        return e;
      },
      (err: unknown) => {
        engine = undefined; // Let a later document retry.
        throw err;
      },
    );
    engine = loading;
    return loading;
  };
  const diagnostics = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  // What files import from the workspace's own modules (retry wrappers), for the linter and the scan.
  const modules = new ProjectModules();
  const linter = registerLinter({ getEngine, grammarDir, collection: diagnostics, log, modules });
  const monitor = createMonitor({
    keys,
    globalState: context.globalState,
    log,
    ...(testMode &&
      process.env.HEADROOM_POLL_TIMEOUT_MS && {
        pollTimeoutMs: Number(process.env.HEADROOM_POLL_TIMEOUT_MS),
      }),
  });
  const statusBar = registerStatusBar(monitor);
  // The dashboard's history: restored from the last session, fed by every observation.
  const recorder = registerHistoryRecorder({
    history: loadHistory(context.globalState, log),
    memento: context.globalState,
    log,
  });
  const quickFixes = registerQuickFixes({
    findings: linter,
    getEngine,
    observations: monitor.onDidObserve,
    log,
  });

  context.subscriptions.push(
    channel,
    keys,
    diagnostics,
    modules,
    linter,
    monitor,
    recorder,
    monitor.onDidObserve((observation) => recorder.record(observation)),
    registerDashboard({
      context,
      history: recorder.history,
      onDidChange: recorder.onDidChange,
      monitorView: () => monitor.view(),
      log,
      budgetAhead: () => budgetAheadState(monitor.cost(), monitor.acceleration()),
    }),
    vscode.commands.registerCommand(CommandId.showLog, () => channel.show()),
    registerRuleDocCommand(context.extensionUri),
    registerApiKeyCommands(keys, log, { set: CommandId.setApiKey, clear: CommandId.clearApiKey }, () =>
      grantPollingConsent(context.globalState),
    ),
    registerObserve({ context, monitor, log }),
    registerShowActions(monitor),
    registerMonitorCommands(monitor),
    registerChooseModel({ monitor, keys, log }),
    registerScanWorkspace({ getEngine, collection: diagnostics, linter, log, modules }),
    quickFixes,
    statusBar,
    registerCapacityHover({ findings: linter, monitor, getEngine }),
  );

  const version = (context.extension.packageJSON as { version?: string }).version ?? '?';
  log.info(
    `Headroom ${version} activated in ${(performance.now() - started).toFixed(1)} ms (VS Code ${vscode.version}).`,
  );

  return {
    monitorView: () => monitor.view(),
    statusBar: () => statusBar.snapshot(),
    ...(testMode && {
      testing: {
        setApiKey: async (key: string) => {
          await grantPollingConsent(context.globalState);
          await keys.set(key);
          await monitor.settled();
        },
        clearApiKey: async () => {
          await keys.clear();
          await monitor.settled();
        },
        pollerStatus: () => monitor.pollerStatus(),
        activeNotification: () => monitor.activeNotification(),
        cost: () => monitor.cost(),
        acceleration: () => monitor.acceleration(),
        settled: () => monitor.settled(),
        lintGuardStatus: (uri: vscode.Uri) => linter.guardStatus(uri),
        quickFixes: (document: vscode.TextDocument, diagnostic: vscode.Diagnostic) =>
          quickFixes.provider.provideCodeActions(
            document,
            diagnostic.range,
            {
              diagnostics: [diagnostic],
              only: vscode.CodeActionKind.QuickFix,
              triggerKind: vscode.CodeActionTriggerKind.Invoke,
            },
            new vscode.CancellationTokenSource().token,
          ),
      },
    }),
  };
}

export function deactivate(): void {
  // Everything is released through context.subscriptions.
}
