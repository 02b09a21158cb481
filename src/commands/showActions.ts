import * as vscode from 'vscode';
import { CommandId } from '../constants';

interface ActionItem extends vscode.QuickPickItem {
  command: string;
}

/** The menu behind the status bar item: every Headroom action in one place. */
export function registerShowActions(): vscode.Disposable {
  return vscode.commands.registerCommand(CommandId.showActions, async () => {
    const items: ActionItem[] = [
      { label: '$(key) Set API Key…', command: CommandId.setApiKey },
      { label: '$(trash) Clear API Key', command: CommandId.clearApiKey },
      { label: '$(output) Show Log', command: CommandId.showLog },
    ];
    const picked = await vscode.window.showQuickPick(items, { title: 'Headroom', placeHolder: 'Choose an action' });
    if (picked) await vscode.commands.executeCommand(picked.command);
  });
}
