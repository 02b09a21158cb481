/**
 * The observe-mode proxy: a local pass-through between the user's app and the Claude API
 * that reads rate-limit headers and token usage from the app's own traffic, at no cost.
 *
 * The app points `ANTHROPIC_BASE_URL` at it. For each request it:
 *
 * 1. collects the (small) request body, capped at the API's 32 MB (413 beyond, never
 *    forwarded), and reads the JSON `model` from it (`unknown` when it has none or is not
 *    JSON; the body is forwarded untouched either way);
 * 2. forwards method, path, query, end-to-end headers and body to the upstream over a
 *    keep-alive agent;
 * 3. streams the response back unchanged: status, end-to-end headers, and the body bytes
 *    written to the client as they arrive (SSE events are never held back); a side tap
 *    reads usage from the bytes that already went out.
 *
 * **One `Observation` per upstream response.** An SSE response is observed at header time
 * (its usage arrives with the stream and is counted in `stats()` and reported by
 * `onExchange`). A JSON response (every error response included) is observed when its
 * body has been read, which for the API follows the headers at once, so the observation
 * can carry `usage` and the error type/code (the monitor needs `error.errorCode` to tell
 * the spend cap from a throttle); it is never held longer than `observationHoldMs`, so its
 * `usage` is best effort. The exchange record always has the final usage: cost is read there.
 * An upstream that cannot be reached gives the client a 502 Anthropic-shaped error and a
 * `network-error` observation. 413s the proxy answers itself produce no observation.
 *
 * Never stored or logged: request and response bodies, `x-api-key`, `authorization`.
 * Error messages read from bodies are scrubbed of the request's key.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { Logger } from '../logger';
import { describeObservation } from '../monitor/poller';
import { scrubSecrets } from '../secrets';
import {
  ObservationEmitter,
  type BudgetSource,
  type Disposable,
  type Observation,
  type SourceKind,
} from '../monitor/source';
import {
  describeFailure,
  type ExchangeEnv,
  type ExchangeRecord,
  forward,
  type UpstreamTarget,
} from './exchange';
import { type ProxyStats, TrafficRecorder } from './stats';
import { DEFAULT_UPSTREAM, displayUpstream, parseUpstream } from './upstream';

export interface ProxyOptions {
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  readonly port?: number;
  /** Base URL to forward to (default `https://api.anthropic.com`); see `parseUpstream`. */
  readonly upstream?: string;
  readonly log?: Logger;
  /** Clock for observation times (default `Date.now`); latency uses the monotonic clock. */
  readonly now?: () => number;
  /** Largest request body forwarded, bytes (default 32 MB, the API's own limit); 413 beyond. */
  readonly maxRequestBytes?: number;
  /** Largest JSON response body read for usage, bytes (default 4 MB); larger bodies pass through unread. */
  readonly maxJsonBodyBytes?: number;
  /** Largest single SSE event read for usage, bytes (default 1 MB). */
  readonly maxEventBytes?: number;
  /** Longest wait for a JSON body before its observation goes out without body details, ms (default 1000). */
  readonly observationHoldMs?: number;
  /**
   * Longest wait for the upstream's response headers, ms, before the client gets a 504
   * `timeout_error` (default 11 minutes: above the SDKs' own 10-minute request timeout, so
   * only an upstream that never answers is cut; streams send their headers at once).
   */
  readonly headersTimeoutMs?: number;
  /** The `source` of emitted observations (default `observed`). */
  readonly source?: SourceKind;
}

export { modelOfBody, type ExchangeOutcome, type ExchangeRecord } from './exchange';

/** A running proxy. As a `BudgetSource`, `stop()` pauses observations (traffic still flows) and `start()` resumes them. */
export interface ObservingProxy extends BudgetSource {
  /** `http://127.0.0.1:<port>`: the app's `ANTHROPIC_BASE_URL`. */
  readonly url: string;
  readonly port: number;
  /** The upstream as displayed (origin and base path). */
  readonly upstream: string;
  /** Stops listening and cuts every open connection (in-flight upstream requests are aborted). Idempotent. */
  close(): Promise<void>;
  stats(): ProxyStats;
  /** Subscribes to finished exchanges (with final usage); dispose the result to unsubscribe. */
  onExchange(listener: (exchange: ExchangeRecord) => void): Disposable;
}

export const DEFAULT_MAX_REQUEST_BYTES = 32 * 1024 * 1024;
export const DEFAULT_MAX_JSON_BODY_BYTES = 4 * 1024 * 1024;
export const DEFAULT_MAX_EVENT_BYTES = 1024 * 1024;
export const DEFAULT_OBSERVATION_HOLD_MS = 1000;
export const DEFAULT_HEADERS_TIMEOUT_MS = 11 * 60_000;

/** Idle upstream sockets are closed after this long, ms. */
const FREE_SOCKET_TIMEOUT_MS = 15_000;

/** An Anthropic-shaped error body. */
function errorBody(type: string, message: string): string {
  return JSON.stringify({ type: 'error', error: { type, message } });
}

/**
 * Starts the proxy on 127.0.0.1; resolves once it listens. Rejects with a `TypeError` on a
 * bad upstream (see `parseUpstream`, or the proxy's own address), or with the listen error
 * (`code` `EADDRINUSE`, `EACCES`).
 */
