import * as vscode from 'vscode';
import { CommandId } from '../../constants';
import { readCostSettings } from '../../config';
import type { History } from '../../core/history';
import type { Logger } from '../../core/logger';
import type { MonitorView } from '../monitor/monitor';
import type { BudgetAheadState } from './costPanel';
import { createNonce, dashboardHtml } from './html';
import { parseWebviewMessage, type DashboardState, type HostMessage, type WebviewMessage } from './protocol';

/** The panel's view type (also the key for restoring it after a reload). */
export const DASHBOARD_VIEW_TYPE = 'headroom.dashboard';
export const DASHBOARD_TITLE = 'Headroom Dashboard';

/** New data is posted at most this often while it streams in (observe mode can be busy). */
const POST_INTERVAL_MS = 500;

export interface DashboardDeps {
  context: vscode.ExtensionContext;
  history: History;
  /** Fires when new data arrived (e.g. `HistoryRecorder.onDidChange`). */
  onDidChange: vscode.Event<unknown>;
  monitorView: () => MonitorView;
  log: Logger;
  /** The cost panel's state (issue 13); the panel is hidden without it. */
  budgetAhead?: () => BudgetAheadState;
}

/** What the test-mode command reports. */
export interface DashboardTestState {
  open: boolean;
  visible: boolean;
  title?: string;
  viewType?: string;
  html?: string;
  /** Messages posted to the webview so far. */
  posts: number;
  /** How often the webview said it was ready (first load and each time it was shown again). */
  readies: number;
  lastState?: DashboardState;
  /** The webview's last report after drawing. */
  rendered?: { model?: string; charts: number; points: number; at: number };
}

/** One open dashboard panel and its wiring. */
interface PanelController extends vscode.Disposable {
  readonly panel: vscode.WebviewPanel;
  testState(): DashboardTestState;
}

/**
 * Registers "Headroom: Show Dashboard" (one panel, revealed if already open), the CSV
 * export, and the panel serializer that brings an open dashboard back after a reload.
 */
export function registerDashboard(deps: DashboardDeps): vscode.Disposable {
  const { context, history, log } = deps;
  const assets = vscode.Uri.joinPath(context.extensionUri, 'dist', 'dashboard');
  let current: PanelController | undefined;

  const attach = (panel: vscode.WebviewPanel, selected?: string): PanelController => {
    const controller = createPanelController(panel, assets, deps, selected, () => {
      if (current?.panel === panel) current = undefined;
    });
    current = controller;
    return controller;
  };

  const show = (): void => {
    if (current) {
      current.panel.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      DASHBOARD_VIEW_TYPE,
      DASHBOARD_TITLE,
      vscode.ViewColumn.Active,
      webviewOptions(assets),
    );
    attach(panel);
    log.info('Dashboard opened.');
  };

  const exportHistory = async (target?: unknown): Promise<vscode.Uri | undefined> => {
    const given = target instanceof vscode.Uri ? target : undefined;
    const uri =
      given ??
      (await vscode.window.showSaveDialog({
        title: 'Export Headroom History as CSV',
        saveLabel: 'Export',
        filters: { CSV: ['csv'] },
        defaultUri: defaultExportUri(),
      }));
    if (!uri) return undefined;
    const csv = history.toCsv(undefined, readCostSettings().priceOverrides);
    // Written beside the target and renamed over it, so a failed write never leaves a
    // half-written file where the user's was.
    const temp = uri.with({ path: `${uri.path}.headroom-${process.pid}.tmp` });
    try {
      await vscode.workspace.fs.writeFile(temp, new TextEncoder().encode(csv));
      await vscode.workspace.fs.rename(temp, uri, { overwrite: true });
    } catch (err) {
      await Promise.resolve(vscode.workspace.fs.delete(temp)).catch(() => undefined);
      const message = err instanceof Error ? err.message : String(err);
      log.error(`Dashboard: exporting the history to ${uri.toString(true)} failed: ${message}`);
      if (!given) void vscode.window.showErrorMessage(`Headroom: could not export the history: ${message}`);
      throw err;
    }
    log.info(`Dashboard: exported ${history.size} samples to ${uri.toString(true)}.`);
    if (!given) {
      void vscode.window.showInformationMessage(
        `Headroom: exported ${history.size} samples to ${uri.path.split('/').pop() ?? 'CSV'}.`,
      );
    }
    return uri;
  };

  const disposables: vscode.Disposable[] = [
    vscode.commands.registerCommand(CommandId.showDashboard, show),
    vscode.commands.registerCommand(CommandId.exportHistory, exportHistory),
    vscode.window.registerWebviewPanelSerializer(DASHBOARD_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state: unknown) => {
        if (current) {
          panel.dispose(); // One dashboard: a restored duplicate goes.
          return;
        }
        panel.webview.options = webviewOptions(assets);
        const selected = (state as { selected?: unknown } | undefined)?.selected;
        attach(panel, typeof selected === 'string' ? selected : undefined);
      },
    }),
  ];
  if (process.env.HEADROOM_TEST_MODE === '1') {
    disposables.push(
      vscode.commands.registerCommand(
        CommandId.dashboardTestState,
        (): DashboardTestState =>
          current?.testState() ?? { open: false, visible: false, posts: 0, readies: 0 },
      ),
    );
  }
  return new vscode.Disposable(() => {
    current?.panel.dispose();
    current = undefined;
    for (const d of disposables) d.dispose();
  });
}

/**
 * Scripts on; only the bundled dashboard assets are loadable. The webview is not kept
 * alive while hidden (no `retainContextWhenHidden`): when shown again it reloads, says
 * `ready`, and gets the full state, which is cheaper and just as robust.
 */
