import * as vscode from 'vscode';
import { CommandId } from '../constants';
import type { Logger } from '../core/logger';
import { BUNDLED_MODELS, listModels, type ModelChoice } from '../core/models';
import { readMonitorSettings } from '../config';
import type { ApiKeyStore } from '../features/apiKey';
import type { Monitor } from '../features/monitor/monitor';

/** "Choose Model": the models the key can use, from the API when it answers, else a bundled list. */
export function registerChooseModel(deps: {
  monitor: Monitor;
  keys: ApiKeyStore;
  log: Logger;
}): vscode.Disposable {
  return vscode.commands.registerCommand(CommandId.chooseModel, async () => {
    const current = readMonitorSettings();
    const picker = vscode.window.createQuickPick<vscode.QuickPickItem & { id: string }>();
    picker.title = 'Headroom: Choose the model to monitor';
    picker.placeholder = 'Rate limits are per model; the poller sends its one small request to this model.';
    picker.busy = true;
    const toItems = (
      models: readonly ModelChoice[],
      note: string,
    ): Array<vscode.QuickPickItem & { id: string }> =>
      models.map((m) => ({
        id: m.id,
        label: m.id,
        description: [m.displayName, m.id === current.model ? '(current)' : undefined]
          .filter(Boolean)
          .join(' '),
        detail: note || undefined,
      }));
    picker.items = toItems(BUNDLED_MODELS, '');
    picker.show();
    const { key } = await deps.keys.get();
    if (key && vscode.workspace.isTrusted) {
      try {
        const models = await listModels({
          apiKey: key,
          ...(current.baseUrl && { baseURL: current.baseUrl }),
        });
        if (models.length > 0) picker.items = toItems(models, '');
      } catch (err) {
        deps.log.warn(
          `Could not list models, showing the bundled list: ${err instanceof Error ? err.message : String(err)}`,
        );
        picker.title = 'Headroom: Choose the model to monitor (bundled list: the API could not be reached)';
      }
    }
    picker.busy = false;
    const chosen = await new Promise<string | undefined>((resolve) => {
      picker.onDidAccept(() => resolve(picker.selectedItems[0]?.id ?? (picker.value.trim() || undefined)));
      picker.onDidHide(() => resolve(undefined));
    });
    picker.dispose();
    if (chosen) await deps.monitor.chooseModel(chosen);
  });
}
