/** Where the CLI writes; injected so tests can capture output. */
export interface CliIo {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  cwd: string;
}

declare const HEADROOM_VERSION: string | undefined;

const USAGE = `Usage: headroom <command> [options]

Commands:
  --version    Print the version
  --help       Show this help
`;

/** Runs the CLI and resolves to the process exit code (0 ok, 1 findings, 2 usage or I/O error). */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command] = argv;
  if (command === '--version' || command === '-v') {
    io.stdout.write(`${typeof HEADROOM_VERSION === 'string' ? HEADROOM_VERSION : 'dev'}\n`);
    return 0;
  }
  if (command === undefined || command === '--help' || command === '-h') {
    io.stdout.write(USAGE);
    return command === undefined ? 2 : 0;
  }
  io.stderr.write(`headroom: unknown command "${command}"\n${USAGE}`);
  return 2;
}
