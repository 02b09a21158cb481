import * as vscode from 'vscode';
import { CommandId } from '../../constants';
import type { Logger } from '../../core/logger';
import { startProxy, type ObservingProxy } from '../../core/proxy';
import { readMonitorSettings, readObserveSettings } from '../../config';
import type { Monitor } from '../monitor/monitor';

const ENV_VAR = 'ANTHROPIC_BASE_URL';
const DEFAULT_UPSTREAM = 'https://api.anthropic.com';

export interface Observer extends vscode.Disposable {
  /** The proxy's URL while observing. */
  url(): string | undefined;
  start(): Promise<string | undefined>;
  stop(): Promise<void>;
}

/**
 * Observe mode: a pass-through proxy on 127.0.0.1 that the user's app talks to, feeding
 * the monitor at no cost. New integrated terminals get ANTHROPIC_BASE_URL pointing at it
 * (both SDKs read that variable) until observing stops.
 */
export function registerObserve(deps: {
  context: vscode.ExtensionContext;
  monitor: Monitor;
  log: Logger;
}): Observer {
  const { context, monitor, log } = deps;
  const env = context.environmentVariableCollection;
  // The proxy does not outlive the window, so neither may the variable.
  env.persistent = false;
  env.clear();
  let proxy: ObservingProxy | undefined;
  let attached: vscode.Disposable | undefined;
  let starting: Promise<string | undefined> | undefined;

  const stop = async (): Promise<void> => {
    const running = proxy;
    proxy = undefined;
    attached?.dispose();
    attached = undefined;
    env.clear();
    await vscode.commands.executeCommand('setContext', 'headroom.observing', false);
    if (running) {
      await running.close();
      log.info('Observe mode stopped; new terminals no longer get ANTHROPIC_BASE_URL.');
    }
  };

  const start = async (): Promise<string | undefined> => {
    if (proxy) return proxy.url;
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage('Headroom: trust this workspace to start observing.');
      return undefined;
    }
    const upstream = readMonitorSettings().baseUrl ?? DEFAULT_UPSTREAM;
    const { port } = readObserveSettings();
    try {
      proxy = await startProxy({ port, upstream, log });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      log.error(`Could not start the observe proxy on 127.0.0.1:${port}: ${message}`);
      void vscode.window.showErrorMessage(
        `Headroom: could not start observing on port ${port || 'auto'} (${message}). Change headroom.observe.port or use 0 for any free port.`,
      );
      return undefined;
    }
    const source = monitor.attachSource(proxy, proxy.url);
    // Cost comes from the exchange record, which has the final usage of every response: a
    // stream's arrives with its end (after its observation), and a JSON body may be decoded
    // after its observation's hold expired. The monitor prices nothing else that is observed.
    const priced = proxy.onExchange((e) => {
      if (e.usage) monitor.recordObservedUsage(e.model, e.usage, e.endedAt);
    });
    attached = vscode.Disposable.from(source, priced);
    env.replace(ENV_VAR, proxy.url);
    env.description = new vscode.MarkdownString(
      `Headroom is observing Claude API traffic: \`${ENV_VAR}\` points at its local proxy (${proxy.url}), which forwards to ${upstream} unchanged and reads the rate-limit headers.`,
    );
    await vscode.commands.executeCommand('setContext', 'headroom.observing', true);
    log.info(`Observe mode: proxy on ${proxy.url} → ${upstream}. New terminals get ${ENV_VAR}=${proxy.url}.`);
    return proxy.url;
  };

  const commands = vscode.Disposable.from(
    vscode.commands.registerCommand(CommandId.startObserving, async () => {
      starting ??= start().finally(() => (starting = undefined));
      const url = await starting;
      if (!url) return undefined;
      void vscode.window
        .showInformationMessage(
          `Headroom is observing on ${url}. New terminals have ${ENV_VAR} set; point other apps at that URL.`,
          'Open Terminal',
          'Copy URL',
        )
        .then(async (choice) => {
          if (choice === 'Open Terminal') {
            // The notification's button keeps focus in the workbench chrome: move it into the
            // new terminal, so the first command typed lands there.
            const terminal = vscode.window.createTerminal({ name: 'Headroom observed' });
            terminal.show(false);
            await vscode.commands.executeCommand('workbench.action.terminal.focus');
          }
          if (choice === 'Copy URL') await vscode.env.clipboard.writeText(url);
        });
      return url;
    }),
    vscode.commands.registerCommand(CommandId.stopObserving, stop),
  );

  return {
    url: () => proxy?.url,
    start,
    stop,
    dispose: () => {
      commands.dispose();
      void stop();
    },
  };
}
