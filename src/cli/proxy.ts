/**
 * `headroom proxy [--port N] [--upstream URL]`: runs the observe-mode proxy in the
 * foreground, prints the `ANTHROPIC_BASE_URL` to use, one secret-free line per response
 * (model, status, remaining RPM / ITPM / OTPM, latency), and a summary when stopped with
 * Ctrl+C (SIGINT) or SIGTERM.
 */
import { AccelerationWatch, type Verdict429 } from '../core/monitor/acceleration';
import { formatCount } from '../core/monitor/format';
import type { LimitFamilyId } from '../core/monitor/headers';
import type { Observation } from '../core/monitor/source';
import {
  DEFAULT_UPSTREAM,
  parseUpstream,
  startProxy,
  type ObservingProxy,
  type ProxyStats,
} from '../core/proxy';
import type { CliIo } from './cli';

/** The port tried when `--port` is not given; a busy one falls back to a free port. */
export const DEFAULT_PROXY_PORT = 8788;

/** One line for the top-level usage's command list. */
export const PROXY_COMMAND_SUMMARY =
  "proxy             Observe the app's own Claude API traffic (set ANTHROPIC_BASE_URL to it)";

export const PROXY_USAGE = `Usage: headroom proxy [--port N] [--upstream URL] [--headers-timeout S]

Runs a local pass-through proxy on 127.0.0.1 for the Claude API. Point your app at it
with ANTHROPIC_BASE_URL and every response it gets is shown here: model, status,
remaining requests / input tokens / output tokens per minute, and latency. Requests and
responses pass through unchanged; bodies and API keys are never stored or printed.

Options:
  --port <n>        Port to listen on, 0-65535 (default ${DEFAULT_PROXY_PORT}, or a free port if
                    it is busy; 0 always picks a free port)
  --upstream <url>  The API to forward to (default ${DEFAULT_UPSTREAM}); https, or http
                    on 127.0.0.1/localhost only
  --headers-timeout <s>
                    Answer 504 when the upstream sends no response headers within
                    this many seconds (default 660: above the SDKs' 10-minute timeout)
  -h, --help        Show this help

Stop with Ctrl+C. Exit status: 0 when stopped, 2 on a usage error or when the port
cannot be opened.
`;

interface ProxyArgs {
  port?: number;
  upstream: string;
  /** `--headers-timeout`, ms. */
  headersTimeoutMs?: number;
  help: boolean;
}

class UsageError extends Error {}

function parseProxyArgs(argv: readonly string[]): ProxyArgs {
  const args: ProxyArgs = { upstream: DEFAULT_UPSTREAM, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq !== -1 ? arg.slice(0, eq) : arg;
    const inline = flag === arg ? undefined : arg.slice(eq + 1);
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('-')) throw new UsageError(`${flag} needs a value`);
      i++;
      return next;
    };
    switch (flag) {
      case '-h':
      case '--help':
        args.help = true;
        break;
      case '--port': {
        const v = value();
        const port = Number(v);
        if (!/^\d{1,5}$/.test(v) || port > 65535) {
          throw new UsageError(`--port must be a whole number from 0 to 65535 (got "${v}")`);
        }
        args.port = port;
        break;
      }
      case '--upstream': {
        const v = value();
        try {
          parseUpstream(v);
        } catch (err) {
          throw new UsageError(`--upstream: ${(err as Error).message}`);
        }
        args.upstream = v;
        break;
      }
      case '--headers-timeout': {
        const v = value();
        if (!/^[1-9]\d{0,5}$/.test(v)) {
          throw new UsageError(
            `--headers-timeout must be a whole number of seconds from 1 to 999999 (got "${v}")`,
          );
        }
        args.headersTimeoutMs = Number(v) * 1000;
        break;
      }
      default:
        throw new UsageError(
          arg.startsWith('-') ? `unknown option "${arg}"` : `unexpected argument "${arg}"`,
        );
    }
  }
  return args;
}

/**
 * Runs `headroom proxy`; resolves to the exit code once stopped (by `signal`, or by
 * SIGINT/SIGTERM when no signal is given).
 */
