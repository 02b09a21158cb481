/**
 * Parses the Claude API's rate-limit response headers into a typed snapshot.
 *
 * The contract (`anthropic-rate-limits.md` §1): every family may be missing, values may be
 * malformed or replaced by placeholders in recordings, and names arrive in any case. The
 * snapshot therefore holds only values that parsed cleanly: a count is a non-negative safe
 * integer, a reset is a valid RFC 3339 instant, and anything else is `undefined` (its header
 * name is listed in `malformed`). Nothing is ever `NaN`, and nothing is guessed.
 */

/** The rate-limit families the API documents, by the middle part of their header names. */
export type LimitFamilyId =
  | 'requests'
  | 'tokens'
  | 'input-tokens'
  | 'output-tokens'
  | 'priority-input-tokens'
  | 'priority-output-tokens'
  | 'fast-input-tokens'
  | 'fast-output-tokens';

/** Every family, in display order (the standard four first). */
export const LIMIT_FAMILIES: readonly LimitFamilyId[] = [
  'requests',
  'input-tokens',
  'output-tokens',
  'tokens',
  'priority-input-tokens',
  'priority-output-tokens',
  'fast-input-tokens',
  'fast-output-tokens',
];

/** The families that describe the standard per-model RPM / ITPM / OTPM limits. */
export const STANDARD_FAMILIES: readonly LimitFamilyId[] = [
  'requests',
  'input-tokens',
  'output-tokens',
  'tokens',
];

/** Long names for sentences and the tooltip. */
export const FAMILY_NAMES: Readonly<Record<LimitFamilyId, string>> = {
  requests: 'requests per minute',
  tokens: 'tokens per minute (input + output)',
  'input-tokens': 'input tokens per minute',
  'output-tokens': 'output tokens per minute',
  'priority-input-tokens': 'Priority Tier input tokens per minute',
  'priority-output-tokens': 'Priority Tier output tokens per minute',
  'fast-input-tokens': 'fast-mode input tokens per minute',
  'fast-output-tokens': 'fast-mode output tokens per minute',
};

/** Short labels for the status bar (`82% RPM`, `12% out TPM`). */
export const FAMILY_SHORT_LABELS: Readonly<Record<LimitFamilyId, string>> = {
  requests: 'RPM',
  tokens: 'TPM',
  'input-tokens': 'in TPM',
  'output-tokens': 'out TPM',
  'priority-input-tokens': 'prio in TPM',
  'priority-output-tokens': 'prio out TPM',
  'fast-input-tokens': 'fast in TPM',
  'fast-output-tokens': 'fast out TPM',
};

/** The header-name prefix of each family; `limit`, `remaining` and `reset` follow it. */
export const FAMILY_HEADER_PREFIX: Readonly<Record<LimitFamilyId, string>> = {
  requests: 'anthropic-ratelimit-requests-',
  tokens: 'anthropic-ratelimit-tokens-',
  'input-tokens': 'anthropic-ratelimit-input-tokens-',
  'output-tokens': 'anthropic-ratelimit-output-tokens-',
  'priority-input-tokens': 'anthropic-priority-input-tokens-',
  'priority-output-tokens': 'anthropic-priority-output-tokens-',
  'fast-input-tokens': 'anthropic-fast-input-tokens-',
  'fast-output-tokens': 'anthropic-fast-output-tokens-',
};

/** One family's values as sent. Any field may be undefined when absent or malformed. */
export interface LimitFamily {
  /** Maximum in the rate-limit period (per minute). */
  readonly limit?: number;
  /** Left before the limit bites. Token families are rounded to thousands by the API. */
  readonly remaining?: number;
  /** When the bucket will be fully replenished (not a window boundary: the bucket refills continuously). */
  readonly reset?: Date;
  /**
   * True when both values parsed and `remaining > limit`. Both are kept as sent: token
   * `remaining` is rounded to the nearest thousand, so a limit that is not a multiple of
   * 1,000 can legitimately be "exceeded", and a limit can drop mid-window. Consumers clamp
   * the share to 1 rather than discard a real measurement.
   */
  readonly remainingExceedsLimit: boolean;
}

