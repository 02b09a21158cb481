/**
 * The budget model: what the API last said about each model's limits, and what follows
 * from it (share left, the binding limit, time to full refill, refill rate, an estimate of
 * the present). Limits are per model, so everything is keyed by model id.
 *
 * Measured values (what a response said) and estimated values (what continuous refill
 * implies since then) are kept in separate fields; the estimate never replaces a
 * measurement and never exceeds the limit.
 */
import {
  LIMIT_FAMILIES,
  STANDARD_FAMILIES,
  type LimitFamily,
  type LimitFamilyId,
  type RateLimitSnapshot,
} from './headers';
import type { SourceKind } from './source';

/** The API documents limits per minute; a token bucket refills `limit` per 60 s. */
export const REFILL_WINDOW_MS = 60_000;

/** A family's values as last measured, with when they were measured. */
export interface ObservedFamily extends LimitFamily {
  /** When the response carrying these values arrived, epoch ms. */
  readonly observedAt: number;
}

/** Everything kept about one model. Families absent from later responses keep their older values (and age). */
export interface ModelRecord {
  readonly model: string;
  readonly source: SourceKind;
  readonly families: Readonly<Partial<Record<LimitFamilyId, ObservedFamily>>>;
  /** Last response of any kind for this model, epoch ms. */
  readonly lastAt: number;
  readonly lastStatus?: number;
  readonly lastRequestId?: string;
  /** Last response that carried at least one rate-limit family, epoch ms. */
  readonly lastDataAt?: number;
  readonly organizationId?: string;
  readonly workspaceId?: string;
}

/**
 * Folds one response into a model's record. A family present in the snapshot replaces the
 * stored one wholesale (never mixing old and new fields); absent families are kept.
 */
export function mergeSnapshot(
  previous: ModelRecord | undefined,
  model: string,
  snapshot: RateLimitSnapshot,
  at: number,
  source: SourceKind,
  status?: number,
): ModelRecord {
  const families: Partial<Record<LimitFamilyId, ObservedFamily>> = { ...previous?.families };
  let carriedData = false;
  for (const id of LIMIT_FAMILIES) {
    const family = snapshot.families[id];
    if (family) {
      families[id] = { ...family, observedAt: at };
      carriedData = true;
    }
  }
  const lastDataAt = carriedData ? at : previous?.lastDataAt;
  const lastRequestId = snapshot.requestId ?? previous?.lastRequestId;
  const organizationId = snapshot.organizationId ?? previous?.organizationId;
  const workspaceId = snapshot.workspaceId ?? previous?.workspaceId;
  return {
    model,
    source,
    families,
    lastAt: at,
    ...(status !== undefined && { lastStatus: status }),
    ...(lastRequestId !== undefined && { lastRequestId }),
    ...(lastDataAt !== undefined && { lastDataAt }),
    ...(organizationId !== undefined && { organizationId }),
    ...(workspaceId !== undefined && { workspaceId }),
  };
}

/** One family's numbers at a given moment. */
export interface FamilyBudget {
  readonly id: LimitFamilyId;
  /** Measured: as the response said. */
  readonly limit?: number;
  readonly remaining?: number;
  readonly reset?: Date;
  readonly remainingExceedsLimit: boolean;
  readonly observedAt: number;
  /** How old the measurement is, ms (≥ 0). */
  readonly ageMs: number;
  /** Measured remaining ÷ limit, clamped to [0, 1]; undefined without both values. */
  readonly share?: number;
  /** Time until the bucket is full again (reset − now), clamped to ≥ 0. */
  readonly msUntilFull?: number;
  /** Continuous refill rate of the token bucket: limit per 60 s, in units per second. */
  readonly refillPerSecond?: number;
  /**
   * Estimated remaining now: the measurement plus refill since it was taken, capped at the
   * limit (and equal to the limit once the reset time has passed). It cannot know about
   * traffic after the measurement, so it is an upper bound, not a measurement.
   */
  readonly estimatedRemaining?: number;
  /** `estimatedRemaining` ÷ limit, in [0, 1]. */
  readonly estimatedShare?: number;
}

