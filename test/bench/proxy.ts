/**
 * Observe-mode proxy benchmark (issue #6): what the proxy adds to a request.
 *
 * The mock API and the proxy each run in their own child process (as in real use: the app,
 * the proxy in the editor or CLI, and the API are separate), on loopback, with no
 * artificial latency. A plain `http` client with a keep-alive agent drives the load (the
 * SDK's own overhead would swamp the figures).
 *
 *  (a) latency p50 / p99 direct vs through the proxy at 1, 50 and 200 concurrent requests
 *      (non-streaming `/v1/messages`), and the difference;
 *  (b) throughput: requests per second through the proxy / direct, at each concurrency;
 *  (c) SSE: time to the response headers and to the first event, direct vs proxy.
 *
 * Runs alternate direct / proxy rounds so drift on the machine hits both alike; the CPU
 * time each process spends per request is printed too, since on a machine with few cores
 * the three processes compete for them and that, not the extra hop, sets the throughput. Targets:
 * p50 added < 1 ms and p99 added < 5 ms at 50 concurrent, throughput >= 80% of direct.
 * Every run is bounded in requests and in time.
 */
import { fork, type ChildProcess } from 'node:child_process';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import { performance } from 'node:perf_hooks';
import { startProxy } from '../../src/core/proxy';
import { startMockAnthropic } from '../mock-anthropic/server';
import type { BenchSection } from './bench';

const KEY = 'sk-ant-bench-not-a-real-key';
const MODEL = 'claude-haiku-4-5';
/** Concurrency → requests per target (split over the rounds), after a warm-up. */
const LEVELS: readonly [number, number][] = [
  [1, 3000],
  [50, 12_000],
  [200, 12_000],
];
const WARMUP = 1000;
/** Direct and proxied runs alternate this many times, so a burst of other load on the machine hits both. */
const ROUNDS = 4;
/** No single measured run may take longer than this, ms. */
const RUN_CAP_MS = 8000;
const SSE_SAMPLES = 400;
/** The informative extra row: an upstream that answers after this long, ms (the real API takes far longer). */
const SLOW_UPSTREAM_MS = 20;
const SLOW_REQUESTS = 3000;
const BARE_REQUESTS = 6000;

const BODY = JSON.stringify({
  model: MODEL,
  max_tokens: 12,
  messages: [{ role: 'user', content: 'Benchmark.' }],
});
const STREAM_BODY = JSON.stringify({ ...JSON.parse(BODY), stream: true });

interface Run {
  /** Per-request latency (request start to last body byte), ms. */
  latencies: number[];
  elapsedMs: number;
  errors: number;
  /** CPU used during the run by the load generator, the mock and the proxy, µs. */
  cpu?: { client: number; mock: number; proxy: number };
}

function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}

