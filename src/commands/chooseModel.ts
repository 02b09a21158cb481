import * as vscode from 'vscode';
import { CommandId } from '../constants';
import type { Logger } from '../core/logger';
import { BUNDLED_MODELS, listModels, type ModelChoice } from '../core/models';
import { modelEntries } from '../core/modelChoices';
import { readMonitorSettings } from '../config';
import type { ApiKeyStore } from '../features/apiKey';
import type { Monitor } from '../features/monitor/monitor';

type ModelItem = vscode.QuickPickItem & { id?: string };

/**
 * "Choose Model": the models the key can use, from the API when it answers, else a bundled
 * list. Aliases come before dated snapshots; the current model is marked and highlighted.
 */
export function registerChooseModel(deps: {
  monitor: Monitor;
  keys: ApiKeyStore;
  log: Logger;
}): vscode.Disposable {
  return vscode.commands.registerCommand(CommandId.chooseModel, async () => {
    const current = readMonitorSettings();
    const picker = vscode.window.createQuickPick<ModelItem>();
    picker.title = 'Headroom: Choose the model to monitor';
    picker.placeholder = 'Rate limits are per model; the poller sends its one small request to this model.';
    picker.busy = true;
    const show = (models: readonly ModelChoice[]): void => {
      const items: ModelItem[] = [];
      let group: boolean | undefined;
      for (const entry of modelEntries(models, current.model)) {
        if (entry.alias !== group) {
          group = entry.alias;
          items.push({
            label: entry.alias ? 'Aliases (follow the newest snapshot)' : 'Dated snapshots',
            kind: vscode.QuickPickItemKind.Separator,
          });
        }
        items.push({
          id: entry.id,
          label: entry.current ? `$(check) ${entry.id}` : entry.id,
          description: [entry.displayName, entry.current ? '(current)' : undefined].filter(Boolean).join(' '),
        });
      }
      picker.items = items;
      // Highlight the current model, not the first row.
      const active = items.find((item) => item.id === current.model);
      if (active) picker.activeItems = [active];
    };
    show(BUNDLED_MODELS);
    picker.show();
    const { key } = await deps.keys.get();
    if (key && vscode.workspace.isTrusted) {
      try {
        const models = await listModels({
          apiKey: key,
          ...(current.baseUrl && { baseURL: current.baseUrl }),
        });
        if (models.length > 0) show(models);
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
