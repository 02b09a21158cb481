/**
 * The real poll request, through `@anthropic-ai/sdk`: `messages.create({ model,
 * max_tokens: 1, messages: [{ role: 'user', content: '.' }] })` (about 10 tokens), read
 * with `.withResponse()`. The client has `maxRetries: 0`, so the poller's own backoff and
 * retry-after rules are the only retry policy, and every outcome (success, API error,
 * connection error, timeout) becomes an `Observation`.
 *
 * The API key is used only to build the client. It never appears in what this module
 * returns: every message is scrubbed of it (and of anything shaped like an Anthropic key).
 */
import Anthropic from '@anthropic-ai/sdk';
import { createKeyedClient } from '../anthropicClient';
import { scrubSecrets } from '../secrets';
import { parseRateLimitHeaders } from './headers';
import type { PollSender } from './poller';
import type { ApiErrorInfo, Observation, SourceKind, UsageInfo } from './source';

export interface SdkSenderOptions {
  readonly apiKey: string;
  /** The API origin (default `https://api.anthropic.com`); see `keyDestination` for what is allowed. */
  readonly baseURL?: string;
  /** A custom fetch (tests, proxies). */
  readonly fetch?: typeof fetch;
  /** Deadline for the whole request, headers and body, ms (default 30 s; the SDK's own default is 10 min). */
  readonly timeoutMs?: number;
  /** Reported on observations: `poll`, or `simulated` against the local test server. */
  readonly source?: SourceKind;
  readonly now?: () => number;
}

export const DEFAULT_POLL_TIMEOUT_MS = 30_000;
/** The poll prompt: one character, so a poll costs about 10 input tokens and 1 output token. */
export const POLL_PROMPT = '.';

/** Builds the poller's `send` on top of the SDK. */
export function createSdkSender(options: SdkSenderOptions): PollSender {
  const now = options.now ?? Date.now;
  const source = options.source ?? 'poll';
  const secrets = [options.apiKey];
  const client = createKeyedClient({
    apiKey: options.apiKey,
    ...(options.baseURL !== undefined && { baseURL: options.baseURL }),
    // The poller backs off and honours retry-after itself; SDK retries would double it.
    // headroom-ignore-next-line retries-disabled
    maxRetries: 0,
    timeout: options.timeoutMs ?? DEFAULT_POLL_TIMEOUT_MS,
    ...(options.fetch && { fetch: options.fetch }),
  });

  const timeoutMs = options.timeoutMs ?? DEFAULT_POLL_TIMEOUT_MS;
  return async (model, signal) => {
    const started = now();
    // One deadline for the whole exchange: the SDK's timeout covers only the wait for the
    // headers, and a body that never ends must not hold the poller forever.
    const deadline = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      deadline.abort();
    }, timeoutMs);
    const forward = (): void => deadline.abort();
    if (signal.aborted) deadline.abort();
    else signal.addEventListener('abort', forward, { once: true });
    // Also stop waiting on abort even if a custom fetch ignores its signal.
    const abandoned = new Promise<never>((_resolve, reject) => {
      const stop = (): void => reject(new Anthropic.APIUserAbortError());
      if (deadline.signal.aborted) stop();
      else deadline.signal.addEventListener('abort', stop, { once: true });
    });
    abandoned.catch(() => undefined);
    const settle = <T>(promise: Promise<T>): Promise<T> => {
      promise.catch(() => undefined); // a late rejection after abandoning must not go unhandled
      return Promise.race([promise, abandoned]);
    };
    try {
      const request = client.messages.create(
        { model, max_tokens: 1, messages: [{ role: 'user', content: POLL_PROMPT }] },
        { signal: deadline.signal },
      );
      // Status and headers first: they are what the monitor needs, even if the body is bad.
      const response = await settle(request.asResponse());
      const at = now();
      const base = {
        kind: 'response' as const,
        source,
        model,
        at,
        latencyMs: at - started,
        status: response.status,
        headers: parseRateLimitHeaders(response.headers),
      };
      try {
        const { data } = await settle(request.withResponse());
        const usage = usageOf(data);
        if (typeof data !== 'object' || data === null) return { ...base, bodyError: 'invalid-json' };
        return { ...base, ...(usage && { usage }) };
      } catch (err) {
        return { ...base, bodyError: err instanceof SyntaxError ? 'invalid-json' : 'unreadable' };
      }
    } catch (err) {
      const at = now();
      if (timedOut) {
        return {
          kind: 'network-error',
          source,
          model,
          at,
          latencyMs: at - started,
          timeout: true,
          message: 'timed out',
        };
      }
      return observationFromError(err, { model, source, at, started, secrets });
    } finally {
      clearTimeout(timer);
      signal.removeEventListener('abort', forward);
    }
  };
}

/** Maps anything the SDK throws to an observation (exported for the proxy and tests). */
export function observationFromError(
  err: unknown,
  context: { model: string; source: SourceKind; at: number; started: number; secrets: readonly string[] },
): Observation {
  const { model, source, at, started, secrets } = context;
  const latencyMs = at - started;
  if (err instanceof Anthropic.APIError && typeof err.status === 'number' && err.headers) {
    const body = err.error as { error?: { type?: unknown; message?: unknown } } | undefined;
    const error: ApiErrorInfo = {
      ...(typeof (err.type ?? body?.error?.type) === 'string' && {
        type: String(err.type ?? body?.error?.type),
      }),
      ...(typeof err.apiMessage === 'string' && { message: scrubSecrets(err.apiMessage, secrets) }),
      ...(typeof err.errorCode === 'string' && { errorCode: err.errorCode }),
    };
    const isAnthropicError = body !== undefined && typeof body === 'object' && body.error !== undefined;
    return {
      kind: 'response',
      source,
      model,
      at,
      latencyMs,
      status: err.status,
      headers: parseRateLimitHeaders(err.headers),
      ...(Object.keys(error).length > 0 && { error }),
      ...(!isAnthropicError && { bodyError: 'invalid-json' as const }),
    };
  }
  const timeout = err instanceof Anthropic.APIConnectionTimeoutError;
  return {
    kind: 'network-error',
    source,
    model,
    at,
    latencyMs,
    timeout,
    message: scrubSecrets(describeFailure(err), secrets),
  };
}

/** A short description of a connection failure, using the system error code when there is one. */
function describeFailure(err: unknown): string {
  if (err instanceof Anthropic.APIUserAbortError) return 'aborted';
  if (err instanceof Anthropic.APIConnectionTimeoutError) return 'timed out';
  const codes: string[] = [];
  let cause: unknown = err;
  for (let depth = 0; depth < 5 && cause instanceof Error; depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    cause = (cause as { cause?: unknown }).cause;
  }
  if (codes.length > 0) return `connection error: ${codes[codes.length - 1]}`;
  if (err instanceof Anthropic.APIConnectionError) return 'connection error';
  return err instanceof Error ? err.message : 'request failed';
}

function usageOf(data: unknown): UsageInfo | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const usage = (data as { usage?: { input_tokens?: unknown; output_tokens?: unknown } }).usage;
  if (typeof usage !== 'object' || usage === null) return undefined;
  const valid = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
  return {
    ...(valid(usage.input_tokens) && { inputTokens: usage.input_tokens }),
    ...(valid(usage.output_tokens) && { outputTokens: usage.output_tokens }),
  };
}
