import * as vscode from 'vscode';
import { CommandId } from '../constants';
import type { Monitor } from '../features/monitor/monitor';

/** "Refresh Now" and "Start Monitoring" (the one-time consent to spend budget on polling with ANTHROPIC_API_KEY). */
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
      // Running the command is the consent (no modal in the way of the first reading): its
      // cost is spelled out where it is offered (status bar tooltip, walkthrough, actions).
      await monitor.consent();
    }),
  );
}
