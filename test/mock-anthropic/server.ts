/**
 * The project's local Anthropic-compatible server, for unit and integration tests,
 * benchmarks, the demo and (later) the proxy tests. Node `http` on 127.0.0.1 only.
 *
 * - `POST /v1/messages` (JSON, and SSE with the real event sequence when `stream: true`),
 *   `POST /v1/messages/count_tokens`, `GET /v1/models` (paginated), `GET /v1/models/{id}`.
 * - Per-model token buckets for RPM, ITPM and OTPM with continuous refill, and the
 *   documented rate-limit headers on every `/v1/messages` answer (200 and 429): token
 *   `remaining` rounded to the nearest thousand, whole-second RFC 3339 resets (time until
 *   full), combined `tokens-*`, `request-id` (`req_…`), `anthropic-organization-id`.
 * - 429 `rate_limit_error` with an integer `retry-after` when a bucket is empty; the message
 *   names the limit. A forced 429 (`setFaults({ error: 'rate-limit' })`) reports the requests
 *   bucket it names as exhausted (0 remaining, full a minute later), as the API would.
 * - Requires a key (`x-api-key`, or `Authorization: Bearer` as SDK 1.x sends it; when
 *   `apiKey` is configured, that exact key) and `anthropic-version`.
 * - `x-headroom-simulated: 1` on every answer, so the extension can label the source.
 * - Runtime fault switches (`setFaults`), statistics (`stats`) including the highest number
 *   of requests in flight at once.
 *
 * Token counts are estimated (input: ~4 characters per token; output: min(max_tokens,
 * replyTokens)); the reply text is deterministic.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import { ACCELERATION_MESSAGE, limiterFor, type AccelerationLimit } from './acceleration';
import { createBatchStore, type MockBatchOptions, type MockBatches } from './batches';
import { exhaustedRequestsHeaders, ModelBuckets, rateLimitHeaders, type Limits } from './buckets';
import { DEFAULT_CACHE_MINIMUM, PromptCache } from './cache';
import { DEFAULT_MODELS, type MockModelInfo } from './models';

export type { Limits } from './buckets';
export type { MockModelInfo } from './models';
export type { BatchResultType, MockBatchOptions, MockBatches } from './batches';

export interface MockAnthropicOptions {
  /** 0 (default) picks a free port. The host is always 127.0.0.1. */
  readonly port?: number;
  /** When set, `x-api-key` must equal it (401 otherwise). A key is always required. */
  readonly apiKey?: string;
  /** Default limits for every model (default 50 RPM, 50,000 ITPM, 10,000 OTPM). */
  readonly limits?: Partial<Limits>;
  /** Per-model overrides. */
  readonly modelLimits?: Readonly<Record<string, Partial<Limits>>>;
  /** Output tokens a reply has when `max_tokens` allows (default 12). */
  readonly replyTokens?: number;
  /** The `/v1/models` catalogue. */
  readonly models?: readonly MockModelInfo[];
  /** 404 `not_found_error` for models not in the catalogue (default false: any model works). */
  readonly rejectUnknownModels?: boolean;
  /** The clock for buckets and reset headers (default `Date.now`); latency uses real timers. */
  readonly now?: () => number;
  /**
   * Called with each request's record as it is logged, before the next request is served
   * (tests drive a fake `now` from events: say, let time pass on every 429).
   */
  readonly onRecord?: (entry: MockRequestRecord) => void;
  readonly organizationId?: string;
  /** `anthropic-workspace-id` on authenticated answers (default a fixed `wrkspc_…`; `null` omits it). */
  readonly workspaceId?: string | null;
  /** Initial faults. */
  readonly faults?: MockFaults;
  /** Message Batches behaviour (results, polls before a batch ends): see batches.ts. */
  readonly batches?: MockBatchOptions;
  /** Minimum cacheable prompt length for every model (default 1,024): see cache.ts. */
  readonly cacheMinimumTokens?: number;
}