export async function runProxyCommand(argv: string[], io: CliIo, signal?: AbortSignal): Promise<number> {
  let args: ProxyArgs;
  try {
    args = parseProxyArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr.write(`headroom proxy: ${err.message}\nRun "headroom proxy --help" for usage.\n`);
    return 2;
  }
  if (args.help) {
    io.stdout.write(PROXY_USAGE);
    return 0;
  }
  if (signal?.aborted) return 0;

  let proxy: ObservingProxy;
  try {
    proxy = await listen(args, io);
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    const reason =
      code === 'EADDRINUSE'
        ? `port ${args.port} is in use (try --port 0 for a free one)`
        : code === 'EACCES'
          ? `no permission to listen on port ${args.port}`
          : typeof code === 'string'
            ? `cannot listen (${code})`
            : // A refused upstream (e.g. the proxy's own address) says what is wrong in its message.
              err instanceof Error && err.message !== ''
              ? err.message
              : 'cannot listen (unknown error)';
    io.stderr.write(`headroom proxy: ${reason}\n`);
    return 2;
  }

  // Listen for Ctrl+C before saying we are ready: a script that waits for the line and
  // then stops us must never meet the default handler.
  const stop = stopped(signal);
  const watch = new AccelerationWatch();
  const subscription = proxy.onObservation((o) =>
    io.stdout.write(`${describeResponse(o, new Date(), watch.observe(o))}\n`),
  );
  io.stdout.write(
    `Headroom proxy listening on ${proxy.url} -> ${proxy.upstream}\n` +
      'Point your app at it (in the shell that starts the app):\n' +
      `  export ANTHROPIC_BASE_URL=${proxy.url}\n` +
      (process.platform === 'win32' ? `  $env:ANTHROPIC_BASE_URL = "${proxy.url}"   # PowerShell\n` : '') +
      'Press Ctrl+C to stop.\n',
  );

  await stop;
  subscription.dispose();
  const stats = proxy.stats();
  await proxy.close();
  io.stdout.write(`${summaryLine(stats)}\n`);
  return 0;
}

/** Listens on the requested port; without `--port`, the default one or else a free one. */
async function listen(args: ProxyArgs, io: CliIo): Promise<ObservingProxy> {
  const common = {
    upstream: args.upstream,
    ...(args.headersTimeoutMs !== undefined && { headersTimeoutMs: args.headersTimeoutMs }),
  };
  if (args.port !== undefined) return startProxy({ ...common, port: args.port });
  try {
    return await startProxy({ ...common, port: DEFAULT_PROXY_PORT });
  } catch (err) {
    if ((err as { code?: unknown }).code !== 'EADDRINUSE') throw err;
    io.stderr.write(`headroom proxy: port ${DEFAULT_PROXY_PORT} is in use; using a free port\n`);
    return startProxy({ ...common, port: 0 });
  }
}

/** Resolves when `signal` aborts, or (without one) on the first SIGINT or SIGTERM. */
function stopped(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal) {
      if (signal.aborted) return resolve();
      signal.addEventListener('abort', () => resolve(), { once: true });
      return;
    }
    const onSignal = (): void => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

const LINE_FAMILIES: readonly [LimitFamilyId, string][] = [
  ['requests', 'RPM'],
  ['input-tokens', 'ITPM'],
  ['output-tokens', 'OTPM'],
];

/**
 * One line per response: time, model, status (and error type), remaining/limit of RPM,
 * ITPM and OTPM when sent, retry-after, latency, usage, request id. Built only from parsed,
 * validated fields, so nothing the request carried (key, body) can appear.
 */
export function describeResponse(o: Observation, at: Date, verdict?: Verdict429): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  const time = `${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;
  const latency = o.latencyMs !== undefined ? `${Math.round(o.latencyMs)} ms` : undefined;
  if (o.kind === 'network-error') {
    return [time, o.model, `upstream unreachable (${o.message}), answered 502`, latency]
      .filter(Boolean)
      .join('  ');
  }
  // The error type comes from the server: print it only when it is a plain identifier.
  const type = o.error?.type !== undefined && /^[a-z_]{1,64}$/.test(o.error.type) ? ` ${o.error.type}` : '';
  const parts: (string | undefined)[] = [time, o.model, `${o.status}${type}`];
  // Which road led to a 429: the ceiling, or acceleration (a sharp ramp with budget left).
  if (verdict?.cause === 'acceleration') {
    parts.push(
      `acceleration (sharp ramp, budget left: ramp up; cap concurrency at ${verdict.concurrencyCap ?? 1})`,
    );
  } else if (verdict?.cause === 'unexplained') {
    parts.push('budget left, no ramp (per-second share or workspace limit)');
  }
  for (const [id, label] of LINE_FAMILIES) {
    const family = o.headers.families[id];
    if (!family || family.remaining === undefined) continue;
    const limit = family.limit !== undefined ? `/${formatCount(family.limit)}` : '';
    parts.push(`${label} ${formatCount(family.remaining)}${limit}`);
  }
  const retryAfter = o.headers.retryAfterSeconds;
  if (o.status >= 400 && retryAfter !== undefined) parts.push(`retry-after ${retryAfter}s`);
  parts.push(latency);
  if (o.usage) parts.push(`tokens in ${o.usage.inputTokens ?? '?'} out ${o.usage.outputTokens ?? '?'}`);
  parts.push(o.headers.requestId);
  return parts.filter(Boolean).join('  ');
}

/** The closing summary: requests by status class, network errors, tokens. */
export function summaryLine(stats: ProxyStats): string {
  const t = stats.total;
  const c = t.statusClasses;
  const models = Object.keys(stats.byModel).length;
  return (
    `Stopped. ${t.requests} request${t.requests === 1 ? '' : 's'} (${models} model${models === 1 ? '' : 's'}): ` +
    `2xx ${c['2xx']}, 429 ${c['429']}, 529 ${c['529']}, other ${c.other}, network errors ${t.networkErrors}; ` +
    `tokens in ${formatCount(t.inputTokens)}, out ${formatCount(t.outputTokens)}.`
  );
}