/** Everything rate-limit related that one response said. */
export interface RateLimitSnapshot {
  /** Only the families that had at least one valid field. */
  readonly families: Readonly<Partial<Record<LimitFamilyId, LimitFamily>>>;
  /** `retry-after` given as (non-negative) seconds. The API documents integers; SDKs accept decimals. */
  readonly retryAfterSeconds?: number;
  /** `retry-after` given as an HTTP date (allowed by RFC 9110, handled by the SDKs). */
  readonly retryAfterDate?: Date;
  /** `retry-after-ms` (undocumented by the API; both SDKs read it first when present). */
  readonly retryAfterMs?: number;
  /** `request-id` when it looks like a real id (`req_…`); placeholders are dropped. */
  readonly requestId?: string;
  /** `anthropic-organization-id` unless it is a placeholder such as `<redacted>`. */
  readonly organizationId?: string;
  /** `anthropic-workspace-id` when it looks like a real id (`wrkspc_…`). */
  readonly workspaceId?: string;
  /** `x-should-retry`: the server's explicit retry hint (`true`/`false`), else undefined. */
  readonly shouldRetry?: boolean;
  /** The HTTP `Date` header: the server's clock, useful to spot local clock skew. */
  readonly serverDate?: Date;
  /** Lower-cased names of recognised headers that were present but rejected. */
  readonly malformed: readonly string[];
}

/** A Fetch `Headers`, a `Map`, or anything with the same `get`/`forEach` shape. */
export interface HeadersLike {
  get(name: string): string | null | undefined;
  forEach(callback: (value: string, key: string) => void): void;
}

/** Node's `IncomingHttpHeaders` and plain objects. */
export type HeaderRecord = Readonly<Record<string, string | readonly string[] | number | undefined>>;

/** Every header shape the parser accepts. */
export type HeaderInput = HeadersLike | HeaderRecord | Iterable<readonly [string, string]>;

/** Collects every value of every header under its lower-cased name. */
export function normalizeHeaders(input: HeaderInput | null | undefined): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (name: unknown, value: unknown): void => {
    if (typeof name !== 'string') return;
    const values = Array.isArray(value) ? (value as unknown[]) : [value];
    for (const v of values) {
      if (typeof v !== 'string' && typeof v !== 'number') continue;
      const key = name.trim().toLowerCase();
      const list = out.get(key);
      if (list) list.push(String(v));
      else out.set(key, [String(v)]);
    }
  };
  if (input == null || typeof input !== 'object') return out;
  if (isHeadersLike(input)) {
    input.forEach((value, key) => add(key, value));
  } else if (Symbol.iterator in input) {
    for (const entry of input as Iterable<unknown>) {
      if (Array.isArray(entry) && entry.length >= 2) add(entry[0], entry[1]);
    }
  } else {
    for (const [key, value] of Object.entries(input as HeaderRecord)) add(key, value);
  }
  return out;
}

function isHeadersLike(input: object): input is HeadersLike {
  const candidate = input as Partial<HeadersLike>;
  return typeof candidate.get === 'function' && typeof candidate.forEach === 'function';
}

/**
 * Parses one response's headers. Never throws, whatever the input.
 */