/** Forced failures. `setFaults` replaces the whole set; `setFaults({})` heals. */
export interface MockFaults {
  /** Answer with this error instead of serving the request. */
  readonly error?:
    | 'overloaded' // 529 overloaded_error
    | 'internal' // 500 api_error
    | 'unauthorized' // 401 authentication_error
    | 'forbidden' // 403 permission_error
    | 'spend-cap' // 429 rate_limit_error + error.details.error_code, no retry-after
    | 'rate-limit' // 429 rate_limit_error with retry-after (`retryAfterSeconds`, default 10)
    | 'rate-limit-no-retry-after'; // 429 rate_limit_error without retry-after
  readonly retryAfterSeconds?: number;
  /** An acceleration limiter (acceleration.ts): 429 on a sharp ramp while the buckets have budget. */
  readonly acceleration?: AccelerationLimit;
  /** Leave out every `anthropic-ratelimit-*` header. */
  readonly missingRateLimitHeaders?: boolean;
  /** Send non-numeric / negative / non-date values in the rate-limit headers. */
  readonly malformedRateLimitHeaders?: boolean;
  /** Send a body that is not JSON (or not SSE) with the usual status and headers. */
  readonly garbageBody?: boolean;
  /** Wait this long before answering, ms. */
  readonly latencyMs?: number;
  /**
   * Then hold each answer until this many requests have been in flight at once (since the
   * last `reset`): a burst that overlaps however slowly its requests arrive.
   */
  readonly holdUntilInFlight?: number;
  /** Delay between SSE events, ms. */
  readonly chunkDelayMs?: number;
  /** Gzip JSON bodies (`content-encoding: gzip`, as the API answers a client that accepts it). */
  readonly gzipJson?: boolean;
  /** Send a JSON response's headers at once and its body this much later, ms. */
  readonly jsonBodyDelayMs?: number;
  /** Destroy the socket before answering, or after the first SSE events of a stream. */
  readonly dropConnection?: 'before-response' | 'mid-stream';
  /** Apply to this many requests only, then heal by themselves. */
  readonly times?: number;
  /** Apply only to every Nth request after `setFaults` (N, 2N, …), to mix failures into traffic. */
  readonly every?: number;
}

export interface MockRequestRecord {
  readonly at: number;
  readonly method: string;
  readonly path: string;
  readonly model?: string;
  /** HTTP status, or 0 when the connection was dropped. */
  readonly status: number;
  readonly stream: boolean;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly requestId?: string;
  /** SHA-256 (hex) of the exact response body bytes sent; absent when the connection was dropped. */
  readonly bodySha256?: string;
  readonly bodyBytes?: number;
}

export interface MockModelStats {
  requests: number;
  byStatus: Record<string, number>;
  inputTokens: number;
  outputTokens: number;
}

export interface MockStats {
  readonly requests: number;
  /** By `METHOD /path` with ids replaced: `POST /v1/messages`, `GET /v1/models/{id}`. */
  readonly byEndpoint: Readonly<Record<string, number>>;
  /** By status; dropped connections count under `0`. */
  readonly byStatus: Readonly<Record<string, number>>;
  readonly byModel: Readonly<Record<string, MockModelStats>>;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly inFlight: number;
  readonly maxInFlight: number;
  /** Every request, oldest first (capped at 100,000). */
  readonly log: readonly MockRequestRecord[];
}

export interface MockAnthropic {
  /** `http://127.0.0.1:<port>`: pass as the SDK's `baseURL`. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
  setFaults(faults: MockFaults): void;
  stats(): MockStats;
  /** Refills every bucket, clears stats and faults. */
  reset(): void;
  /** Sets a model's bucket levels (e.g. to put it in a warning state). */
  setRemaining(
    model: string,
    levels: { requests?: number; inputTokens?: number; outputTokens?: number },
  ): void;
  /** Changes a model's limits (buckets start full). */
  setLimits(model: string, limits: Partial<Limits>): void;
  /** The Message Batches endpoints' state and options. */
  readonly batches: MockBatches;
}

/**
 * Every answer carries `x-headroom-simulated: 1`, so the extension can say "simulated API"
 * in its tooltip when it talks to this server (the real API never sends it).
 */
