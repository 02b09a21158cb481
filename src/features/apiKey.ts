import * as vscode from 'vscode';
import type { Logger } from '../core/logger';

const SECRET_KEY = 'headroom.anthropicApiKey';

/** Where the key in use came from; shown to the user, never the key itself. */
export type ApiKeySource = 'secret-storage' | 'environment' | 'none';

/**
 * Holds the Anthropic API key. The key lives only in VS Code's SecretStorage (or the
 * `ANTHROPIC_API_KEY` environment variable as a fallback): never in settings, logs or
 * error messages.
 */
export class ApiKeyStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the stored key is set, replaced or cleared (also from another window). */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;
  /** The stored key as last read, so the log can scrub it synchronously. */
  private lastStored: string | undefined;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.subscription = secrets.onDidChange((e) => {
      if (e.key === SECRET_KEY) this.changed.fire();
    });
  }

  /** The key to use and where it came from. */
  async get(): Promise<{ key: string | undefined; source: ApiKeySource }> {
    const stored = await this.secrets.get(SECRET_KEY);
    if (stored) this.lastStored = stored;
    if (stored) return { key: stored, source: 'secret-storage' };
    const fromEnv = this.env.ANTHROPIC_API_KEY?.trim();
    if (fromEnv) return { key: fromEnv, source: 'environment' };
    return { key: undefined, source: 'none' };
  }

  async set(key: string): Promise<void> {
    this.lastStored = key.trim();
    await this.secrets.store(SECRET_KEY, key.trim());
  }

  /** Every key this window knows of (stored or from the environment): what logs must never show. */
  known(): string[] {
    return [this.lastStored, this.env.ANTHROPIC_API_KEY?.trim()].filter((k): k is string => !!k);
  }

  async clear(): Promise<void> {
    await this.secrets.delete(SECRET_KEY);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** Light shape check so a pasted typo is caught before it is stored. */
export function validateApiKeyInput(value: string): string | undefined {
  const v = value.trim();
  if (v.length === 0) return 'Paste your Anthropic API key.';
  if (/\s/.test(v)) return 'An API key has no spaces or line breaks.';
  if (!v.startsWith('sk-ant-')) return 'Anthropic API keys start with "sk-ant-".';
  if (v.length < 20) return 'That key looks too short.';
  return undefined;
}

/** Registers "Set API Key" and "Clear API Key". */
export function registerApiKeyCommands(
  store: ApiKeyStore,
  log: Logger,
  ids: { set: string; clear: string },
  onKeySet: () => Promise<void>,
): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(ids.set, async () => {
      const value = await vscode.window.showInputBox({
        title: 'Headroom: Set Anthropic API Key',
        prompt:
          'Stored in VS Code Secret Storage on this machine, never in settings or logs. The monitor then polls with it: one request (max_tokens 1, about 10 tokens) per interval.',
        password: true,
        ignoreFocusOut: true,
        placeHolder: 'sk-ant-…',
        validateInput: validateApiKeyInput,
      });
      if (value === undefined) return;
      await onKeySet();
      await store.set(value);
      log.info('API key stored in Secret Storage.');
      void vscode.window.showInformationMessage('Headroom: API key saved in Secret Storage.');
    }),
    vscode.commands.registerCommand(ids.clear, async () => {
      await store.clear();
      log.info('API key removed from Secret Storage.');
      const { source } = await store.get();
      void vscode.window.showInformationMessage(
        source === 'environment'
          ? 'Headroom: stored key cleared. ANTHROPIC_API_KEY from the environment is still in use.'
          : 'Headroom: API key cleared.',
      );
    }),
  );
}