export async function startProxy(options: ProxyOptions = {}): Promise<ObservingProxy> {
  const upstreamUrl = parseUpstream(options.upstream ?? DEFAULT_UPSTREAM);
  const upstreamName = displayUpstream(upstreamUrl);
  const secure = upstreamUrl.protocol === 'https:';
  const transport = secure ? https : http;
  // Idle kept-alive sockets close after FREE_SOCKET_TIMEOUT_MS, or a second before the
  // server's `Keep-Alive: timeout=N` hint, so a request rarely meets a socket the upstream
  // is closing (in-flight requests are not subject to this timeout).
  const agentOptions = { keepAlive: true, scheduling: 'lifo' as const, timeout: FREE_SOCKET_TIMEOUT_MS };
  const agent = secure ? new https.Agent(agentOptions) : new http.Agent(agentOptions);
  const upstream: UpstreamTarget = {
    transport,
    agent,
    hostname: upstreamUrl.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: upstreamUrl.port !== '' ? Number(upstreamUrl.port) : secure ? 443 : 80,
    host: upstreamUrl.host,
    basePath: upstreamUrl.pathname.replace(/\/$/, ''),
    name: upstreamName,
  };

  const log = options.log ?? Logger.silent;
  const now = options.now ?? Date.now;
  const source = options.source ?? 'observed';
  const maxRequestBytes = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;

  const observations = new ObservationEmitter();
  const exchanges = new Set<(exchange: ExchangeRecord) => void>();
  const recorder = new TrafficRecorder(now());
  const sockets = new Set<Socket>();
  let observing = true;
  let closed = false;

  const reportListenerErrors = (errors: unknown[], secrets: readonly string[]): void => {
    for (const err of errors) {
      const message = err instanceof Error ? err.message : String(err);
      log.error(`Headroom proxy: a listener failed: ${scrubSecrets(message, secrets)}`);
    }
  };
  const emitObservation = (observation: Observation, secrets: readonly string[]): void => {
    if (options.log) log.debug(describeObservation(observation));
    if (observing) reportListenerErrors(observations.emit(observation), secrets);
  };
  const emitExchange = (exchange: ExchangeRecord, secrets: readonly string[]): void => {
    const errors: unknown[] = [];
    for (const listener of [...exchanges]) {
      try {
        listener(exchange);
      } catch (err) {
        errors.push(err);
      }
    }
    reportListenerErrors(errors, secrets);
  };

  /** Answers a request the proxy handles itself (413, 400, 502). */
  const answer = (res: http.ServerResponse, status: number, type: string, message: string): void => {
    if (res.headersSent || res.destroyed) {
      res.destroy();
      return;
    }
    const body = errorBody(type, message);
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      'x-headroom-proxy': '1',
      ...(status === 413 && { connection: 'close' }),
    });
    res.end(body);
  };

  const env: ExchangeEnv = {
    upstream,
    recorder,
    log,
    now,
    source,
    maxJsonBytes: options.maxJsonBodyBytes ?? DEFAULT_MAX_JSON_BODY_BYTES,
    maxEventBytes: options.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES,
    holdMs: options.observationHoldMs ?? DEFAULT_OBSERVATION_HOLD_MS,
    headersTimeoutMs: options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS,
    emitObservation,
    emitExchange,
    hasExchangeListeners: () => exchanges.size > 0,
    answer,
  };

  function handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const startedAt = now();
    const url = req.url ?? '/';
    const method = req.method ?? 'GET';
    if (!url.startsWith('/')) {
      // Absolute-form (`GET http://host/…`): the client took us for an HTTP proxy.
      recorder.rejected++;
      req.resume();
      answer(
        res,
        400,
        'invalid_request_error',
        'Headroom proxy: use it as the base URL, not as an HTTP proxy.',
      );
      return;
    }
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxRequestBytes) {
      tooLarge(req, res);
      return;
    }
    const parts: Buffer[] = [];
    let size = 0;
    let rejected = false;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > maxRequestBytes) {
        rejected = true;
        parts.length = 0;
        req.off('data', onData);
        tooLarge(req, res);
        return;
      }
      parts.push(chunk);
    };
    req.on('data', onData);
    req.on('error', () => undefined); // a client that goes away while sending: nothing to forward
    req.on('end', () => {
      if (rejected || closed || res.destroyed) return;
      const hasBody =
        req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined;
      forward(env, req, res, method, url, hasBody ? Buffer.concat(parts, size) : undefined, startedAt);
    });
  }

  function tooLarge(req: http.IncomingMessage, res: http.ServerResponse): void {
    recorder.tooLarge++;
    answer(res, 413, 'request_too_large', 'Request exceeds the maximum allowed number of bytes.');
    // Discard the rest of the upload (the connection closes after the answer), holding nothing.
    req.resume();
  }

  const server = http.createServer(handle);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (err) => log.error(`Headroom proxy: ${describeFailure(err)}`));
  const port = (server.address() as AddressInfo).port;
  if (upstream.port === port && ['127.0.0.1', 'localhost', '::1'].includes(upstream.hostname)) {
    // Forwarding to itself would loop until sockets run out (e.g. the base URL setting names the proxy).
    await new Promise<void>((resolve) => server.close(() => resolve()));
    agent.destroy();
    throw new TypeError(`upstream ${upstreamName} is this proxy itself`);
  }
  let closing: Promise<void> | undefined;

  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      closed = true;
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
      agent.destroy();
    });
    return closing;
  };

  return {
    kind: source,
    url: `http://127.0.0.1:${port}`,
    port,
    upstream: upstreamName,
    close,
    stats: () => recorder.snapshot(),
    start: () => {
      observing = true;
    },
    stop: () => {
      observing = false;
    },
    dispose: () => {
      observing = false;
      observations.dispose();
      exchanges.clear();
      void close();
    },
    onObservation: (listener) => observations.on(listener),
    onExchange: (listener) => {
      exchanges.add(listener);
      return { dispose: () => void exchanges.delete(listener) };
    },
  };
}