function webviewOptions(assets: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [assets], enableFindWidget: false };
}

function defaultExportUri(): vscode.Uri | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!folder) return undefined;
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
  return vscode.Uri.joinPath(folder, `headroom-history-${stamp}.csv`);
}

function createPanelController(
  panel: vscode.WebviewPanel,
  assets: vscode.Uri,
  deps: DashboardDeps,
  initialSelection: string | undefined,
  onDisposed: () => void,
): PanelController {
  const { history, log } = deps;
  const webview = panel.webview;
  panel.iconPath = vscode.Uri.joinPath(deps.context.extensionUri, 'media', 'icon.png');
  webview.html = dashboardHtml({
    cspSource: webview.cspSource,
    nonce: createNonce(),
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(assets, 'main.js')).toString(),
    styleUris: [
      webview.asWebviewUri(vscode.Uri.joinPath(assets, 'uPlot.min.css')).toString(),
      webview.asWebviewUri(vscode.Uri.joinPath(assets, 'dashboard.css')).toString(),
    ],
  });

  let selected = initialSelection;
  let posts = 0;
  let readies = 0;
  let lastState: DashboardState | undefined;
  let rendered: DashboardTestState['rendered'];
  let lastPostAt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;

  const buildState = (): DashboardState => {
    const view = deps.monitorView();
    const models = history.models();
    if (selected === undefined || !models.includes(selected)) {
      selected = models.includes(view.config.model) ? view.config.model : models[0];
    }
    const monitor = {
      phase: view.phase,
      kind: view.state.kind,
      reason: view.phaseReason ?? view.state.reason,
      model: view.config.model,
      ...(view.state.source !== undefined && { source: view.state.source }),
    };
    return {
      hostNow: Date.now(),
      models: models.map((model) => {
        const latest = history.latest(model);
        return {
          model,
          samples: history.count(model),
          ...(latest !== undefined && { last: latest.at }),
        };
      }),
      ...(selected !== undefined && {
        selected,
        series: history.series(selected),
        summary: history.summary(selected),
      }),
      limits: selected !== undefined ? history.limits(selected) : [],
      monitor,
      maxSamplesPerModel: history.maxSamplesPerModel,
      maxModels: history.maxModels,
      ...(deps.budgetAhead && { budgetAhead: deps.budgetAhead() }),
    };
  };

  const send = (message: HostMessage): void => {
    posts++;
    void webview.postMessage(message).then(undefined, (err: unknown) => {
      log.debug(`Dashboard: a message was not delivered: ${String(err)}`);
    });
  };

  /** Posts the full state now, if anyone can see it (a hidden webview reloads and asks). */
  const postState = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (disposed || !panel.visible) return;
    lastPostAt = Date.now();
    try {
      lastState = buildState();
    } catch (err) {
      log.error(`Dashboard: building the state failed: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    send({ type: 'state', state: lastState });
  };

  /** Coalesces bursts: at most one post per POST_INTERVAL_MS, the last one always sent. */
  const schedulePost = (): void => {
    if (disposed || !panel.visible || timer !== undefined) return;
    const wait = Math.max(0, lastPostAt + POST_INTERVAL_MS - Date.now());
    timer = setTimeout(postState, wait);
  };

  const onMessage = async (message: WebviewMessage): Promise<void> => {
    switch (message.type) {
      case 'ready':
        readies++;
        if (message.selected !== undefined) selected = message.selected;
        postState();
        return;
      case 'select':
        selected = message.model;
        postState();
        return;
      case 'rendered':
        rendered = {
          charts: message.charts,
          points: message.points,
          at: Date.now(),
          ...(message.model !== undefined && { model: message.model }),
        };
        return;
      case 'exportCsv': {
        try {
          const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>(CommandId.exportHistory);
          if (uri) {
            send({ type: 'exportResult', ok: true, message: `Exported to ${uri.path.split('/').pop()}` });
          }
        } catch (err) {
          send({
            type: 'exportResult',
            ok: false,
            message: err instanceof Error ? err.message : String(err),
          });
        }
        return;
      }
      case 'clearHistory': {
        const choice = await vscode.window.showWarningMessage(
          `Clear the Headroom history (${history.size} samples)? The charts start empty.`,
          { modal: true },
          'Clear History',
        );
        if (choice === 'Clear History') {
          history.clear();
          log.info('Dashboard: history cleared.');
          postState();
        }
        return;
      }
    }
  };

  const subscriptions = vscode.Disposable.from(
    webview.onDidReceiveMessage((raw: unknown) => {
      const message = parseWebviewMessage(raw);
      if (!message) {
        log.debug('Dashboard: ignored a malformed message from the webview.');
        return;
      }
      onMessage(message).catch((err: unknown) =>
        log.error(`Dashboard: ${err instanceof Error ? err.message : String(err)}`),
      );
    }),
    panel.onDidChangeViewState(({ webviewPanel }) => {
      if (webviewPanel.visible) postState();
    }),
    deps.onDidChange(schedulePost),
  );

  panel.onDidDispose(() => {
    disposed = true;
    if (timer !== undefined) clearTimeout(timer);
    subscriptions.dispose();
    onDisposed();
  });

  return {
    panel,
    dispose: () => panel.dispose(),
    testState: () => ({
      open: !disposed,
      visible: panel.visible,
      title: panel.title,
      viewType: panel.viewType,
      html: webview.html,
      posts,
      readies,
      ...(lastState !== undefined && { lastState }),
      ...(rendered !== undefined && { rendered }),
    }),
  };
}
