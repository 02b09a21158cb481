import * as vscode from 'vscode';
import { CommandId } from '../constants';
import type { Monitor } from '../features/monitor/monitor';

interface ActionItem extends vscode.QuickPickItem {
  command: string;
}

/** The menu behind the status bar item: every Headroom action in one place. */
export function registerShowActions(monitor: Monitor): vscode.Disposable {
  return vscode.commands.registerCommand(CommandId.showActions, async () => {
    const view = monitor.view();
    const items: ActionItem[] = [];
    if (view.phase === 'needs-consent') {
      items.push({
        label: '$(play) Start Monitoring',
        detail: 'Polls with ANTHROPIC_API_KEY: one request (max_tokens 1, about 10 tokens) per interval.',
        command: CommandId.startMonitoring,
      });
    }
    items.push(
      { label: '$(refresh) Refresh Now', description: view.config.model, command: CommandId.refresh },
      {
        label: '$(symbol-class) Choose Model…',
        description: view.config.model,
        command: CommandId.chooseModel,
      },
      { label: '$(graph) Show Dashboard', command: CommandId.showDashboard },
      view.observing
        ? {
            label: '$(eye-closed) Stop Observing',
            description: view.observing,
            command: CommandId.stopObserving,
          }
        : {
            label: '$(eye) Start Observing…',
            detail: "Zero-cost headroom from your app's own traffic through a local proxy.",
            command: CommandId.startObserving,
          },
      { label: '$(key) Set API Key…', command: CommandId.setApiKey },
      { label: '$(trash) Clear API Key', command: CommandId.clearApiKey },
      { label: '$(search) Scan Workspace', command: CommandId.scanWorkspace },
      { label: '$(output) Show Log', command: CommandId.showLog },
    );
    const picked = await vscode.window.showQuickPick(items, {
      title: 'Headroom',
      placeHolder: 'Choose an action',
    });
    if (picked) await vscode.commands.executeCommand(picked.command);
  });
}
