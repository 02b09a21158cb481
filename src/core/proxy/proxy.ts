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
 * the spend cap from a throttle); it is never held longer than `observationHoldMs`.
 * An upstream that cannot be reached gives the client a 502 Anthropic-shaped error and a
 * `network-error` observation. 413s the proxy answers itself produce no observation.
 *
 * Never stored or logged: request and response bodies, `x-api-key`, `authorization`.
 * Error messages read from bodies are scrubbed of the request's key.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Logger } from '../logger';
import { parseRateLimitHeaders } from '../monitor/headers';
import { describeObservation } from '../monitor/poller';
import { scrubSecrets } from '../monitor/sdkSender';
import {
  ObservationEmitter,
  type ApiErrorInfo,
  type BudgetSource,
  type Disposable,
  type NetworkErrorObservation,
  type Observation,
  type ResponseObservation,
  type SourceKind,
  type UsageInfo,
} from '../monitor/source';
import { createBodyTap, type BodyFindings, type BodyKind } from './bodyTap';
import { type ProxyStats, TrafficRecorder, UNKNOWN_MODEL } from './stats';
import {
  DEFAULT_UPSTREAM,
  displayUpstream,
  endToEndHeaders,
  parseUpstream,
  REPLACED_REQUEST_HEADERS,
} from './upstream';

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
  /** The `source` of emitted observations (default `observed`). */
  readonly source?: SourceKind;
}

/** How one proxied exchange ended. */
export type ExchangeOutcome = 'complete' | 'upstream-reset' | 'client-aborted' | 'network-error';

/** One finished exchange (reported once per forwarded request, after its response ended). */
export interface ExchangeRecord {
  readonly model: string;
  readonly method: string;
  /** The request path without its query. */
  readonly path: string;
  /** Upstream status; absent when the upstream never answered. */
  readonly status?: number;
  readonly outcome: ExchangeOutcome;
  /** True for an event-stream response. */
  readonly stream: boolean;
  /** When the request arrived / the exchange ended, epoch ms. */
  readonly startedAt: number;
  readonly endedAt: number;
  /** Forwarding to response headers, ms. */
  readonly latencyMs?: number;
  /** Request arrival to the end of the response, ms. */
  readonly durationMs: number;
  readonly usage?: UsageInfo;
  /** From a JSON error body or an SSE `error` event (scrubbed). */
  readonly error?: ApiErrorInfo;
}

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

/** Idle upstream sockets are closed after this long, ms. */
const FREE_SOCKET_TIMEOUT_MS = 15_000;
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A model id as the API spells them; anything else (or a huge string) is counted as `unknown`. */
const MODEL_ID = /^[\w.:@/-]{1,200}$/;

/** Reads `model` from a JSON request body; `unknown` when absent or not JSON. Never throws. */
export function modelOfBody(body: Buffer): string {
  if (body.length === 0) return UNKNOWN_MODEL;
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    const model =
      typeof parsed === 'object' && parsed !== null ? (parsed as { model?: unknown }).model : undefined;
    return typeof model === 'string' && MODEL_ID.test(model) ? model : UNKNOWN_MODEL;
  } catch {
    return UNKNOWN_MODEL;
  }
}

/** An Anthropic-shaped error body. */
function errorBody(type: string, message: string): string {
  return JSON.stringify({ type: 'error', error: { type, message } });
}

/** The secrets a request carries, to scrub from anything derived from its response. */
function secretsOf(req: http.IncomingMessage): string[] {
  const secrets: string[] = [];
  const key = req.headers['x-api-key'];
  if (typeof key === 'string' && key !== '') secrets.push(key);
  const auth = req.headers.authorization;
  if (typeof auth === 'string') {
    const token = /^\s*\S+\s+(\S+)/.exec(auth)?.[1];
    secrets.push(...(token !== undefined ? [token, auth] : [auth]));
  }
  return secrets;
}

