/**
 * The Markdown of the capacity-and-cost hover over a `messages.create` / `messages.stream`
 * call or a fan-out of one (issue 13). Pure: the editor side (src/features/hover) passes
 * the call's sketch (./callSketch, from the lint facts), the fan-out's facts from the lint
 * findings, and the monitor's budget.
 */
import type { PriceOverrides } from '../pricing';
import type { ModelBudget } from './budget';
import {
  assumedLatencyMs,
  callCost,
  defaultLimitsFor,
  estimateFanout,
  estimateTokens,
  type LimitName,
  type ModelLimits,
} from './capacity';
import type { CallSketch } from './callSketch';
import { formatCount, formatDuration, formatPercent, formatUsd } from './format';

/** A fan-out over the call, from an `unbounded-fanout` finding. */
export interface FanoutFacts {
  /** How many calls, when the source is a literal list; undefined when unknown. */
  readonly count?: number;
  /** Calls in flight at once (a pool's max_workers); undefined = all at once. */
  readonly concurrency?: number;
  /** The fan-out's callee text, e.g. `Promise.all`. */
  readonly callee: string;
}

export interface CapacityHoverInput {
  readonly call: CallSketch;
  /** The model to assume when the call does not name one literally. */
  readonly fallbackModel: string;
  readonly fanout?: FanoutFacts;
  /** The monitor's budget for the call's model, when it has seen one. */
  readonly budget?: ModelBudget;
  /** Measured mean latency of successful requests, ms. */
  readonly latencyMs?: number;
  readonly overrides?: PriceOverrides;
}

/** Calls assumed when a fan-out's count cannot be read (issue 13: "per 100 calls"). */
export const UNKNOWN_FANOUT_CALLS = 100;

const LIMIT_WORDS: Readonly<Record<LimitName, string>> = {
  requests: 'requests per minute',
  'input tokens': 'input tokens per minute',
  'output tokens': 'output tokens per minute',
  concurrency: 'its concurrency (latency per call), not a rate limit',
};

/** The limits to plan with: measured ones where the headers gave them, else the bundled defaults. */
function planningLimits(
  model: string,
  budget: ModelBudget | undefined,
): { limits: ModelLimits; available: Partial<ModelLimits>; measured: boolean } {
  const d = defaultLimitsFor(model);
  const f = (id: string): { limit?: number; remaining?: number } =>
    budget?.families.find((x) => x.id === id) ?? {};
  const r = f('requests');
  const i = f('input-tokens');
  const o = f('output-tokens');
  const measured = r.limit !== undefined || i.limit !== undefined || o.limit !== undefined;
  return {
    limits: { rpm: r.limit ?? d.rpm, itpm: i.limit ?? d.itpm, otpm: o.limit ?? d.otpm },
    available: {
      ...(r.remaining !== undefined && { rpm: r.remaining }),
      ...(i.remaining !== undefined && { itpm: i.remaining }),
      ...(o.remaining !== undefined && { otpm: o.remaining }),
    },
    measured,
  };
}

const codeSpan = (t: string): string => t.replace(/[`\r\n]/g, '');

export function capacityHoverMarkdown(input: CapacityHoverInput): string {
  const { call, fanout, budget } = input;
  const model = call.model ?? input.fallbackModel;
  const lines: string[] = [];
  lines.push(
    `**Headroom** · \`${codeSpan(model)}\` · messages.${call.method}` +
      (call.model === undefined ? ' (model not literal: the monitored model assumed)' : ''),
  );

  // Live headroom, with its age and where it came from.
  const plan = planningLimits(model, budget);
  lines.push('');
  if (budget && plan.measured) {
    const shown = budget.families.filter((f) => ['requests', 'input-tokens', 'output-tokens'].includes(f.id));
    const cells = shown.map((f) => {
      const label = f.id === 'requests' ? 'RPM' : f.id === 'input-tokens' ? 'ITPM' : 'OTPM';
      const left = f.remaining !== undefined ? formatCount(f.remaining) : '—';
      const pct = f.share !== undefined ? ` (${formatPercent(f.share)})` : '';
      return `${label} ${left}/${f.limit !== undefined ? formatCount(f.limit) : '—'}${pct}`;
    });
    const age = Math.min(...shown.map((f) => f.ageMs));
    const source =
      budget.source === 'observed' ? 'observed' : budget.source === 'poll' ? 'measured' : 'simulated';
    lines.push(`Headroom now: ${cells.join(' · ')} — ${source} ${formatDuration(age, 'floor')} ago.`);
  } else {
    const d = plan.limits;
    lines.push(
      `Headroom: nothing measured for this model yet. **Defaults** (Start tier, bundled): ` +
        `${formatCount(d.rpm)} RPM, ${formatCount(d.itpm)} ITPM, ${formatCount(d.otpm)} OTPM.`,
    );
  }

  // Money per call: input estimated from literal text, output bounded by max_tokens.
  const inputTokens = estimateTokens(call.literalChars);
  const inputWords =
    `input ≈ ${formatCount(inputTokens)} tokens estimated from ${formatCount(call.literalChars)} characters of literal prompt/system text` +
    (call.nonLiteral ? ' (content that is not literal is not counted: at least this)' : '');
  const price = callCost(model, inputTokens, call.maxTokens ?? 0, input.overrides);
  lines.push('');
  if (!price) {
    lines.push(`Cost: no price for \`${codeSpan(model)}\` (set \`headroom.cost.priceOverrides\`).`);
  } else if (call.maxTokens === undefined) {
    lines.push(
      `Cost per call: ${formatUsd(price.usd)} for the input (${price.name}; ${inputWords}); output not bounded: \`max_tokens\` is not literal.`,
    );
  } else {
    lines.push(
      `Cost per call: ≤ ${formatUsd(price.usd)} (${price.name}; ${inputWords}; output ≤ max_tokens ${formatCount(call.maxTokens)}).`,
    );
  }

  // A fan-out: time under the limits at its concurrency, the binding limit, the safe concurrency.
  if (fanout) {
    const n = fanout.count ?? UNKNOWN_FANOUT_CALLS;
    const concurrency = fanout.concurrency ?? n;
    const outputTokens = call.maxTokens ?? 1024;
    const latencyMs = input.latencyMs ?? assumedLatencyMs(outputTokens);
    const e = estimateFanout({
      n,
      inputTokens,
      outputTokens,
      concurrency,
      latencyMs,
      limits: plan.limits,
      available: plan.available,
    });
    const what =
      fanout.count !== undefined
        ? `${formatCount(n)} calls`
        : `per ${UNKNOWN_FANOUT_CALLS} calls (count unknown)`;
    const at = fanout.concurrency !== undefined ? `at concurrency ${concurrency}` : 'all at once';
    lines.push('');
    lines.push(
      `**Fan-out** (\`${codeSpan(fanout.callee)}\`), ${what} ${at}: about **${formatDuration(e.seconds * 1000, 'ceil')}** ` +
        `under the ${plan.measured ? 'measured limits' : 'default limits'}; bound by ${LIMIT_WORDS[e.binding]}. ` +
        `Concurrency ≤ **${e.safeConcurrency}** keeps it under the limits.` +
        (price && call.maxTokens !== undefined ? ` Cost ≤ ${formatUsd(price.usd * n)}.` : ''),
    );
    lines.push('');
    lines.push(
      `_Estimated: ${input.latencyMs !== undefined ? `measured latency ${formatCount(latencyMs)} ms` : `latency ${formatCount(latencyMs)} ms assumed`}; output at max_tokens (an upper bound: OTPM counts tokens generated)._`,
    );
  }
  return lines.join('\n');
}
