/**
 * The logging interface the core depends on. The extension binds it to its
 * `LogOutputChannel`; the CLI binds it to stderr; tests use `Logger.silent`.
 * Callers must never pass secrets (API keys, request bodies) to a logger.
 */
export interface Logger {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string | Error): void;
}

export namespace Logger {
  /** A logger that drops everything, for tests and library use. */
  export const silent: Logger = {
    trace: () => undefined,
    debug: () => undefined,
    info: () => undefined,
    warn: () => undefined,
    error: () => undefined,
  };
}
