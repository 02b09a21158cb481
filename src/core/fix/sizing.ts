/**
 * Sizing a concurrency cap from measured rate limits, by Little's law: the calls in flight
 * equal the call rate times the time each call takes. The rate a model allows is bounded by
 * every one of its per-minute limits:
 *
 *   calls/min ≤ min(RPM, ITPM / input tokens per call, OTPM / max_tokens)
 *   in flight ≤ calls/min × latency / 60 s
 *
 * Limits are per model, so only the call's own model's limits count (from a poll of that
 * model or from the app's own traffic through observe mode). Latency comes from that model's
 * observed traffic, else it is estimated from `max_tokens` at the output speed the SDKs plan
 * with; the monitor's own 1-token poll says nothing about how long a real call takes and is
 * never used. Pure: no `vscode`, no clock (the caller passes the date).
 */
import type { Observation } from '../monitor/source';

/** The per-minute limits a cap can be bound by. */
export type LimitName = 'RPM' | 'ITPM' | 'OTPM';

/**
 * The output speed an estimated latency assumes: 128,000 tokens per hour (≈35.6 tokens/s).
 * Source: both SDKs size the non-streaming timeout as `60 min × max_tokens / 128,000`
 * (@anthropic-ai/sdk `calculateNonstreamingTimeout`, anthropic-sdk-python
 * `_calculate_nonstreaming_timeout`): the slowest speed the SDK authors plan for, so a
 * latency estimated from it is an upper bound and the cap it gives errs high; measured
 * traffic (observe mode) replaces it.
 */
export const PLANNING_OUTPUT_TOKENS_PER_SECOND = 128_000 / 3600;

/** Milliseconds one output token takes at the planning speed (exactly 28.125). */
const PLANNING_MS_PER_TOKEN = 3_600_000 / 128_000;

/** What is known about one model's limits and traffic. */
export interface ModelMeasurement {
  model: string;
  /** `anthropic-ratelimit-requests-limit`. */
  requestsPerMinute?: number;
  /** `anthropic-ratelimit-input-tokens-limit`. */
  inputTokensPerMinute?: number;
  /** `anthropic-ratelimit-output-tokens-limit`. */
  outputTokensPerMinute?: number;
  /** Where the limits were read: a poll of this model, or the app's own traffic. */
  limitsFrom: 'poll' | 'observed';
  /** When the limits were read, epoch ms. */
  measuredAt: number;
  /** The median latency of this model's successful observed calls (never a poll), ms. */
  observedLatencyMs?: number;
  /** The mean input tokens of this model's observed calls. */
  inputTokensPerCall?: number;
  /** How many observed calls the latency and input tokens come from. */
  observedCalls: number;
}

/** What the fix knows about the call being capped. */
export interface CallShape {
  /** The `model` argument's value, when it is a literal or a constant of the file. */
  model?: string;
  /** Why the model is not known, when it is not. */
  modelUnknown?: string;
  /** The `max_tokens` value, when it is a literal or a constant. */
  maxTokens?: number;
}

/** One limit's bound on the call rate. */
export interface RateTerm {
  limit: LimitName;
  /** The limit per minute. */
  perMinute: number;
  /** Calls per minute it allows; undefined when the per-call figure is not known. */
  callsPerMinute?: number;
  /** What it was divided by (input tokens per call, max_tokens), for the derivation. */
  per?: { value: number; what: string };
  /** Why it could not be applied. */
  notApplied?: string;
}

export type Sizing =
  | {
      kind: 'sized';
      model: string;
      /** The cap: at least 1. */
      n: number;
      binding: LimitName;
      callsPerMinute: number;
      terms: RateTerm[];
      latencyMs: number;
      /** How the latency was obtained, in words (for the comment). */
      latencySource: string;
      latencyEstimated: boolean;
      /** The derivation as comment lines (without the comment marker), dated. */
      derivation: string[];
    }
  | {
      kind: 'unavailable';
      /** One line: why no measured cap is offered. */
      reason: string;
    };

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const secs = (ms: number): string => (ms / 1000).toFixed(1).replace(/\.0$/, '');

