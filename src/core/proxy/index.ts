/**
 * Observe mode: a local pass-through proxy that turns the app's own Claude API traffic
 * into rate-limit observations and per-model traffic statistics.
 */
export {
  DEFAULT_MAX_EVENT_BYTES,
  DEFAULT_MAX_JSON_BODY_BYTES,
  DEFAULT_MAX_REQUEST_BYTES,
  DEFAULT_OBSERVATION_HOLD_MS,
  modelOfBody,
  startProxy,
  type ExchangeOutcome,
  type ExchangeRecord,
  type ObservingProxy,
  type ProxyOptions,
} from './proxy';
export {
  LATENCY_WINDOW,
  statusClass,
  UNKNOWN_MODEL,
  type LatencySummary,
  type ModelTraffic,
  type ProxyStats,
  type StatusClass,
  type TrafficCounts,
} from './stats';
export { DEFAULT_UPSTREAM, displayUpstream, parseUpstream } from './upstream';
