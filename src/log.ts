import * as vscode from 'vscode';
import type { Logger } from './core/logger';
import { scrubSecrets } from './core/secrets';

/**
 * Adapts the extension's `LogOutputChannel` to the core `Logger` interface. The channel
 * honours the user's "Set Log Level" choice, so we forward every level unfiltered. Every
 * line is scrubbed of the keys in `secrets()` (and fragments of them) and of anything
 * shaped like an Anthropic key, whatever the caller passed.
 */
export function createChannelLogger(
  channel: vscode.LogOutputChannel,
  secrets: () => readonly string[] = () => [],
): Logger {
  const clean = (m: string | Error): string =>
    scrubSecrets(m instanceof Error ? (m.stack ?? m.message) : m, secrets());
  return {
    trace: (m) => channel.trace(clean(m)),
    debug: (m) => channel.debug(clean(m)),
    info: (m) => channel.info(clean(m)),
    warn: (m) => channel.warn(clean(m)),
    error: (m) => channel.error(clean(m)),
  };
}