/** Computes a family's budget at `now`. */
export function familyBudget(id: LimitFamilyId, family: ObservedFamily, now: number): FamilyBudget {
  const { limit, remaining, reset } = family;
  const ageMs = Math.max(0, now - family.observedAt);
  const share = limit !== undefined && remaining !== undefined ? shareOf(remaining, limit) : undefined;
  const msUntilFull = reset !== undefined ? Math.max(0, reset.getTime() - now) : undefined;
  const refillPerSecond = limit !== undefined ? limit / (REFILL_WINDOW_MS / 1000) : undefined;
  let estimatedRemaining: number | undefined;
  if (limit !== undefined && remaining !== undefined && refillPerSecond !== undefined) {
    estimatedRemaining =
      reset !== undefined && now >= reset.getTime()
        ? limit
        : Math.min(limit, Math.floor(remaining + (refillPerSecond * ageMs) / 1000));
  }
  return {
    id,
    ...(limit !== undefined && { limit }),
    ...(remaining !== undefined && { remaining }),
    ...(reset !== undefined && { reset }),
    remainingExceedsLimit: family.remainingExceedsLimit,
    observedAt: family.observedAt,
    ageMs,
    ...(share !== undefined && { share }),
    ...(msUntilFull !== undefined && { msUntilFull }),
    ...(refillPerSecond !== undefined && { refillPerSecond }),
    ...(estimatedRemaining !== undefined && { estimatedRemaining }),
    ...(estimatedRemaining !== undefined &&
      limit !== undefined && { estimatedShare: shareOf(estimatedRemaining, limit) }),
  };
}

/** remaining ÷ limit in [0, 1]; a zero limit means nothing is allowed, so 0. */
export function shareOf(remaining: number, limit: number): number {
  if (!(limit > 0)) return 0;
  return Math.min(1, Math.max(0, remaining / limit));
}

/** One model's budget at a given moment. */
export interface ModelBudget {
  readonly model: string;
  readonly source: SourceKind;
  /** Every family ever seen for this model, in display order. */
  readonly families: readonly FamilyBudget[];
  /**
   * The limit with the least headroom (lowest measured share) among the standard families
   * (requests, input tokens, output tokens, combined tokens) from the latest response that
   * carried rate-limit data. Priority/fast families are separate pools and bind only when
   * no standard family is known. Ties go to the first in display order (requests first).
   */
  readonly binding?: FamilyBudget;
  /** Age of the latest rate-limit data, ms; undefined if none has been seen. */
  readonly dataAgeMs?: number;
  readonly lastAt: number;
  readonly lastStatus?: number;
  readonly lastRequestId?: string;
}

/** Computes a model's budget at `now` from its record. */
export function computeBudget(record: ModelRecord, now: number): ModelBudget {
  const families: FamilyBudget[] = [];
  for (const id of LIMIT_FAMILIES) {
    const family = record.families[id];
    if (family) families.push(familyBudget(id, family, now));
  }
  const fresh = families.filter((f) => f.observedAt === record.lastDataAt);
  const binding = bindingFamily(fresh);
  return {
    model: record.model,
    source: record.source,
    families,
    ...(binding !== undefined && { binding }),
    ...(record.lastDataAt !== undefined && { dataAgeMs: Math.max(0, now - record.lastDataAt) }),
    lastAt: record.lastAt,
    ...(record.lastStatus !== undefined && { lastStatus: record.lastStatus }),
    ...(record.lastRequestId !== undefined && { lastRequestId: record.lastRequestId }),
  };
}

/** The family with the lowest measured share (see `ModelBudget.binding`). */
export function bindingFamily(families: readonly FamilyBudget[]): FamilyBudget | undefined {
  const pick = (ids: readonly LimitFamilyId[]): FamilyBudget | undefined => {
    let best: FamilyBudget | undefined;
    for (const id of ids) {
      const f = families.find((x) => x.id === id);
      if (f?.share === undefined) continue;
      if (best === undefined || f.share < (best.share as number)) best = f;
    }
    return best;
  };
  // Stryker disable next-line MethodExpression: equivalent, no standard family has a share when this pick runs
  return pick(STANDARD_FAMILIES) ?? pick(LIMIT_FAMILIES.filter((id) => !STANDARD_FAMILIES.includes(id)));
}