/** A secret-free name for a connection failure: its system code, else a fixed phrase. */
function describeFailure(err: unknown): string {
  const code = (err as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && /^[A-Z0-9_]{2,40}$/.test(code)
    ? `connection error: ${code}`
    : 'connection error';
}

function bodyKindOf(method: string, status: number, headers: http.IncomingHttpHeaders): BodyKind {
  if (method === 'HEAD' || status === 204 || status === 304) return 'none';
  const type = (headers['content-type'] ?? '').toLowerCase();
  if (type.includes('text/event-stream')) return 'sse';
  if (type.includes('json') || status >= 400) return 'json';
  return 'none';
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
  const basePath = upstreamUrl.pathname.replace(/\/$/, '');
  const upstreamHost = upstreamUrl.host;
  const upstreamPort = upstreamUrl.port !== '' ? Number(upstreamUrl.port) : secure ? 443 : 80;
  const upstreamHostname = upstreamUrl.hostname.replace(/^\[(.*)\]$/, '$1');

  const log = options.log ?? Logger.silent;
  const now = options.now ?? Date.now;
  const source = options.source ?? 'observed';
  const maxRequestBytes = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
  const maxJsonBytes = options.maxJsonBodyBytes ?? DEFAULT_MAX_JSON_BODY_BYTES;
  const maxEventBytes = options.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES;
  const holdMs = options.observationHoldMs ?? DEFAULT_OBSERVATION_HOLD_MS;

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
      forward(req, res, method, url, hasBody ? Buffer.concat(parts, size) : undefined, startedAt);
    });
  }

  function tooLarge(req: http.IncomingMessage, res: http.ServerResponse): void {
    recorder.tooLarge++;
    answer(res, 413, 'request_too_large', 'Request exceeds the maximum allowed number of bytes.');
    // Discard the rest of the upload (the connection closes after the answer), holding nothing.
    req.resume();
  }

  function forward(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    method: string,
    url: string,
    body: Buffer | undefined,
    startedAt: number,
  ): void {
    const model = body ? modelOfBody(body) : UNKNOWN_MODEL;
    const secrets = secretsOf(req);
    const path = url.split('?', 1)[0] as string;
    const headers = endToEndHeaders(req.rawHeaders, REPLACED_REQUEST_HEADERS);
    headers.push('host', upstreamHost);
    if (body) headers.push('content-length', String(body.length));
    recorder.request(model);
    recorder.inFlight++;

    let upstreamRequest: http.ClientRequest | undefined;
    let response: http.IncomingMessage | undefined;
    let forwardedAt = performance.now();
    let latencyMs: number | undefined;
    let outcome: ExchangeOutcome | undefined;
    let settled = false;
    let retried = false;
    let stream = false;
    let findings: BodyFindings = {};
    /** A JSON response's observation, made once its body has been read (or the hold expired). */
    let pendingObservation: (() => ResponseObservation) | undefined;
    let holdTimer: ReturnType<typeof setTimeout> | undefined;

    const flushObservation = (): void => {
      if (holdTimer !== undefined) clearTimeout(holdTimer);
      holdTimer = undefined;
      const make = pendingObservation;
      pendingObservation = undefined;
      if (!make) return;
      emitObservation(
        {
          ...make(),
          ...(findings.usage && { usage: findings.usage }),
          ...(findings.error && { error: findings.error }),
          ...(findings.bodyError && { bodyError: findings.bodyError }),
        },
        secrets,
      );
    };

    const settle = (): void => {
      if (settled) return;
      settled = true;
      recorder.inFlight--;
      flushObservation();
      const endedAt = now();
      if (outcome === 'upstream-reset' || outcome === 'client-aborted') recorder.incomplete(model);
      if (exchanges.size === 0) return;
      emitExchange(
        {
          model,
          method,
          path,
          ...(response?.statusCode !== undefined && { status: response.statusCode }),
          outcome: outcome ?? 'complete',
          stream,
          startedAt,
          endedAt,
          ...(latencyMs !== undefined && { latencyMs }),
          durationMs: endedAt - startedAt,
          ...(findings.usage && { usage: findings.usage }),
          ...(findings.error && { error: findings.error }),
        },
        secrets,
      );
    };

    const onBodyRead = (read: BodyFindings): void => {
      findings = read;
      if (read.usage) recorder.usage(model, read.usage.inputTokens ?? 0, read.usage.outputTokens ?? 0);
      // After the last bytes were flushed to the client (writes are flushed on the next tick).
      setImmediate(settle);
    };

    // The client went away before the response ended: abort the upstream request.
    res.on('close', () => {
      if (res.writableFinished) return;
      outcome ??= 'client-aborted';
      upstreamRequest?.destroy();
      response?.destroy();
      if (!response) settle();
    });

    const onResponse = (upstream: http.IncomingMessage): void => {
      response = upstream;
      latencyMs = performance.now() - forwardedAt;
      const at = now();
      const status = upstream.statusCode ?? 0;
      recorder.response(model, status, latencyMs);
      const kind = bodyKindOf(method, status, upstream.headers);
      stream = kind === 'sse';
      if (!res.destroyed) {
        try {
          res.writeHead(status, upstream.statusMessage, endToEndHeaders(upstream.rawHeaders));
          // Headers go out now, not with the first body chunk: an SSE client sees them as soon as direct.
          if (kind === 'sse') res.flushHeaders();
        } catch {
          // A header Node refuses to send on (it parsed it, so this should not happen): cut the exchange.
          outcome ??= 'upstream-reset';
          res.destroy();
        }
      }

      // Parsing the rate-limit headers costs tens of microseconds: it happens after the
      // headers went out (SSE), or once the body has been passed on (JSON), never before.
      const observe = (): ResponseObservation => ({
        kind: 'response',
        source,
        model,
        at,
        latencyMs,
        status,
        headers: parseRateLimitHeaders(upstream.headers),
      });
      if (kind === 'json') {
        pendingObservation = observe;
        holdTimer = setTimeout(flushObservation, holdMs);
        holdTimer.unref();
      } else {
        emitObservation(observe(), secrets);
      }
      const tap = createBodyTap(
        {
          kind,
          contentEncoding: upstream.headers['content-encoding'],
          maxJsonBytes,
          maxEventBytes,
          secrets,
        },
        onBodyRead,
      );
      if (res.destroyed) {
        upstream.destroy();
        tap.abort();
        return;
      }

      upstream.on('data', (chunk: Buffer) => {
        if (!res.write(chunk)) upstream.pause();
        try {
          tap.write(chunk);
        } catch (err) {
          // A fault in the side reader must never affect the bytes: stop reading, keep forwarding.
          log.error(`Headroom proxy: the usage reader failed (${err instanceof Error ? err.name : 'error'})`);
          tap.abort();
        }
      });
      res.on('drain', () => upstream.resume());
      upstream.on('end', () => {
        outcome ??= 'complete';
        res.end();
        tap.end();
      });
      upstream.on('error', () => undefined); // reported through 'close' below
      upstream.on('close', () => {
        if (upstream.complete) return;
        // Reset mid-body: cut the client's response too, so it cannot pass for a whole one.
        outcome ??= 'upstream-reset';
        res.destroy();
        tap.abort();
      });
    };

    const onError = (err: unknown): void => {
      if (response || settled) return; // after the headers, 'close' on the response reports it
      if (outcome === 'client-aborted') return settle();
      const code = (err as { code?: unknown }).code;
      if (!retried && upstreamRequest?.reusedSocket && code === 'ECONNRESET' && IDEMPOTENT.has(method)) {
        // A kept-alive socket the upstream was closing. Like nginx, only idempotent requests are
        // sent again: a POST may have been processed (the SDK retries the 502 itself if it wants).
        retried = true;
        return send();
      }
      outcome = 'network-error';
      const message = describeFailure(err);
      const at = now();
      recorder.networkError(model);
      const observation: NetworkErrorObservation = {
        kind: 'network-error',
        source,
        model,
        at,
        latencyMs: performance.now() - forwardedAt,
        timeout: code === 'ETIMEDOUT',
        message,
      };
      emitObservation(observation, secrets);
      log.warn(`Headroom proxy: ${model}: upstream ${upstreamName} unreachable (${message}); answered 502`);
      answer(
        res,
        502,
        'api_error',
        `Headroom proxy could not reach the upstream API at ${upstreamName} (${message}).`,
      );
      settle();
    };

    const send = (): void => {
      forwardedAt = performance.now();
      const request = transport.request({
        agent,
        host: upstreamHostname,
        port: upstreamPort,
        method,
        path: basePath + url,
        headers,
        setHost: false,
      });
      upstreamRequest = request;
      request.on('response', onResponse);
      request.on('error', onError);
      request.end(body);
    };
    send();
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
  if (upstreamPort === port && ['127.0.0.1', 'localhost', '::1'].includes(upstreamHostname)) {
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
