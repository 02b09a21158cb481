/**
 * The Message Batches API (reference §3.7, §6): create, retrieve, list, cancel, delete, and
 * the results as JSONL with the documented result types (`succeeded`, `errored`, `canceled`,
 * `expired`), in an order that is not the request order (match by `custom_id`).
 *
 * - A batch is `in_progress` until it has been retrieved `pollsUntilEnded` times (default 1)
 *   or its 24 hours pass on the server's clock, then `ended` with `results_url` set; a cancel
 *   makes it `canceling`, and it ends at the next retrieve with the requests `canceled`.
 * - Each request's result is decided when the batch ends: `outcome(custom_id, index)` if it
 *   says so, else `errored` (invalid_request_error) for params the Messages API would refuse,
 *   else `succeeded` with a deterministic reply. Requests still unprocessed after 24 h expire.
 * - Batches have their own limits, so nothing here touches the Messages rate-limit buckets.
 */
import { randomBytes } from 'node:crypto';

export type BatchResultType = 'succeeded' | 'errored' | 'canceled' | 'expired';

export interface MockBatchOptions {
  /** Forces a request's result (undefined: decided from its params). */
  readonly outcome?: (customId: string, index: number) => BatchResultType | undefined;
  /** Retrieves before a batch ends (default 1). */
  readonly pollsUntilEnded?: number;
}

/** Control of the batch endpoints from a test. */
export interface MockBatches {
  setOptions(options: MockBatchOptions): void;
  /** Every batch object, newest first. */
  list(): unknown[];
  clear(): void;
}

export interface BatchDeps {
  now(): number;
  /** Input tokens of a Messages request body. */
  inputTokens(body: Record<string, unknown>): number;
  /** Output tokens and text of a reply to `maxTokens`. */
  reply(maxTokens: number): { tokens: number; text: string; stopReason: string };
  /** Why the Messages API would refuse these params (400), or undefined. */
  invalid(params: Record<string, unknown>): string | undefined;
}

/** What a route answers: JSON, a JSONL body, or an API error. */
export type BatchAnswer =
  | { status: number; json: unknown }
  | { status: 200; jsonl: string }
  | { error: { status: number; type: string; message: string } };

interface Batch {
  id: string;
  createdAt: number;
  requests: Array<{ custom_id: string; params: Record<string, unknown> }>;
  polls: number;
  status: 'in_progress' | 'canceling' | 'ended';
  cancelAt?: number;
  endedAt?: number;
  results?: Array<{ custom_id: string; result: Record<string, unknown> }>;
}

const DAY = 24 * 60 * 60_000;
const MAX_REQUESTS = 100_000;
const CUSTOM_ID = /^[a-zA-Z0-9_-]{1,64}$/;
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function randomId(prefix: string): string {
  let out = prefix;
  for (const b of randomBytes(24)) out += BASE62[b % 62];
  return out;
}

const iso = (ms: number): string => new Date(ms).toISOString();

