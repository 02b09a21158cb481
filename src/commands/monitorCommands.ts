import * as vscode from 'vscode';
import { CommandId } from '../constants';
import type { Monitor } from '../features/monitor/monitor';

/** "Refresh Now" and "Start Monitoring" (the one-time consent to spend budget on polling). */
export function registerMonitorCommands(monitor: Monitor): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(CommandId.refresh, () => monitor.refresh()),
    vscode.commands.registerCommand(CommandId.startMonitoring, async () => {
      if (!vscode.workspace.isTrusted) {
        void vscode.window.showWarningMessage(
          'Headroom: trust this workspace first; the monitor uses your API key.',
        );
        return;
      }
      const choice = await vscode.window.showInformationMessage(
        'Start the Headroom monitor?',
        {
          modal: true,
          detail:
            'It sends one request to the chosen model per interval (max_tokens 1, about 10 tokens) with ANTHROPIC_API_KEY, counted against your rate limits and billed like any request. Polling pauses while VS Code is unfocused or you are idle.',
        },
        'Start Monitoring',
      );
      if (choice === 'Start Monitoring') await monitor.consent();
    }),
  );
}