export const SIMULATED_HEADER = 'x-headroom-simulated';
export const DEFAULT_LIMITS: Limits = { rpm: 50, itpm: 50_000, otpm: 10_000 };
export const DEFAULT_ORGANIZATION_ID = '5a1b7c3e-0d2f-4e6a-9b8c-7d6e5f4a3b2c';
export const DEFAULT_WORKSPACE_ID = 'wrkspc_01MockWorkspaceHeadroom';
const MAX_BODY_BYTES = 32 * 1024 * 1024;
const LOG_CAP = 100_000;
const REPLY_SEED = 'This is a deterministic reply from the Headroom mock Anthropic server. ';

class HttpError {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly message: string,
    readonly extraHeaders: Record<string, string> = {},
    readonly details?: Record<string, unknown>,
  ) {}
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
function randomId(prefix: string, length = 24): string {
  const bytes = randomBytes(length);
  let out = prefix;
  for (const b of bytes) out += BASE62[b % 62];
  return out;
}

/** ~4 characters per token, at least 1. */
export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

/** All the text in a messages / count_tokens body: system, message contents, tools. */
function bodyText(body: Record<string, unknown>): string {
  const parts: string[] = [];
  const visit = (value: unknown): void => {
    if (typeof value === 'string') parts.push(value);
    else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      const block = value as Record<string, unknown>;
      if (typeof block.text === 'string') parts.push(block.text);
      else if (typeof block.content === 'string' || Array.isArray(block.content)) visit(block.content);
    }
  };
  visit(body.system);
  if (Array.isArray(body.messages)) {
    body.messages.forEach((m) => visit((m as { content?: unknown })?.content));
  }
  if (Array.isArray(body.tools)) parts.push(JSON.stringify(body.tools));
  return parts.join('\n');
}

/** A reply of `tokens` tokens (4 characters each) cut from a fixed text. */
export function replyText(tokens: number): string {
  const chars = tokens * 4;
  return REPLY_SEED.repeat(Math.ceil(chars / REPLY_SEED.length) + 1).slice(0, chars);
}

const MALFORMED_VALUES: Record<string, string> = {
  'anthropic-ratelimit-requests-limit': 'fifty',
  'anthropic-ratelimit-requests-remaining': '-1',
  'anthropic-ratelimit-requests-reset': 'soon',
  'anthropic-ratelimit-input-tokens-limit': '1.5e4',
  'anthropic-ratelimit-input-tokens-remaining': 'NaN',
  'anthropic-ratelimit-input-tokens-reset': '2026-13-45T99:99:99Z',
  'anthropic-ratelimit-output-tokens-limit': '',
  'anthropic-ratelimit-output-tokens-remaining': 'Infinity',
  'anthropic-ratelimit-output-tokens-reset': '1700000000',
  'anthropic-ratelimit-tokens-limit': 'ANTHROPIC-RATELIMIT-TOKENS-LIMIT-XXX',
  'anthropic-ratelimit-tokens-remaining': '12.5',
  'anthropic-ratelimit-tokens-reset': 'ANTHROPIC-RATELIMIT-TOKENS-RESET-XXX',
};

