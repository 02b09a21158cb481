import * as vscode from 'vscode';
import type { Logger } from './core/logger';

/**
 * Adapts the extension's `LogOutputChannel` to the core `Logger` interface. The channel
 * honours the user's "Set Log Level" choice, so we forward every level unfiltered.
 */
export function createChannelLogger(channel: vscode.LogOutputChannel): Logger {
  return {
    trace: (m) => channel.trace(m),
    debug: (m) => channel.debug(m),
    info: (m) => channel.info(m),
    warn: (m) => channel.warn(m),
    error: (m) => channel.error(m),
  };
}
