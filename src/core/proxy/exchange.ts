/**
 * One proxied exchange: forwards a collected request to the upstream, streams the response
 * back unchanged while a side tap reads usage, and reports one observation and one
 * exchange record (see proxy.ts for the whole contract).
 */
import type * as http from 'node:http';
import type * as https from 'node:https';
import { performance } from 'node:perf_hooks';
import type { Logger } from '../logger';
import { parseRateLimitHeaders } from '../monitor/headers';
import type {
  ApiErrorInfo,
  NetworkErrorObservation,
  Observation,
  ResponseObservation,
  SourceKind,
  UsageInfo,
} from '../monitor/source';
import { createBodyTap, type BodyFindings, type BodyKind } from './bodyTap';
import { type TrafficRecorder, UNKNOWN_MODEL } from './stats';
import { endToEndHeaders, REPLACED_REQUEST_HEADERS } from './upstream';

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

/** Where requests go: the parsed upstream and its keep-alive agent. */
export interface UpstreamTarget {
  readonly transport: typeof http | typeof https;
  readonly agent: http.Agent;
  /** Host name to connect to (IPv6 without brackets). */
  readonly hostname: string;
  readonly port: number;
  /** The `host` header value. */
  readonly host: string;
  /** The upstream's base path, without a trailing slash. */
  readonly basePath: string;
  /** The upstream as displayed. */
  readonly name: string;
}

/** What an exchange needs from the running proxy. */
export interface ExchangeEnv {
  readonly upstream: UpstreamTarget;
  readonly recorder: TrafficRecorder;
  readonly log: Logger;
  readonly now: () => number;
  readonly source: SourceKind;
  readonly maxJsonBytes: number;
  readonly maxEventBytes: number;
  readonly holdMs: number;
  /** Longest wait for the upstream's response headers before answering 504, ms. */
  readonly headersTimeoutMs: number;
  emitObservation(observation: Observation, secrets: readonly string[]): void;
  emitExchange(exchange: ExchangeRecord, secrets: readonly string[]): void;
  hasExchangeListeners(): boolean;
  /** Answers a request the proxy handles itself (413, 400, 502, 504). */
  answer(res: http.ServerResponse, status: number, type: string, message: string): void;
}

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
export function describeFailure(err: unknown): string {
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

export function forward(
  env: ExchangeEnv,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  method: string,
  url: string,
  body: Buffer | undefined,
  startedAt: number,
): void {
  const {
    recorder,
    log,
    now,
    source,
    holdMs,
    maxJsonBytes,
    maxEventBytes,
    emitObservation,
    emitExchange,
    answer,
  } = env;
  const { transport, agent, hostname, port, host, basePath, name: upstreamName } = env.upstream;
  const model = body ? modelOfBody(body) : UNKNOWN_MODEL;
  const secrets = secretsOf(req);
  const path = url.split('?', 1)[0] as string;
  const headers = endToEndHeaders(req.rawHeaders, REPLACED_REQUEST_HEADERS);
  headers.push('host', host);
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
  /** Cuts an upstream that sends no headers in time (see `headersTimeoutMs`). */
  let headersTimer: ReturnType<typeof setTimeout> | undefined;
  let headersTimedOut = false;

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
    if (!env.hasExchangeListeners()) return;
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
    const message = headersTimedOut
      ? `no response headers within ${Math.round(env.headersTimeoutMs / 1000)} s`
      : describeFailure(err);
    const at = now();
    recorder.networkError(model);
    const observation: NetworkErrorObservation = {
      kind: 'network-error',
      source,
      model,
      at,
      latencyMs: performance.now() - forwardedAt,
      timeout: headersTimedOut || code === 'ETIMEDOUT',
      message,
    };
    emitObservation(observation, secrets);
    if (headersTimedOut) {
      log.warn(`Headroom proxy: ${model}: upstream ${upstreamName} sent ${message}; answered 504`);
      answer(
        res,
        504,
        'timeout_error',
        `Headroom proxy: the upstream API at ${upstreamName} sent ${message}.`,
      );
    } else {
      log.warn(`Headroom proxy: ${model}: upstream ${upstreamName} unreachable (${message}); answered 502`);
      answer(
        res,
        502,
        'api_error',
        `Headroom proxy could not reach the upstream API at ${upstreamName} (${message}).`,
      );
    }
    settle();
  };

  const send = (): void => {
    forwardedAt = performance.now();
    const request = transport.request({
      agent,
      host: hostname,
      port,
      method,
      path: basePath + url,
      headers,
      setHost: false,
    });
    upstreamRequest = request;
    if (headersTimer !== undefined) clearTimeout(headersTimer);
    headersTimer = setTimeout(() => {
      headersTimedOut = true;
      request.destroy(new Error('headers timeout'));
    }, env.headersTimeoutMs);
    request.on('response', (upstream) => {
      clearTimeout(headersTimer);
      onResponse(upstream);
    });
    request.on('error', onError);
    request.on('close', () => clearTimeout(headersTimer));
    request.end(body);
  };
  send();
}