/** Starts the server; resolves once it listens. */
export async function startMockAnthropic(options: MockAnthropicOptions = {}): Promise<MockAnthropic> {
  const now = options.now ?? Date.now;
  const catalogue = options.models ?? DEFAULT_MODELS;
  const replyTokens = options.replyTokens ?? 12;
  const organizationId = options.organizationId ?? DEFAULT_ORGANIZATION_ID;
  const workspaceId = options.workspaceId === undefined ? DEFAULT_WORKSPACE_ID : options.workspaceId;
  const limitOverrides = new Map<string, Partial<Limits>>(Object.entries(options.modelLimits ?? {}));
  let faults: MockFaults = options.faults ?? {};
  /** Requests since the faults were last set (for `every`). */
  let faultSeq = 0;
  let buckets = new Map<string, ModelBuckets>();
  let stats = emptyStats();
  let inFlight = 0;
  const timers = new Set<ReturnType<typeof setTimeout>>();
  /** Answers held by `holdUntilInFlight`, rechecked whenever a request comes in. */
  const held = new Set<() => void>();
  const sockets = new Set<Socket>();
  let closed = false;
  const promptCache = new PromptCache(
    now,
    estimateTokens,
    () => options.cacheMinimumTokens ?? DEFAULT_CACHE_MINIMUM,
  );
  const batchStore = createBatchStore(
    {
      now,
      inputTokens: (params) => estimateTokens(bodyText(params)),
      reply: (maxTokens) => {
        const tokens = Math.min(maxTokens, replyTokens);
        return {
          tokens,
          text: replyText(tokens),
          stopReason: tokens < replyTokens ? 'max_tokens' : 'end_turn',
        };
      },
      invalid: (p) =>
        typeof p.model !== 'string' || p.model === ''
          ? 'model: Field required'
          : typeof p.max_tokens !== 'number' || !Number.isInteger(p.max_tokens) || p.max_tokens < 0
            ? 'max_tokens: Field required'
            : !Array.isArray(p.messages) || p.messages.length === 0
              ? 'messages: at least one message is required'
              : undefined,
    },
    options.batches,
  );

  function limitsFor(model: string): Limits {
    return { ...DEFAULT_LIMITS, ...options.limits, ...limitOverrides.get(model) };
  }
  function bucketsFor(model: string): ModelBuckets {
    let b = buckets.get(model);
    if (!b) {
      b = new ModelBuckets(limitsFor(model), now());
      buckets.set(model, b);
    }
    return b;
  }

  function sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });
  }

  /** Takes the fault set for one request, counting down `times`. */
  function takeFaults(): MockFaults {
    const current = faults;
    faultSeq++;
    if (current.every !== undefined && current.every > 1 && faultSeq % current.every !== 0) return {};
    if (current.times !== undefined) {
      const left = current.times - 1;
      faults = left > 0 ? { ...current, times: left } : {};
      if (current.times <= 0) return {};
    }
    return current;
  }

  function record(entry: MockRequestRecord, endpoint: string): void {
    const s = stats;
    s.requests++;
    s.byEndpoint[endpoint] = (s.byEndpoint[endpoint] ?? 0) + 1;
    s.byStatus[String(entry.status)] = (s.byStatus[String(entry.status)] ?? 0) + 1;
    s.inputTokens += entry.inputTokens;
    s.outputTokens += entry.outputTokens;
    if (entry.model !== undefined) {
      const m = (s.byModel[entry.model] ??= { requests: 0, byStatus: {}, inputTokens: 0, outputTokens: 0 });
      m.requests++;
      m.byStatus[String(entry.status)] = (m.byStatus[String(entry.status)] ?? 0) + 1;
      m.inputTokens += entry.inputTokens;
      m.outputTokens += entry.outputTokens;
    }
    if (s.log.length < LOG_CAP) s.log.push(entry);
    options.onRecord?.(entry);
  }

  /** Resolves once `stats.maxInFlight` reaches `n` (never after close: the socket is gone). */
  function inFlightReached(n: number): Promise<void> {
    return new Promise((resolve) => {
      const check = (): void => {
        if (stats.maxInFlight >= n) {
          held.delete(check);
          resolve();
        }
      };
      held.add(check);
      check();
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, inFlight);
    for (const check of [...held]) check();
    let released = false;
    const release = (): void => {
      if (!released) {
        released = true;
        inFlight--;
      }
    };
    res.on('close', release);

    const startedAt = now();
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    const endpoint = `${method} ${path.replace(/^\/v1\/models\/[^/]+$/, '/v1/models/{id}').replace(/^\/v1\/messages\/batches\/[^/]+/, '/v1/messages/batches/{id}')}`;
    const requestId = randomId('req_011CMock');
    const fault = takeFaults();
    let model: string | undefined;
    let stream = false;
    let inputTokens = 0;
    let outputTokens = 0;
    const baseHeaders: Record<string, string> = {
      'request-id': requestId,
      // From the server's clock, like the resets, so a fake clock stays consistent.
      date: new Date(startedAt).toUTCString(),
      [SIMULATED_HEADER]: '1',
    };

    let finished = false;
    /** Records the request once, with its final status (0 = nothing delivered). */
    const body = createHash('sha256');
    let bodyBytes = 0;
    /** Writes part of the body and keeps its hash (proxy tests compare what arrived with what was sent). */
    const write = (chunk: string | Buffer, end = false): void => {
      body.update(chunk);
      bodyBytes += Buffer.byteLength(chunk);
      if (end) res.end(chunk);
      else res.write(chunk);
    };
    const finish = (status: number): void => {
      if (finished) return;
      finished = true;
      const delivered = status !== 0;
      record(
        {
          at: startedAt,
          method,
          path,
          ...(model !== undefined && { model }),
          status,
          stream,
          inputTokens,
          outputTokens,
          requestId,
          ...(delivered && { bodySha256: body.digest('hex'), bodyBytes }),
        },
        endpoint,
      );
    };

    const sendJson = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      const text = fault.garbageBody
        ? '<!doctype html><title>502</title>{"type": garbage'
        : JSON.stringify(body);
      const bytes = fault.gzipJson ? gzipSync(text) : Buffer.from(text);
      res.writeHead(status, {
        'content-type': 'application/json',
        ...baseHeaders,
        ...headers,
        ...(fault.gzipJson && { 'content-encoding': 'gzip' }),
        'content-length': String(bytes.length),
      });
      const delay = fault.jsonBodyDelayMs ?? 0;
      if (delay <= 0) {
        write(bytes, true);
        finish(status);
        return;
      }
      res.flushHeaders();
      setTimeout(() => {
        if (closed || res.destroyed) return drop();
        write(bytes, true);
        finish(status);
      }, delay);
    };

    const sendError = (err: HttpError, headers: Record<string, string> = {}): void => {
      const body = {
        type: 'error',
        error: { type: err.type, message: err.message, ...(err.details && { details: err.details }) },
        request_id: requestId,
      };
      const shouldRetry = err.status === 408 || err.status === 409 || err.status === 429 || err.status >= 500;
      sendJson(err.status, body, { 'x-should-retry': String(shouldRetry), ...headers, ...err.extraHeaders });
    };

    const drop = (): void => {
      finish(0);
      req.socket.destroy();
    };

    try {
      const raw = await readBody(req);
      if (closed) return drop();
      await sleep(fault.latencyMs ?? 0);
      if (fault.holdUntilInFlight !== undefined) await inFlightReached(fault.holdUntilInFlight);
      // Server closing, or the client gave up while we waited: nothing is delivered.
      if (closed || req.socket.destroyed) return drop();
      if (fault.dropConnection === 'before-response') return drop();

      let body: Record<string, unknown> | undefined;
      if (raw === 'too-large') {
        throw new HttpError(413, 'request_too_large', 'Request exceeds the maximum allowed number of bytes.');
      }
      if (method === 'POST') {
        body = parseJsonObject(raw);
        if (body && typeof body.model === 'string') model = body.model;
        if (body && body.stream === true) stream = true;
      }

      // Forced errors come first: they stand for the platform failing whatever the request.
      if (fault.error === 'unauthorized') {
        throw new HttpError(401, 'authentication_error', 'invalid x-api-key');
      }
      const key = presentedKey(req);
      if (key === undefined || (options.apiKey !== undefined && key !== options.apiKey)) {
        throw new HttpError(401, 'authentication_error', 'invalid x-api-key');
      }
      if (organizationId) baseHeaders['anthropic-organization-id'] = organizationId;
      if (workspaceId) baseHeaders['anthropic-workspace-id'] = workspaceId;
      if (fault.error === 'forbidden') {
        throw new HttpError(
          403,
          'permission_error',
          'Your API key does not have permission to use the specified resource.',
        );
      }
      if (fault.error === 'overloaded') throw new HttpError(529, 'overloaded_error', 'Overloaded');
      if (fault.error === 'internal') throw new HttpError(500, 'api_error', 'Internal server error');
      const version = req.headers['anthropic-version'];
      if (typeof version !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(version)) {
        throw new HttpError(400, 'invalid_request_error', 'anthropic-version: header is required');
      }

      if (method === 'POST' && path === '/v1/messages') return await messages(body);
      if (method === 'POST' && path === '/v1/messages/count_tokens') return countTokens(body);
      if (method === 'GET' && path === '/v1/models') return listModels(url.searchParams);
      if (method === 'GET' && path.startsWith('/v1/models/')) {
        const id = decodeURIComponent(path.slice('/v1/models/'.length));
        const info = catalogue.find((m) => m.id === id);
        if (!info) throw new HttpError(404, 'not_found_error', `model: ${id}`);
        return sendJson(200, info);
      }
      const batch = batchStore.route(
        method,
        path,
        url.searchParams,
        body,
        `http://${req.headers.host ?? '127.0.0.1'}`,
      );
      if (batch && 'error' in batch) {
        throw new HttpError(batch.error.status, batch.error.type, batch.error.message);
      }
      if (batch && 'jsonl' in batch) {
        res.writeHead(200, { 'content-type': 'application/x-jsonl', ...baseHeaders });
        write(batch.jsonl, true);
        return finish(200);
      }
      if (batch) return sendJson(batch.status, batch.json);
      throw new HttpError(404, 'not_found_error', `Not found: ${method} ${path}`);
    } catch (err) {
      if (res.headersSent || req.socket.destroyed) {
        if (!res.writableEnded) drop();
        return;
      }
      if (err instanceof HttpError) return sendError(err);
      return sendError(new HttpError(500, 'api_error', 'Internal server error'));
    }

    function validateMessages(b: Record<string, unknown> | undefined): {
      model: string;
      maxTokens: number;
      body: Record<string, unknown>;
    } {
      if (!b) throw new HttpError(400, 'invalid_request_error', 'The request body is not valid JSON.');
      if (typeof b.model !== 'string' || b.model === '') {
        throw new HttpError(400, 'invalid_request_error', 'model: Field required');
      }
      if (b.max_tokens === undefined) {
        throw new HttpError(400, 'invalid_request_error', 'max_tokens: Field required');
      }
      if (typeof b.max_tokens !== 'number' || !Number.isInteger(b.max_tokens) || b.max_tokens < 0) {
        throw new HttpError(400, 'invalid_request_error', 'max_tokens: Input should be a valid integer');
      }
      if (!Array.isArray(b.messages)) {
        throw new HttpError(400, 'invalid_request_error', 'messages: Field required');
      }
      if (b.messages.length === 0) {
        throw new HttpError(400, 'invalid_request_error', 'messages: at least one message is required');
      }
      if (options.rejectUnknownModels && !catalogue.some((m) => m.id === b.model)) {
        throw new HttpError(404, 'not_found_error', `model: ${b.model}`);
      }
      return { model: b.model, maxTokens: b.max_tokens, body: b };
    }

    function limitHeaders(m: string): Record<string, string> {
      if (fault.missingRateLimitHeaders) return {};
      const headers = rateLimitHeaders(bucketsFor(m), now());
      if (fault.malformedRateLimitHeaders) return { ...MALFORMED_VALUES };
      return headers;
    }

    async function messages(b: Record<string, unknown> | undefined): Promise<void> {
      const v = validateMessages(b);
      const m = v.model;
      const bucket = bucketsFor(m);
      const t = now();
      // Cache-aware ITPM (§3.3): cache reads are not charged; see cache.ts.
      const cachePlan = promptCache.plan(m, v.body, estimateTokens(bodyText(v.body)));
      const input = cachePlan.itpm;
      const output = Math.min(v.maxTokens, replyTokens);

      /** A 429 naming the limit; retry-after is the wait for the bucket (1–60 s) unless given. */
      const limited = (what: string, limit: number, ms: number, forced?: number): HttpError => {
        const retryAfter = forced ?? Math.max(1, Math.min(60, Math.ceil(ms / 1000)));
        return new HttpError(
          429,
          'rate_limit_error',
          `This request would exceed your organization's rate limit of ${limit.toLocaleString('en-US')} ${what} ` +
            `(model: ${m}). For details, refer to: https://docs.claude.com/en/api/rate-limits. You can see the ` +
            'response headers for current usage. Please reduce the prompt length or the maximum tokens requested, or try again later.',
          { 'retry-after': String(Number.isFinite(ms) || forced !== undefined ? retryAfter : 60) },
        );
      };
      if (fault.error === 'spend-cap') {
        throw new HttpError(
          429,
          'rate_limit_error',
          "You have reached your organization's monthly usage tier spend cap. Your access will be restored at the start of next month, or when your tier is raised.",
          limitHeaders(m),
          { error_code: 'enforced_spend_limit_reached' },
        );
      }
      if (fault.error === 'rate-limit' || fault.error === 'rate-limit-no-retry-after') {
        const err = limited('requests per minute', bucket.limits.rpm, 0, fault.retryAfterSeconds ?? 10);
        const limits = limitHeaders(m);
        // The message names the requests limit, so its bucket reads exhausted (not the full one).
        const exhausted =
          'anthropic-ratelimit-requests-remaining' in limits && !fault.malformedRateLimitHeaders;
        const headers = {
          ...limits,
          ...(exhausted && exhaustedRequestsHeaders(t)),
          ...(fault.error === 'rate-limit' && err.extraHeaders),
        };
        throw new HttpError(429, err.type, err.message, headers);
      }
      if (fault.acceleration && limiterFor(fault.acceleration).refuse(t)) {
        const retryAfter = String(limiterFor(fault.acceleration).retryAfterSeconds);
        throw new HttpError(429, 'rate_limit_error', ACCELERATION_MESSAGE, {
          ...limitHeaders(m),
          'retry-after': retryAfter,
        });
      }
      let refusal: HttpError | undefined;
      if (bucket.requests.available(t) < 1) {
        refusal = limited('requests per minute', bucket.limits.rpm, bucket.requests.msUntil(1, t));
      } else if (bucket.input.available(t) < input) {
        refusal = limited('input tokens per minute', bucket.limits.itpm, bucket.input.msUntil(input, t));
      } else if (bucket.output.available(t) < 1) {
        refusal = limited('output tokens per minute', bucket.limits.otpm, bucket.output.msUntil(1, t));
      }
      if (refusal) {
        const headers = { ...limitHeaders(m), ...refusal.extraHeaders };
        throw new HttpError(
          429,
          refusal.type,
          refusal.message,
          fault.missingRateLimitHeaders ? refusal.extraHeaders : headers,
        );
      }
      bucket.requests.take(1, t);
      bucket.input.take(input, t);
      bucket.output.take(output, t);
      promptCache.commit(cachePlan);
      inputTokens = input;
      outputTokens = output;

      const text = replyText(output);
      const stopReason = output < replyTokens ? 'max_tokens' : 'end_turn';
      const id = randomId('msg_01Mock');
      const usage = {
        input_tokens: cachePlan.input,
        cache_creation_input_tokens: cachePlan.cacheCreation,
        cache_read_input_tokens: cachePlan.cacheRead,
        output_tokens: output,
        service_tier: 'standard',
      };
      const headers = limitHeaders(m);
      if (!stream) {
        return sendJson(
          200,
          {
            id,
            type: 'message',
            role: 'assistant',
            model: m,
            content: [{ type: 'text', text }],
            stop_reason: stopReason,
            stop_sequence: null,
            usage,
          },
          headers,
        );
      }
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        ...baseHeaders,
        ...headers,
      });
      if (fault.garbageBody) {
        write('event: message_start\ndata: {not json at all\n\n', true);
        return finish(200);
      }
      const events: [string, unknown][] = [
        [
          'message_start',
          {
            type: 'message_start',
            message: {
              id,
              type: 'message',
              role: 'assistant',
              model: m,
              content: [],
              stop_reason: null,
              stop_sequence: null,
              usage: { ...usage, output_tokens: Math.min(1, output) },
            },
          },
        ],
        [
          'content_block_start',
          { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
        ],
        ['ping', { type: 'ping' }],
        ...chunks(text, 16).map((chunk): [string, unknown] => [
          'content_block_delta',
          { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: chunk } },
        ]),
        ['content_block_stop', { type: 'content_block_stop', index: 0 }],
        [
          'message_delta',
          {
            type: 'message_delta',
            delta: { stop_reason: stopReason, stop_sequence: null },
            usage: { output_tokens: output },
          },
        ],
        ['message_stop', { type: 'message_stop' }],
      ];
      let sent = 0;
      for (const [event, data] of events) {
        if (closed || res.destroyed) return drop();
        if (fault.dropConnection === 'mid-stream' && sent === 3) return drop();
        write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
        sent++;
        await sleep(fault.chunkDelayMs ?? 0);
      }
      write('', true);
      finish(200);
    }

    function countTokens(b: Record<string, unknown> | undefined): void {
      if (!b) throw new HttpError(400, 'invalid_request_error', 'The request body is not valid JSON.');
      if (typeof b.model !== 'string' || b.model === '') {
        throw new HttpError(400, 'invalid_request_error', 'model: Field required');
      }
      if (!Array.isArray(b.messages)) {
        throw new HttpError(400, 'invalid_request_error', 'messages: Field required');
      }
      sendJson(200, { input_tokens: estimateTokens(bodyText(b)) });
    }

    function listModels(query: URLSearchParams): void {
      const limitParam = query.get('limit');
      const limit = limitParam === null ? 20 : Number(limitParam);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
        throw new HttpError(400, 'invalid_request_error', 'limit: Input should be between 1 and 1000');
      }
      const after = query.get('after_id');
      const before = query.get('before_id');
      let start = 0;
      let end = catalogue.length;
      if (after !== null) start = catalogue.findIndex((m) => m.id === after) + 1;
      if (before !== null) {
        end = Math.max(
          0,
          catalogue.findIndex((m) => m.id === before),
        );
      }
      let page: readonly MockModelInfo[];
      let hasMore: boolean;
      if (before !== null && after === null) {
        page = catalogue.slice(Math.max(0, end - limit), end);
        hasMore = end - limit > 0;
      } else {
        page = catalogue.slice(start, Math.min(end, start + limit));
        hasMore = start + limit < end;
      }
      sendJson(200, {
        data: page,
        has_more: hasMore,
        first_id: page[0]?.id ?? null,
        last_id: page[page.length - 1]?.id ?? null,
      });
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!req.socket.destroyed) req.socket.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        if (closed) return resolve();
        closed = true;
        for (const t of timers) clearTimeout(t);
        timers.clear();
        held.clear();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
    setFaults: (next) => {
      faults = { ...next };
      faultSeq = 0;
    },
    stats: () => ({
      ...stats,
      byEndpoint: { ...stats.byEndpoint },
      byStatus: { ...stats.byStatus },
      byModel: Object.fromEntries(
        Object.entries(stats.byModel).map(([k, v]) => [k, { ...v, byStatus: { ...v.byStatus } }]),
      ),
      inFlight,
      log: [...stats.log],
    }),
    reset: () => {
      buckets = new Map();
      stats = emptyStats();
      stats.maxInFlight = inFlight;
      faults = {};
      faultSeq = 0;
      promptCache.clear();
    },
    setRemaining: (model, levels) => {
      const b = bucketsFor(model);
      const t = now();
      if (levels.requests !== undefined) b.requests.set(levels.requests, t);
      if (levels.inputTokens !== undefined) b.input.set(levels.inputTokens, t);
      if (levels.outputTokens !== undefined) b.output.set(levels.outputTokens, t);
    },
    setLimits: (model, limits) => {
      limitOverrides.set(model, { ...limitOverrides.get(model), ...limits });
      buckets.delete(model);
    },
    batches: batchStore,
  };
}

interface MutableStats {
  requests: number;
  byEndpoint: Record<string, number>;
  byStatus: Record<string, number>;
  byModel: Record<string, MockModelStats>;
  inputTokens: number;
  outputTokens: number;
  maxInFlight: number;
  log: MockRequestRecord[];
}

function emptyStats(): MutableStats {
  return {
    requests: 0,
    byEndpoint: {},
    byStatus: {},
    byModel: {},
    inputTokens: 0,
    outputTokens: 0,
    maxInFlight: 0,
    log: [],
  };
}

function chunks(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/**
 * The key a request presents: `x-api-key` (the documented header), or `Authorization:
 * Bearer …`, which `@anthropic-ai/sdk` 1.x sends for API keys.
 */
function presentedKey(req: IncomingMessage): string | undefined {
  const header = req.headers['x-api-key'];
  if (typeof header === 'string' && header !== '') return header;
  const auth = req.headers.authorization;
  const match = typeof auth === 'string' ? /^Bearer\s+(\S+)$/i.exec(auth) : null;
  return match?.[1];
}

function parseJsonObject(raw: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(raw);
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function readBody(req: IncomingMessage): Promise<string | 'too-large'> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else parts.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? 'too-large' : Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}