/** Whether a measurement's model is the call's (a dated id matches its alias). */
export function sameModel(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}-`) || b.startsWith(`${a}-`);
}

/**
 * The concurrency cap for a call, sized from its model's measurement (see the module
 * comment), or why there is none. `date` is the day written into the derivation (YYYY-MM-DD).
 */
export function sizeConcurrency(
  call: CallShape,
  measurements: readonly ModelMeasurement[],
  date: string,
): Sizing {
  if (!call.model) {
    return { kind: 'unavailable', reason: call.modelUnknown ?? "the call's model is unknown" };
  }
  const model = call.model;
  const m = measurements.find((x) => sameModel(x.model, model));
  if (!m) {
    return { kind: 'unavailable', reason: `no rate limits measured for ${model} yet` };
  }
  const terms: RateTerm[] = [];
  if (m.requestsPerMinute !== undefined) {
    terms.push({ limit: 'RPM', perMinute: m.requestsPerMinute, callsPerMinute: m.requestsPerMinute });
  }
  if (m.inputTokensPerMinute !== undefined) {
    terms.push(
      m.inputTokensPerCall
        ? {
            limit: 'ITPM',
            perMinute: m.inputTokensPerMinute,
            callsPerMinute: m.inputTokensPerMinute / m.inputTokensPerCall,
            per: { value: m.inputTokensPerCall, what: 'input tokens per call (observed)' },
          }
        : {
            limit: 'ITPM',
            perMinute: m.inputTokensPerMinute,
            notApplied: 'input tokens per call not observed yet',
          },
    );
  }
  if (m.outputTokensPerMinute !== undefined) {
    terms.push(
      call.maxTokens
        ? {
            limit: 'OTPM',
            perMinute: m.outputTokensPerMinute,
            callsPerMinute: m.outputTokensPerMinute / call.maxTokens,
            per: { value: call.maxTokens, what: 'max_tokens' },
          }
        : { limit: 'OTPM', perMinute: m.outputTokensPerMinute, notApplied: 'max_tokens not known' },
    );
  }
  const applied = terms.filter(
    (t): t is RateTerm & { callsPerMinute: number } => t.callsPerMinute !== undefined,
  );
  if (!applied.length) {
    return { kind: 'unavailable', reason: `no usable rate limit measured for ${model}` };
  }
  const bindingTerm = applied.reduce((a, b) => (b.callsPerMinute < a.callsPerMinute ? b : a));
  let latencyMs: number;
  let latencySource: string;
  let latencyEstimated: boolean;
  if (m.observedLatencyMs !== undefined) {
    latencyMs = m.observedLatencyMs;
    latencySource = `median of ${m.observedCalls} observed call(s)`;
    latencyEstimated = false;
  } else if (call.maxTokens) {
    latencyMs = call.maxTokens * PLANNING_MS_PER_TOKEN;
    latencySource = `estimate: ${fmt(call.maxTokens)} max_tokens at ${PLANNING_OUTPUT_TOKENS_PER_SECOND.toFixed(1)} tokens/s, the SDKs' planning speed`;
    latencyEstimated = true;
  } else {
    return {
      kind: 'unavailable',
      reason: `no latency for ${model}: no observed traffic and no max_tokens to estimate from`,
    };
  }
  const callsPerMinute = bindingTerm.callsPerMinute;
  const n = Math.max(1, Math.floor((callsPerMinute * latencyMs) / 60_000));
  const derivation = [
    `Concurrency cap sized by Headroom on ${date} for ${model} (limits from ${m.limitsFrom === 'poll' ? 'a poll' : 'observed traffic'}):`,
    ...terms.map((t) => {
      const name = t.limit.padEnd(4);
      const tail = t === bindingTerm ? '  <- binds' : '';
      if (t.notApplied) {
        return `  ${name} ${fmt(t.perMinute)} (not applied: ${t.notApplied})`;
      }
      if (t.per) {
        return `  ${name} ${fmt(t.perMinute)} / ${fmt(t.per.value)} ${t.per.what} = ${fmt(t.callsPerMinute ?? 0)} calls/min${tail}`;
      }
      return `  ${name} ${fmt(t.perMinute)} calls/min${tail}`;
    }),
    `  latency ${secs(latencyMs)} s (${latencySource})`,
    `  in flight <= ${fmt(callsPerMinute)} calls/min x ${secs(latencyMs)} s / 60 s = ${n}`,
  ];
  return {
    kind: 'sized',
    model,
    n,
    binding: bindingTerm.limit,
    callsPerMinute,
    terms,
    latencyMs,
    latencySource,
    latencyEstimated,
    derivation,
  };
}

/** How many observed calls per model the book keeps for latency and input size. */
const KEEP = 50;

/**
 * Collects, per model, the limits the API reported (polls and observed traffic) and the
 * latency and input size of the app's own observed calls (never the monitor's polls).
 */
export class MeasurementBook {
  private readonly models = new Map<
    string,
    { limits?: Omit<ModelMeasurement, 'observedCalls' | 'model'>; latencies: number[]; inputs: number[] }
  >();

  /** Records one observation. */
  record(o: Observation): void {
    if (o.kind !== 'response') {
      return;
    }
    const entry = this.models.get(o.model) ?? { latencies: [], inputs: [] };
    const f = o.headers.families;
    const rpm = f.requests?.limit;
    const itpm = f['input-tokens']?.limit;
    const otpm = f['output-tokens']?.limit;
    if (rpm !== undefined || itpm !== undefined || otpm !== undefined) {
      entry.limits = {
        ...(rpm !== undefined && { requestsPerMinute: rpm }),
        ...(itpm !== undefined && { inputTokensPerMinute: itpm }),
        ...(otpm !== undefined && { outputTokensPerMinute: otpm }),
        limitsFrom: o.source === 'observed' ? 'observed' : 'poll',
        measuredAt: o.at,
      };
    }
    if (o.source === 'observed' && o.status >= 200 && o.status < 300) {
      if (o.latencyMs !== undefined) {
        entry.latencies = [...entry.latencies, o.latencyMs].slice(-KEEP);
      }
      if (o.usage?.inputTokens !== undefined) {
        entry.inputs = [...entry.inputs, o.usage.inputTokens].slice(-KEEP);
      }
    }
    this.models.set(o.model, entry);
  }

  /** Every model with measured limits. */
  all(): ModelMeasurement[] {
    const out: ModelMeasurement[] = [];
    for (const [model, e] of this.models) {
      if (!e.limits) {
        continue;
      }
      const sorted = [...e.latencies].sort((a, b) => a - b);
      const median = sorted.length
        ? sorted.length % 2
          ? sorted[(sorted.length - 1) / 2]
          : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2
        : undefined;
      const meanInput = e.inputs.length ? e.inputs.reduce((a, b) => a + b, 0) / e.inputs.length : undefined;
      out.push({
        model,
        ...e.limits,
        ...(median !== undefined && { observedLatencyMs: median }),
        ...(meanInput !== undefined && { inputTokensPerCall: meanInput }),
        observedCalls: e.latencies.length,
      });
    }
    return out;
  }
}
