/** Builders for history tests: observations as the poller and proxy emit them. */
import { parseRateLimitHeaders } from '../../../src/core/monitor/headers';
import type { NetworkErrorObservation, ResponseObservation } from '../../../src/core/monitor/source';

export const T0 = Date.parse('2026-03-01T12:00:00Z');
export const MODEL = 'claude-haiku-4-5';

export interface ResponseSpec {
  at?: number;
  model?: string;
  status?: number;
  latencyMs?: number;
  requests?: [limit: number, remaining: number];
  input?: [limit: number, remaining: number];
  output?: [limit: number, remaining: number];
  tokens?: [limit: number, remaining: number];
  /** Seconds after `at` when every family's bucket is full again. */
  resetInSeconds?: number;
  usage?: { inputTokens?: number; outputTokens?: number };
  source?: ResponseObservation['source'];
}

/** A response observation with real parsed headers. */
export function response(spec: ResponseSpec = {}): ResponseObservation {
  const at = spec.at ?? T0;
  const headers: Record<string, string> = {};
  const reset = new Date(at + (spec.resetInSeconds ?? 10) * 1000).toISOString();
  const put = (prefix: string, pair: [number, number] | undefined): void => {
    if (!pair) return;
    headers[`anthropic-ratelimit-${prefix}-limit`] = String(pair[0]);
    headers[`anthropic-ratelimit-${prefix}-remaining`] = String(pair[1]);
    headers[`anthropic-ratelimit-${prefix}-reset`] = reset;
  };
  put('requests', spec.requests);
  put('input-tokens', spec.input);
  put('output-tokens', spec.output);
  put('tokens', spec.tokens);
  return {
    kind: 'response',
    source: spec.source ?? 'poll',
    model: spec.model ?? MODEL,
    at,
    status: spec.status ?? 200,
    headers: parseRateLimitHeaders(headers),
    ...(spec.latencyMs !== undefined && { latencyMs: spec.latencyMs }),
    ...(spec.usage && { usage: spec.usage }),
  };
}

export function networkError(at: number, timeout = false, model = MODEL): NetworkErrorObservation {
  return { kind: 'network-error', source: 'poll', model, at, timeout, latencyMs: 5, message: 'refused' };
}