function request(
  target: URL,
  agent: http.Agent,
  body: string,
  marks?: { headers?: number; firstByte?: number },
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      target,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'anthropic-version': '2023-06-01',
          'x-api-key': KEY,
        },
      },
      (res) => {
        if (marks) marks.headers = performance.now();
        res.on('data', () => {
          if (marks && marks.firstByte === undefined) marks.firstByte = performance.now();
        });
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** `count` requests with `concurrency` in flight, stopping early at RUN_CAP_MS. */
async function load(base: string, concurrency: number, count: number): Promise<Run> {
  const target = new URL('/v1/messages', base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  let errors = 0;
  let issued = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (issued < count && performance.now() - started < RUN_CAP_MS) {
      issued++;
      const t = performance.now();
      try {
        const status = await request(target, agent, BODY);
        if (status === 200) latencies.push(performance.now() - t);
        else errors++;
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsedMs = performance.now() - started;
  agent.destroy();
  return { latencies, elapsedMs, errors };
}

/** Starts a server in a child process (this file with `--serve`), resolving with its URL. */
function serve(
  kind: 'mock' | 'mock-slow' | 'proxy' | 'bare',
  upstream?: string,
): Promise<{ url: string; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, ['--serve', kind, ...(upstream ? [upstream] : [])], { stdio: 'inherit' });
    child.once('message', (m: { url?: string }) =>
      m.url ? resolve({ url: m.url, child }) : reject(new Error(kind)),
    );
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${kind} exited with ${code}`)));
  });
}

function cpuMicros(): number {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
}

/** CPU time a child has used so far, µs. */
function childCpu(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.once('message', (m: { cpu: number }) => resolve(m.cpu));
    child.send('cpu');
  });
}

const ms = (n: number): string => (Number.isFinite(n) ? n.toFixed(2) : '—');
const signed = (n: number): string => (n >= 0 ? `+${ms(n)}` : ms(n));
const mark = (ok: boolean): string => (ok ? 'met' : 'MISSED');

async function runProxyBenchSection(log: (line: string) => void): Promise<void> {
  const mock = await serve('mock');
  const proxy = await serve('proxy', mock.url);
  try {
    log(
      `loopback; mock API and proxy in separate processes; ${os.cpus().length} CPUs; Node ${process.version}`,
    );
    log(
      'non-streaming /v1/messages, plain http client with keep-alive; latency = request start to last byte',
    );
    log('');
    log(
      'concurrency  direct p50 / p99 ms  proxy p50 / p99 ms  added p50 / p99 ms  direct req/s  proxy req/s  ratio',
    );
    const results = new Map<number, { addedP50: number; addedP99: number; ratio: number }>();
    const cpuRows: [number, Run[], Run[]][] = [];
    const measuredWith = async (child: ChildProcess, run: () => Promise<Run>): Promise<Run> => {
      const before = await childCpu(child);
      const result = await run();
      return { ...result, cpu: { client: 0, mock: 0, proxy: (await childCpu(child)) - before } };
    };
    const measured = async (run: () => Promise<Run>): Promise<Run> => {
      const before = [cpuMicros(), await childCpu(mock.child), await childCpu(proxy.child)] as const;
      const result = await run();
      const after = [cpuMicros(), await childCpu(mock.child), await childCpu(proxy.child)] as const;
      return {
        ...result,
        cpu: { client: after[0] - before[0], mock: after[1] - before[1], proxy: after[2] - before[2] },
      };
    };
    for (const [concurrency, count] of LEVELS) {
      await load(mock.url, concurrency, WARMUP);
      await load(proxy.url, concurrency, WARMUP);
      const direct: Run[] = [];
      const proxied: Run[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        direct.push(await measured(() => load(mock.url, concurrency, count / ROUNDS)));
        proxied.push(await measured(() => load(proxy.url, concurrency, count / ROUNDS)));
      }
      cpuRows.push([concurrency, direct, proxied]);
      const summary = (runs: Run[]): { p50: number; p99: number; rps: number; errors: number } => {
        const all = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
        const elapsed = runs.reduce((s, r) => s + r.elapsedMs, 0);
        return {
          p50: percentile(all, 0.5),
          p99: percentile(all, 0.99),
          rps: (all.length / elapsed) * 1000,
          errors: runs.reduce((s, r) => s + r.errors, 0),
        };
      };
      const d = summary(direct);
      const p = summary(proxied);
      const result = { addedP50: p.p50 - d.p50, addedP99: p.p99 - d.p99, ratio: p.rps / d.rps };
      results.set(concurrency, result);
      log(
        `${String(concurrency).padEnd(11)}  ${`${ms(d.p50)} / ${ms(d.p99)}`.padEnd(19)}  ` +
          `${`${ms(p.p50)} / ${ms(p.p99)}`.padEnd(18)}  ${`${signed(result.addedP50)} / ${signed(result.addedP99)}`.padEnd(18)}  ` +
          `${d.rps.toFixed(0).padStart(12)}  ${p.rps.toFixed(0).padStart(11)}  ${(result.ratio * 100).toFixed(0).padStart(4)}%` +
          (d.errors + p.errors > 0 ? `  (errors: direct ${d.errors}, proxy ${p.errors})` : ''),
      );
    }

    log('');
    log('CPU per request, µs (load generator / mock / proxy), direct vs through the proxy:');
    for (const [concurrency, direct, proxied] of cpuRows) {
      const per = (runs: Run[], who: 'client' | 'mock' | 'proxy'): string => {
        const requests = runs.reduce((sum, r) => sum + r.latencies.length + r.errors, 0);
        return (runs.reduce((sum, r) => sum + (r.cpu?.[who] ?? 0), 0) / requests).toFixed(0);
      };
      log(
        `  ${String(concurrency).padStart(3)} concurrent: direct ${per(direct, 'client')} / ${per(direct, 'mock')} / -, ` +
          `proxied ${per(proxied, 'client')} / ${per(proxied, 'mock')} / ${per(proxied, 'proxy')}`,
      );
    }

    // SSE: sequential streams, time to headers and to the first event.
    const ttfb = async (base: string): Promise<{ headers: number[]; first: number[] }> => {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      const target = new URL('/v1/messages', base);
      const headers: number[] = [];
      const first: number[] = [];
      const started = performance.now();
      for (let i = 0; i < SSE_SAMPLES && performance.now() - started < RUN_CAP_MS; i++) {
        const marks: { headers?: number; firstByte?: number } = {};
        const t = performance.now();
        await request(target, agent, STREAM_BODY, marks);
        if (i < 50) continue; // warm-up
        if (marks.headers !== undefined) headers.push(marks.headers - t);
        if (marks.firstByte !== undefined) first.push(marks.firstByte - t);
      }
      agent.destroy();
      return { headers: headers.sort((a, b) => a - b), first: first.sort((a, b) => a - b) };
    };
    const sd = await ttfb(mock.url);
    const sp = await ttfb(proxy.url);
    log('');
    log(
      `SSE (sequential, ${sd.first.length} streams each): time to first event p50 direct ${ms(percentile(sd.first, 0.5))} ms, ` +
        `proxy ${ms(percentile(sp.first, 0.5))} ms, added ${signed(percentile(sp.first, 0.5) - percentile(sd.first, 0.5))} ms ` +
        `(p99 added ${signed(percentile(sp.first, 0.99) - percentile(sd.first, 0.99))} ms); time to headers p50 added ` +
        `${signed(percentile(sp.headers, 0.5) - percentile(sd.headers, 0.5))} ms`,
    );

    // For context (not a target): the same 50 concurrent requests to an upstream that takes
    // 20 ms to answer, so the upstream rather than the machine's CPUs is the bottleneck.
    const slowMock = await serve('mock-slow');
    const slowProxy = await serve('proxy', slowMock.url);
    try {
      await load(slowMock.url, 50, 500);
      await load(slowProxy.url, 50, 500);
      const d = await load(slowMock.url, 50, SLOW_REQUESTS);
      const p = await load(slowProxy.url, 50, SLOW_REQUESTS);
      const sd = d.latencies.sort((a, b) => a - b);
      const sp = p.latencies.sort((a, b) => a - b);
      const ratio = (sp.length / p.elapsedMs / (sd.length / d.elapsedMs)) * 100;
      log('');
      log(
        `context, upstream answering after ${SLOW_UPSTREAM_MS} ms, 50 concurrent: added p50 ` +
          `${signed(percentile(sp, 0.5) - percentile(sd, 0.5))} ms, p99 ${signed(percentile(sp, 0.99) - percentile(sd, 0.99))} ms, ` +
          `throughput ${ratio.toFixed(0)}% of direct`,
      );
    } finally {
      slowProxy.child.kill();
      slowMock.child.kill();
    }

    // For context (not a target): a bare pass-through that observes nothing, at 50 concurrent.
    const bare = await serve('bare', mock.url);
    try {
      await load(bare.url, 50, WARMUP);
      await load(proxy.url, 50, WARMUP);
      const b: Run[] = [];
      const p: Run[] = [];
      const d: Run[] = [];
      for (let round = 0; round < 2; round++) {
        d.push(await load(mock.url, 50, BARE_REQUESTS / 2));
        b.push(await measuredWith(bare.child, () => load(bare.url, 50, BARE_REQUESTS / 2)));
        p.push(await measuredWith(proxy.child, () => load(proxy.url, 50, BARE_REQUESTS / 2)));
      }
      const rps = (runs: Run[]): number =>
        (runs.reduce((n, r) => n + r.latencies.length, 0) / runs.reduce((t, r) => t + r.elapsedMs, 0)) * 1000;
      const cpu = (runs: Run[]): string =>
        (
          runs.reduce((t, r) => t + (r.cpu?.proxy ?? 0), 0) / runs.reduce((n, r) => n + r.latencies.length, 0)
        ).toFixed(0);
      log(
        `context, a bare Node pass-through that observes nothing, 50 concurrent: ${((rps(b) / rps(d)) * 100).toFixed(0)}% ` +
          `of direct at ${cpu(b)} µs CPU per request (Headroom's proxy in the same rounds: ${((rps(p) / rps(d)) * 100).toFixed(0)}% ` +
          `at ${cpu(p)} µs)`,
      );
    } finally {
      bare.child.kill();
    }

    log('');
    for (const concurrency of [1, 50]) {
      const r = results.get(concurrency);
      if (r) {
        log(
          `target: p50 added < 1 ms at ${concurrency} concurrent: ${ms(r.addedP50)} ms, ${mark(r.addedP50 < 1)}`,
        );
      }
    }
    const at50 = results.get(50);
    if (at50) {
      log(`target: p99 added < 5 ms at 50 concurrent: ${ms(at50.addedP99)} ms, ${mark(at50.addedP99 < 5)}`);
    }
    for (const concurrency of [50, 200]) {
      const r = results.get(concurrency);
      if (r) {
        log(
          `target: throughput >= 80% of direct at ${concurrency} concurrent: ${(r.ratio * 100).toFixed(0)}%, ${mark(r.ratio >= 0.8)}`,
        );
      }
    }
  } finally {
    proxy.child.kill();
    mock.child.kill();
  }
}

/** The `npm run bench` section (register it in `bench.ts`'s `sections`). */
export const proxyBench: BenchSection = { name: 'proxy', run: runProxyBenchSection };

/** Runs the proxy section alone, printing to the console. */
export function runProxyBench(): Promise<void> {
  return runProxyBenchSection((line) => console.log(line));
}

/**
 * The floor for comparison: the least a Node pass-through can do (collect the request,
 * forward it over a keep-alive agent, pipe the answer back), with no observing at all.
 */
async function startBareProxy(upstream: string): Promise<{ url: string; close(): Promise<void> }> {
  const target = new URL(upstream);
  const agent = new http.Agent({ keepAlive: true });
  const server = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (chunk: Buffer) => parts.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(parts);
      const headers = { ...req.headers, host: target.host, 'content-length': String(body.length) };
      const forward = http.request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers, agent },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', () => res.destroy());
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Child-process side: `--serve mock|mock-slow` or `--serve proxy|bare <upstream>`; exits with its parent. */
export async function serveChild(kind: string, upstream: string | undefined): Promise<void> {
  let server: { url: string; close(): Promise<void> };
  if (kind === 'mock' || kind === 'mock-slow') {
    server = await startMockAnthropic({
      limits: { rpm: 1e9, itpm: 1e12, otpm: 1e12 },
      ...(kind === 'mock-slow' && { faults: { latencyMs: SLOW_UPSTREAM_MS } }),
    });
  } else if (kind === 'bare') {
    server = await startBareProxy(upstream as string);
  } else {
    const proxy = await startProxy({ upstream: upstream as string });
    // Someone always listens in real use (the CLI, the extension): include that cost.
    proxy.onObservation(() => undefined);
    server = proxy;
  }
  process.on('message', () => process.send?.({ cpu: cpuMicros() }));
  process.send?.({ url: server.url });
  process.on('disconnect', () => void server.close().then(() => process.exit(0)));
}

// Run as its own script (the transpiled tree): the bench's server child, or the proxy section
// alone. (In the bench bundle every module is the main one: bench.ts starts the child there.)
if (require.main === module && !__filename.endsWith('.bundle.js')) {
  const [flag, kind, upstream] = process.argv.slice(2);
  if (flag === '--serve' && kind !== undefined) {
    serveChild(kind, upstream).catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
  } else {
    runProxyBench().catch((err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    });
  }
}
