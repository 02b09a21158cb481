/**
 * Runs the local Anthropic-compatible server from a shell:
 *
 *   node out/test/mock-anthropic/cli.js [--port N] [--rpm N] [--itpm N] [--otpm N]
 *        [--api-key KEY] [--reply-tokens N] [--latency MS]
 *
 * Prints the URL on the first line of stdout (`Mock Anthropic API listening on http://…`)
 * and runs until SIGINT/SIGTERM. Listens on 127.0.0.1 only.
 */
import { startMockAnthropic, type MockAnthropicOptions } from './server';

export interface CliArgs {
  port: number;
  rpm?: number;
  itpm?: number;
  otpm?: number;
  apiKey?: string;
  replyTokens?: number;
  latencyMs?: number;
}

const USAGE =
  'usage: mock-anthropic [--port N] [--rpm N] [--itpm N] [--otpm N] [--api-key KEY] [--reply-tokens N] [--latency MS]';

const NUMERIC_FLAGS: Readonly<Record<string, Exclude<keyof CliArgs, 'apiKey'>>> = {
  '--port': 'port',
  '--rpm': 'rpm',
  '--itpm': 'itpm',
  '--otpm': 'otpm',
  '--reply-tokens': 'replyTokens',
  '--latency': 'latencyMs',
};

/** Parses the command line; throws with the usage text on anything unexpected. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = { port: 0 };
  const count = (flag: string, value: string | undefined): number => {
    const n = Number(value);
    if (value === undefined || !/^\d+$/.test(value) || !Number.isSafeInteger(n)) {
      throw new Error(`${flag} needs a whole number\n${USAGE}`);
    }
    return n;
  };
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i] as string;
    const value = argv[i + 1];
    const numeric = NUMERIC_FLAGS[flag];
    if (numeric) {
      args[numeric] = count(flag, value);
    } else if (flag === '--api-key') {
      if (!value) throw new Error(`--api-key needs a value\n${USAGE}`);
      args.apiKey = value;
    } else {
      throw new Error(flag === '--help' || flag === '-h' ? USAGE : `unknown argument ${flag}\n${USAGE}`);
    }
  }
  if (args.port > 65535) throw new Error(`--port must be at most 65535\n${USAGE}`);
  return args;
}

/** Maps CLI arguments to server options. */
export function optionsFromArgs(args: CliArgs): MockAnthropicOptions {
  return {
    port: args.port,
    limits: {
      ...(args.rpm !== undefined && { rpm: args.rpm }),
      ...(args.itpm !== undefined && { itpm: args.itpm }),
      ...(args.otpm !== undefined && { otpm: args.otpm }),
    },
    ...(args.apiKey !== undefined && { apiKey: args.apiKey }),
    ...(args.replyTokens !== undefined && { replyTokens: args.replyTokens }),
    ...(args.latencyMs !== undefined && { faults: { latencyMs: args.latencyMs } }),
  };
}

async function main(): Promise<void> {
  let args: CliArgs;
  try {
    args = parseCliArgs(process.argv.slice(2));
  } catch (err) {
    console.error((err as Error).message);
    process.exitCode = 2;
    return;
  }
  const server = await startMockAnthropic(optionsFromArgs(args));
  console.log(`Mock Anthropic API listening on ${server.url}`);
  const shutdown = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
  });
}
