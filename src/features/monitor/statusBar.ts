import * as vscode from 'vscode';
import { CommandId, STATUS_BAR_ID } from '../../constants';
import type { ApiKeyStore } from '../apiKey';

/**
 * The Headroom status bar item. Until the budget monitor has data it says whether a key
 * is configured, and a click opens Headroom's actions.
 */
export function registerStatusBar(keys: ApiKeyStore): vscode.Disposable {
  const item = vscode.window.createStatusBarItem(STATUS_BAR_ID, vscode.StatusBarAlignment.Right, 100);
  item.name = 'Headroom: Claude API rate-limit budget';
  item.command = CommandId.showActions;

  const render = async (): Promise<void> => {
    const { source } = await keys.get();
    if (source === 'none') {
      item.text = '$(key) Headroom';
      item.tooltip = new vscode.MarkdownString(
        '**Headroom** — no Anthropic API key.\n\nClick to set one (stored in Secret Storage), or set `ANTHROPIC_API_KEY` in the environment.',
      );
    } else {
      item.text = '$(pulse) Headroom';
      item.tooltip = new vscode.MarkdownString(
        `**Headroom** — API key from ${source === 'environment' ? 'the environment' : 'Secret Storage'}.`,
      );
    }
    item.show();
  };
  void render();
  return vscode.Disposable.from(item, keys.onDidChange(() => void render()));
}