export function parseRateLimitHeaders(input: HeaderInput | null | undefined): RateLimitSnapshot {
  let headers: Map<string, string[]>;
  try {
    headers = normalizeHeaders(input);
  } catch {
    // A hostile Headers-like object (throwing getter or forEach) yields an empty snapshot.
    headers = new Map();
  }
  const malformed: string[] = [];

  /** The single value of a comma-free header, or undefined when absent or ambiguous. */
  const single = (name: string, splitCommas: boolean): string | undefined => {
    const raw = headers.get(name);
    if (!raw) return undefined;
    const parts = (splitCommas ? raw.flatMap((v) => v.split(',')) : raw).map((v) => v.trim());
    const first = parts[0];
    if (first === undefined || first === '' || parts.some((p) => p !== first)) {
      malformed.push(name);
      return undefined;
    }
    return first;
  };
  const field = <T>(name: string, parse: (v: string) => T | undefined, splitCommas = true): T | undefined => {
    const value = single(name, splitCommas);
    if (value === undefined) return undefined;
    const parsed = parse(value);
    if (parsed === undefined) malformed.push(name);
    return parsed;
  };

  const families: Partial<Record<LimitFamilyId, LimitFamily>> = {};
  for (const id of LIMIT_FAMILIES) {
    const prefix = FAMILY_HEADER_PREFIX[id];
    const limit = field(`${prefix}limit`, parseCount);
    const remaining = field(`${prefix}remaining`, parseCount);
    const reset = field(`${prefix}reset`, parseRfc3339);
    if (limit === undefined && remaining === undefined && reset === undefined) continue;
    families[id] = {
      ...(limit !== undefined && { limit }),
      ...(remaining !== undefined && { remaining }),
      ...(reset !== undefined && { reset }),
      remainingExceedsLimit: limit !== undefined && remaining !== undefined && remaining > limit,
    };
  }

  let retryAfterSeconds: number | undefined;
  let retryAfterDate: Date | undefined;
  const retryAfter = single('retry-after', false);
  if (retryAfter !== undefined) {
    retryAfterSeconds = parseNonNegativeDecimal(retryAfter, MAX_RETRY_AFTER_SECONDS);
    if (retryAfterSeconds === undefined) retryAfterDate = parseHttpDate(retryAfter);
    if (retryAfterSeconds === undefined && retryAfterDate === undefined) malformed.push('retry-after');
  }
  const retryAfterMs = field('retry-after-ms', (v) =>
    parseNonNegativeDecimal(v, MAX_RETRY_AFTER_SECONDS * 1000),
  );
  const requestId = field('request-id', (v) => (REQUEST_ID.test(v) ? v : undefined));
  const organizationId = field('anthropic-organization-id', parseOpaqueId);
  const workspaceId = field('anthropic-workspace-id', (v) => (WORKSPACE_ID.test(v) ? v : undefined));
  const shouldRetry = field('x-should-retry', (v) => {
    const lower = v.toLowerCase();
    return lower === 'true' ? true : lower === 'false' ? false : undefined;
  });
  const serverDate = field('date', parseHttpDate, false);

  return {
    families,
    ...(retryAfterSeconds !== undefined && { retryAfterSeconds }),
    ...(retryAfterDate !== undefined && { retryAfterDate }),
    ...(retryAfterMs !== undefined && { retryAfterMs }),
    ...(requestId !== undefined && { requestId }),
    ...(organizationId !== undefined && { organizationId }),
    ...(workspaceId !== undefined && { workspaceId }),
    ...(shouldRetry !== undefined && { shouldRetry }),
    ...(serverDate !== undefined && { serverDate }),
    malformed,
  };
}

/** True when the snapshot carries at least one rate-limit family. */
export function hasRateLimitData(snapshot: RateLimitSnapshot): boolean {
  return Object.keys(snapshot.families).length > 0;
}

/**
 * When the server allows the next attempt, in epoch ms, following the SDKs' precedence:
 * a positive `retry-after-ms` first, then `retry-after` (seconds or HTTP date).
 * `receivedAt` is when the response arrived. Undefined when the response said nothing.
 */
export function retryAfterUntil(snapshot: RateLimitSnapshot, receivedAt: number): number | undefined {
  const asked = retryAfterAsked(snapshot, receivedAt);
  return asked === undefined ? undefined : Math.min(asked, receivedAt + MAX_RETRY_WAIT_MS);
}

/**
 * The longest wait Headroom honours, ms: seven days, the longest window the API limits
 * (real 429s carry hours, e.g. `retry-after: 13262` on a subscription's 5-hour window).
 * A larger value (`retry-after: 999999999`, a date in 2099) is a broken or hostile server;
 * waiting it out would freeze the status bar on a countdown of years.
 */
export const MAX_RETRY_WAIT_MS = 7 * 24 * 60 * 60_000;

/** Whether the server asked for a wait longer than {@link MAX_RETRY_WAIT_MS} (said in the tooltip). */
export function retryAfterTooLong(snapshot: RateLimitSnapshot, receivedAt: number): boolean {
  const asked = retryAfterAsked(snapshot, receivedAt);
  return asked !== undefined && asked > receivedAt + MAX_RETRY_WAIT_MS;
}

