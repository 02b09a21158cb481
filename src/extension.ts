import * as vscode from 'vscode';
import { CommandId, OUTPUT_CHANNEL_NAME } from './constants';
import { createChannelLogger } from './log';
import { ApiKeyStore, registerApiKeyCommands } from './features/apiKey';
import { registerStatusBar } from './features/monitor/statusBar';
import { registerShowActions } from './commands/showActions';

/**
 * Composition root: creates the shared services, wires each feature and hands every
 * disposable to VS Code. Features own their listeners; nothing here holds state.
 */
export function activate(context: vscode.ExtensionContext): void {
  const started = performance.now();
  const channel = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, { log: true });
  const log = createChannelLogger(channel);
  const keys = new ApiKeyStore(context.secrets);

  context.subscriptions.push(
    channel,
    keys,
    vscode.commands.registerCommand(CommandId.showLog, () => channel.show()),
    registerApiKeyCommands(keys, log, { set: CommandId.setApiKey, clear: CommandId.clearApiKey }),
    registerShowActions(),
    registerStatusBar(keys),
  );

  const version = (context.extension.packageJSON as { version?: string }).version ?? '?';
  log.info(`Headroom ${version} activated in ${(performance.now() - started).toFixed(1)} ms (VS Code ${vscode.version}).`);
}

export function deactivate(): void {
  // Everything is released through context.subscriptions.
}