export function createBatchStore(
  deps: BatchDeps,
  initial: MockBatchOptions = {},
): MockBatches & {
  route(
    method: string,
    path: string,
    query: URLSearchParams,
    body: Record<string, unknown> | undefined,
    origin: string,
  ): BatchAnswer | undefined;
} {
  let options = initial;
  let batches: Batch[] = [];

  const fail = (status: number, type: string, message: string): BatchAnswer => ({
    error: { status, type, message },
  });

  function settle(b: Batch): void {
    if (b.status === 'ended') return;
    const t = deps.now();
    const expired = t >= b.createdAt + DAY;
    if (b.status === 'in_progress' && !expired && b.polls < (options.pollsUntilEnded ?? 1)) return;
    b.results = b.requests.map((r, index) => {
      const forced =
        b.status === 'canceling' ? 'canceled' : expired ? 'expired' : options.outcome?.(r.custom_id, index);
      return { custom_id: r.custom_id, result: resultOf(r.params, forced) };
    });
    b.status = 'ended';
    b.endedAt = t;
  }

  function resultOf(
    params: Record<string, unknown>,
    forced: BatchResultType | undefined,
  ): Record<string, unknown> {
    if (forced === 'canceled' || forced === 'expired') return { type: forced };
    const invalid = deps.invalid(params);
    if (forced === 'errored' || invalid) {
      const error = invalid
        ? { type: 'invalid_request_error', message: invalid }
        : { type: 'api_error', message: 'Internal server error' };
      return { type: 'errored', error: { type: 'error', error, request_id: null } };
    }
    const reply = deps.reply(params.max_tokens as number);
    return {
      type: 'succeeded',
      message: {
        id: randomId('msg_01MockBatch'),
        type: 'message',
        role: 'assistant',
        model: params.model,
        content: [{ type: 'text', text: reply.text }],
        stop_reason: reply.stopReason,
        stop_sequence: null,
        usage: {
          input_tokens: deps.inputTokens(params),
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: 0,
          output_tokens: reply.tokens,
          service_tier: 'batch',
        },
      },
    };
  }

  function view(b: Batch, origin: string): Record<string, unknown> {
    const counts = { processing: 0, succeeded: 0, errored: 0, canceled: 0, expired: 0 };
    if (b.results) {
      for (const r of b.results) counts[r.result.type as BatchResultType]++;
    } else {
      counts.processing = b.requests.length;
    }
    return {
      id: b.id,
      type: 'message_batch',
      processing_status: b.status,
      request_counts: counts,
      ended_at: b.endedAt === undefined ? null : iso(b.endedAt),
      created_at: iso(b.createdAt),
      expires_at: iso(b.createdAt + DAY),
      archived_at: null,
      cancel_initiated_at: b.cancelAt === undefined ? null : iso(b.cancelAt),
      results_url: b.status === 'ended' ? `${origin}/v1/messages/batches/${b.id}/results` : null,
    };
  }

  function create(body: Record<string, unknown> | undefined, origin: string): BatchAnswer {
    if (!body) return fail(400, 'invalid_request_error', 'The request body is not valid JSON.');
    const requests = body.requests;
    if (!Array.isArray(requests) || requests.length === 0) {
      return fail(400, 'invalid_request_error', 'requests: at least one request is required');
    }
    if (requests.length > MAX_REQUESTS) {
      return fail(400, 'invalid_request_error', `requests: at most ${MAX_REQUESTS} requests per batch`);
    }
    const seen = new Set<string>();
    for (const [i, r] of requests.entries()) {
      const req = r as { custom_id?: unknown; params?: unknown };
      if (typeof req.custom_id !== 'string' || !CUSTOM_ID.test(req.custom_id)) {
        return fail(400, 'invalid_request_error', `requests.${i}.custom_id: must match ${CUSTOM_ID.source}`);
      }
      if (seen.has(req.custom_id)) {
        return fail(
          400,
          'invalid_request_error',
          `requests.${i}.custom_id: duplicate custom_id ${req.custom_id}`,
        );
      }
      seen.add(req.custom_id);
      if (!req.params || typeof req.params !== 'object' || Array.isArray(req.params)) {
        return fail(400, 'invalid_request_error', `requests.${i}.params: Field required`);
      }
    }
    const b: Batch = {
      id: randomId('msgbatch_01Mock'),
      createdAt: deps.now(),
      requests: requests as Batch['requests'],
      polls: 0,
      status: 'in_progress',
    };
    batches.unshift(b);
    return { status: 200, json: view(b, origin) };
  }

  function listBatches(query: URLSearchParams, origin: string): BatchAnswer {
    const limit = query.get('limit') === null ? 20 : Number(query.get('limit'));
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
      return fail(400, 'invalid_request_error', 'limit: Input should be between 1 and 1000');
    }
    const after = query.get('after_id');
    const before = query.get('before_id');
    let start = after === null ? 0 : batches.findIndex((b) => b.id === after) + 1;
    let end =
      before === null
        ? batches.length
        : Math.max(
            0,
            batches.findIndex((b) => b.id === before),
          );
    if (before !== null && after === null) start = Math.max(0, end - limit);
    end = Math.min(end, start + limit);
    const page = batches.slice(start, end);
    return {
      status: 200,
      json: {
        data: page.map((b) => view(b, origin)),
        has_more: before !== null && after === null ? start > 0 : end < batches.length,
        first_id: page[0]?.id ?? null,
        last_id: page[page.length - 1]?.id ?? null,
      },
    };
  }

  return {
    route(method, path, query, body, origin) {
      if (path === '/v1/messages/batches') {
        if (method === 'POST') return create(body, origin);
        if (method === 'GET') return listBatches(query, origin);
        return undefined;
      }
      const m = /^\/v1\/messages\/batches\/([^/]+)(\/results|\/cancel)?$/.exec(path);
      if (!m) return undefined;
      const b = batches.find((x) => x.id === decodeURIComponent(m[1]));
      if (!b) return fail(404, 'not_found_error', `message_batch: ${m[1]}`);
      if (method === 'GET' && !m[2]) {
        b.polls++;
        settle(b);
        return { status: 200, json: view(b, origin) };
      }
      if (method === 'GET' && m[2] === '/results') {
        if (b.status !== 'ended' || !b.results) {
          return fail(400, 'invalid_request_error', `Batch ${b.id} has not finished processing.`);
        }
        // Not the request order: callers must match results by custom_id.
        const lines = [...b.results].reverse().map((r) => JSON.stringify(r));
        return { status: 200, jsonl: lines.join('\n') + '\n' };
      }
      if (method === 'POST' && m[2] === '/cancel') {
        if (b.status === 'in_progress') {
          b.status = 'canceling';
          b.cancelAt = deps.now();
        }
        return { status: 200, json: view(b, origin) };
      }
      if (method === 'DELETE' && !m[2]) {
        if (b.status !== 'ended') {
          return fail(
            400,
            'invalid_request_error',
            `Batch ${b.id} cannot be deleted while it is processing.`,
          );
        }
        batches = batches.filter((x) => x !== b);
        return { status: 200, json: { id: b.id, type: 'message_batch_deleted' } };
      }
      return undefined;
    },
    setOptions(next) {
      options = { ...next };
    },
    list() {
      return batches.map((b) => view(b, ''));
    },
    clear() {
      batches = [];
    },
  };
}