function retryAfterAsked(snapshot: RateLimitSnapshot, receivedAt: number): number | undefined {
  if (snapshot.retryAfterMs !== undefined && snapshot.retryAfterMs > 0) {
    return receivedAt + snapshot.retryAfterMs;
  }
  if (snapshot.retryAfterSeconds !== undefined) return receivedAt + snapshot.retryAfterSeconds * 1000;
  if (snapshot.retryAfterDate !== undefined) return snapshot.retryAfterDate.getTime();
  return undefined;
}

/** A retry-after beyond this (about 31 years) is not a plausible instruction. */
const MAX_RETRY_AFTER_SECONDS = 1e9;
const REQUEST_ID = /^req_[A-Za-z0-9]{6,128}$/;
const WORKSPACE_ID = /^wrkspc_[A-Za-z0-9]{4,128}$/;
const OPAQUE_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{3,127}$/;
/** Sanitiser placeholders seen in recordings: `REQUEST-ID-XXX`, `<redacted>`, `[REDACTED]`. */
const PLACEHOLDER = /(^|[^A-Za-z0-9])X{3,}([^A-Za-z0-9]|$)|redacted/i;

/** A non-negative safe integer written as plain digits, else undefined. */
export function parseCount(value: string): number | undefined {
  const v = value.trim();
  if (!/^\d{1,16}$/.test(v)) return undefined;
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** A non-negative decimal (`12`, `1.5`) no greater than `max`, else undefined. */
export function parseNonNegativeDecimal(value: string, max: number): number | undefined {
  const v = value.trim();
  if (!/^\d{1,16}(\.\d{1,9})?$/.test(v)) return undefined;
  const n = Number(v);
  return Number.isFinite(n) && n <= max ? n : undefined;
}

function parseOpaqueId(value: string): string | undefined {
  return OPAQUE_ID.test(value) && !PLACEHOLDER.test(value) ? value : undefined;
}

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/** A strict RFC 3339 timestamp (calendar-checked), else undefined. */
export function parseRfc3339(value: string): Date | undefined {
  const m = RFC3339.exec(value.trim());
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (year < 1970 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  let offsetMinutes = 0;
  if (m[8] === undefined) {
    const oh = Number(m[10]);
    const om = Number(m[11]);
    if (oh > 23 || om > 59) return undefined;
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const fraction = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
  const ms = Date.UTC(year, month - 1, day, hour, minute, second, fraction) - offsetMinutes * 60_000;
  return Number.isFinite(ms) ? new Date(ms) : undefined;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** IMF-fixdate: `Sun, 06 Nov 1994 08:49:37 GMT`. */
const IMF_FIXDATE = /^[A-Za-z]{3}, (\d{2}) ([A-Za-z]{3}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
/** Obsolete RFC 850: `Sunday, 06-Nov-94 08:49:37 GMT`. */
const RFC850 = /^[A-Za-z]{6,9}, (\d{2})-([A-Za-z]{3})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
/** Obsolete asctime: `Sun Nov  6 08:49:37 1994`. */
const ASCTIME = /^[A-Za-z]{3} ([A-Za-z]{3}) ([ \d]\d) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/;

/** An HTTP date in any of the three RFC 9110 forms, else undefined. */
export function parseHttpDate(value: string): Date | undefined {
  const v = value.trim();
  let parts: [string, string, string, string, string, string] | undefined; // day, mon, year, h, m, s
  let m = IMF_FIXDATE.exec(v);
  if (m) parts = [m[1]!, m[2]!, m[3]!, m[4]!, m[5]!, m[6]!];
  else if ((m = RFC850.exec(v))) {
    const yy = Number(m[3]);
    parts = [m[1]!, m[2]!, String(yy < 70 ? 2000 + yy : 1900 + yy), m[4]!, m[5]!, m[6]!];
  } else if ((m = ASCTIME.exec(v))) parts = [m[2]!.trim(), m[1]!, m[6]!, m[3]!, m[4]!, m[5]!];
  if (!parts) return undefined;
  const month = MONTHS.indexOf(parts[1].toLowerCase()) + 1;
  if (month === 0) return undefined;
  const pad = (s: string): string => s.padStart(2, '0');
  return parseRfc3339(
    `${parts[2]}-${pad(String(month))}-${pad(parts[0])}T${pad(parts[3])}:${pad(parts[4])}:${pad(parts[5])}Z`,
  );
}
