/**
 * The bundled, dated Claude price table and the arithmetic that turns a response's
 * `usage` into US dollars. No `vscode` here: the extension, the CLI and the tests share it.
 *
 * Source, read on {@link PRICES_AS_OF}: Anthropic's pricing page,
 * https://platform.claude.com/docs/en/about-claude/pricing ("Model pricing": base input,
 * 5-minute cache writes, 1-hour cache writes, cache hits and refreshes, output; "Batch
 * processing": 50% of standard prices), cross-checked against the per-model pages
 * (https://platform.claude.com/docs/en/models/<model>/overview, "Pricing") and
 * ../shared/reference/anthropic-rate-limits.md §6 (Opus 4.5 at $5 base; cache writes 1.25×
 * and 2×, cache reads 0.1× of base, with the exceptions noted per row). Rows whose only
 * copy was a later revision say so. Prices change: a setting
 * (`headroom.cost.priceOverrides`) overrides any field per family or model id.
 */

/** USD per million tokens. */
export interface ModelPrice {
  input: number;
  output: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
  cacheRead: number;
}

/**
 * A price with a second band for long prompts: when a request's prompt (input + cache
 * writes + cache reads) exceeds `threshold` tokens, every token of that request, output
 * included, is billed at `price` (Haiku 5.5 on the pricing page).
 */
export interface BandedModelPrice extends ModelPrice {
  longPrompt?: { threshold: number; price: ModelPrice };
}

/** The date the table below was last checked against the pricing page. */
export const PRICES_AS_OF = '2026-12-06';

/** Message Batches bill every token at 50% of the standard price ([BATCH], pricing page). */
export const BATCH_DISCOUNT = 0.5;

/** A response's `usage` block, as the Messages API returns it. */
export interface Usage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
}

/** Per-family or per-model-id overrides of any price field, from a setting. */
export type PriceOverrides = Record<string, Partial<ModelPrice>>;

/** One row of the table: a family, the model ids it covers, its price. */
export interface PriceRow {
  /** Display name and override key, e.g. `Opus 4.5`. */
  family: string;
  /** Model ids (aliases) of the family; dated snapshots map by prefix. */
  ids: readonly string[];
  price: BandedModelPrice;
}

/** Base price with the standard cache multipliers: 1.25× (5 m write), 2× (1 h write), 0.1× (read). */
function standard(input: number, output: number): ModelPrice {
  return { input, output, cacheWrite5m: input * 1.25, cacheWrite1h: input * 2, cacheRead: input * 0.1 };
}

/** Base price with the standard write multipliers and a non-standard cache-read price. */
function withRead(input: number, output: number, cacheRead: number): ModelPrice {
  return { ...standard(input, output), cacheRead };
}

/**
 * The table, newest generation first. Every number is the pricing page's own figure
 * unless its comment says otherwise.
 */
export const PRICE_TABLE: readonly PriceRow[] = [
  // Pricing page 2026 revision: $10 / $50, 5 m $12.50, 1 h $20, cache hits $0.25 (2.5% of
  // base, footnoted; reference §6 "2.5% of base on Fable 5.1 and Mythos 5.1").
  { family: 'Fable 5.1', ids: ['claude-fable-5-1'], price: withRead(10, 50, 0.25) },
  { family: 'Mythos 5.1', ids: ['claude-mythos-5-1'], price: withRead(10, 50, 0.25) },
  // Pricing page: $10 / $50, 5 m $12.50, 1 h $20, cache hits $1 (standard 0.1×).
  { family: 'Fable 5', ids: ['claude-fable-5'], price: standard(10, 50) },
  { family: 'Mythos 5', ids: ['claude-mythos-5'], price: standard(10, 50) },
  // Opus 5.5 page / pricing page (revision of 2026-09): $4 / $20, 5 m $5, 1 h $8, cache hits
  // $0.20 (5% of base; reference §6 "5% on Opus 5.5").
  { family: 'Opus 5.5', ids: ['claude-opus-5-5'], price: withRead(4, 20, 0.2) },
  // Pricing page and the Opus 5 page: $5 / $25, 5 m $6.25, 1 h $10, cache hits $0.50.
  { family: 'Opus 5', ids: ['claude-opus-5'], price: standard(5, 25) },
  // Pricing page: Opus 4.8, 4.7, 4.6 and 4.5 each $5 / $25 / $6.25 / $10 / $0.50 (reference
  // §6 quotes the Opus 4.5 page with the same figures).
  {
    family: 'Opus 4.5',
    ids: ['claude-opus-4-8', 'claude-opus-4-7', 'claude-opus-4-6', 'claude-opus-4-5'],
    price: standard(5, 25),
  },
  // Pricing page: Opus 4.1 and Opus 4 $15 / $75, 5 m $18.75, 1 h $30, cache hits $1.50
  // (retired except on Bedrock and Google Cloud); Opus 3 the same.
  {
    family: 'Opus 4',
    ids: ['claude-opus-4-1', 'claude-opus-4-0', 'claude-opus-4', 'claude-3-opus'],
    price: standard(15, 75),
  },
  // Pricing page (revision of 2026-10): Sonnet 5.5 $2 / $10, 5 m $2.50, 1 h $4; cache hits cut
  // to $0.10 (5% of base) on 2026-10-07.
  { family: 'Sonnet 5.5', ids: ['claude-sonnet-5-5'], price: withRead(2, 10, 0.1) },
  // Pricing page and the models overview: Sonnet 5 $2 / $10, 5 m $2.50, 1 h $4, hits $0.20.
  { family: 'Sonnet 5', ids: ['claude-sonnet-5'], price: standard(2, 10) },
  // Pricing page: Sonnet 4.6, 4.5, 4 and 3.7 each $3 / $15 / $3.75 / $6 / $0.30. (Sonnet 4.5
  // and 4 bill prompts over 200K tokens at a long-context rate when the 1M beta is on; not
  // modelled: the beta header is not visible in usage.)
  {
    family: 'Sonnet 4',
    ids: [
      'claude-sonnet-4-6',
      'claude-sonnet-4-5',
      'claude-sonnet-4-0',
      'claude-sonnet-4',
      'claude-3-7-sonnet',
    ],
    price: standard(3, 15),
  },
  // Pricing page (revision of 2026-10): Haiku 5.5 "from $0.10 / $0.50": prompts up to 100,000
  // tokens $0.10 / $0.50, 5 m $0.125, 1 h $0.20, hits $0.01; longer prompts $0.50 / $2.50,
  // 5 m $0.625, 1 h $1, hits $0.05, on every token of the request.
  {
    family: 'Haiku 5.5',
    ids: ['claude-haiku-5-5'],
    price: { ...standard(0.1, 0.5), longPrompt: { threshold: 100_000, price: standard(0.5, 2.5) } },
  },
  // Pricing page and issue 13: Haiku 4.5 $1 / $5, 5 m $1.25, 1 h $2, hits $0.10.
  { family: 'Haiku 4.5', ids: ['claude-haiku-4-5'], price: standard(1, 5) },
  // Pricing page: Haiku 3.5 $0.80 / $4, 5 m $1, 1 h $1.60, hits $0.08.
  { family: 'Haiku 3.5', ids: ['claude-3-5-haiku'], price: standard(0.8, 4) },
  // Pricing page: Haiku 3 $0.25 / $1.25, 5 m $0.30, 1 h $0.50, hits $0.03 (not the standard
  // multipliers: the page's own figures).
  {
    family: 'Haiku 3',
    ids: ['claude-3-haiku'],
    price: { input: 0.25, output: 1.25, cacheWrite5m: 0.3, cacheWrite1h: 0.5, cacheRead: 0.03 },
  },
];
// Not priced (unknown → undefined, never a guess): `claude-mythos-preview` (no published
// per-token price found), and any id not matched above.

/**
 * The bare model id: lower case, without a platform prefix (`us.anthropic.`, `anthropic.`),
 * a Vertex `@date`, a Bedrock `-v1:0`, a `[1m]` context marker, `-latest`, or a dated
 * snapshot suffix (`-20251001`).
 */
export function normalizeModelId(model: string): string {
  let id = model.trim().toLowerCase();
  id = id.replace(/^(?:[a-z]{2,4}\.)?anthropic\./, '');
  id = id.replace(/\[[^\]]*\]$/, '');
  id = id.replace(/@\d{8}$/, '');
  id = id.replace(/-v\d+(?::\d+)?$/, '');
  id = id.replace(/-latest$/, '');
  id = id.replace(/-\d{8}$/, '');
  return id;
}

/**
 * A model's own name from its id (`claude-sonnet-4-6` → `Sonnet 4.6`, `claude-3-opus` →
 * `Opus 3`, `claude-opus-4-0` → `Opus 4`), for messages that name the model a price is for:
 * a table row's family groups models of one price (`Sonnet 4` covers 4.6 to 3.7). Undefined
 * when the id has no such shape.
 */
export function modelName(model: string): string | undefined {
  const id = normalizeModelId(model);
  const m =
    /^claude-(opus|sonnet|haiku|fable|mythos)-(\d+)(?:-(\d))?$/.exec(id) ??
    /^claude-(\d+)(?:-(\d))?-(opus|sonnet|haiku)$/.exec(id);
  if (!m) {
    return undefined;
  }
  const [tier, major, minor] = /^\d/.test(m[1]) ? [m[3], m[1], m[2]] : [m[1], m[2], m[3]];
  return `${tier[0].toUpperCase()}${tier.slice(1)} ${major}${minor && minor !== '0' ? `.${minor}` : ''}`;
}

/** The table row for a model id, or undefined when the id is not one the table knows. */
export function rowFor(model: string): PriceRow | undefined {
  const id = normalizeModelId(model);
  return PRICE_TABLE.find((row) => row.ids.includes(id));
}

function isCompletePrice(p: Partial<ModelPrice>): p is ModelPrice {
  return (['input', 'output', 'cacheWrite5m', 'cacheWrite1h', 'cacheRead'] as const).every(
    (k) => typeof p[k] === 'number' && Number.isFinite(p[k]) && (p[k] as number) >= 0,
  );
}

/** Only finite, non-negative numbers from an override (the setting is user input). */
function cleanOverride(raw: Partial<ModelPrice> | undefined): Partial<ModelPrice> {
  const out: Partial<ModelPrice> = {};
  if (raw === null || typeof raw !== 'object') return out;
  for (const k of ['input', 'output', 'cacheWrite5m', 'cacheWrite1h', 'cacheRead'] as const) {
    const v = raw[k];
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0) out[k] = v;
  }
  return out;
}

function findOverride(overrides: PriceOverrides | undefined, keys: readonly string[]): Partial<ModelPrice> {
  if (!overrides) return {};
  const wanted = keys.map((k) => k.toLowerCase());
  let merged: Partial<ModelPrice> = {};
  // Family first, then the model id, so a per-model override wins over its family's.
  for (const key of wanted) {
    for (const [k, v] of Object.entries(overrides)) {
      if (k.trim().toLowerCase() === key) merged = { ...merged, ...cleanOverride(v) };
    }
  }
  return merged;
}

/**
 * The price of a model: the table's row (by alias, dated id or platform id) with any
 * override applied. An override keyed by family (`"Haiku 4.5"`) or model id applies to
 * any field it names. An id the table does not know is priced only by a complete
 * override for that id (all five fields); otherwise undefined, never a guess.
 */
export function priceFor(
  model: string,
  overrides?: PriceOverrides,
): { family: string; price: ModelPrice } | undefined {
  const row = rowFor(model);
  const id = normalizeModelId(model);
  if (!row) {
    const own = findOverride(overrides, [id, model]);
    return isCompletePrice(own) ? { family: model, price: own } : undefined;
  }
  const override = findOverride(overrides, [row.family, id, model]);
  if (Object.keys(override).length === 0) return { family: row.family, price: row.price };
  // An override replaces the long-prompt band too: enterprise prices are one flat rate.
  const { input, output, cacheWrite5m, cacheWrite1h, cacheRead } = row.price;
  return { family: row.family, price: { input, output, cacheWrite5m, cacheWrite1h, cacheRead, ...override } };
}

/** Tokens in a request's prompt: input plus cache writes plus cache reads (reference §3.3). */
export function promptTokens(usage: Usage): number {
  return usage.input_tokens + (usage.cache_creation_input_tokens ?? 0) + (usage.cache_read_input_tokens ?? 0);
}

/**
 * The cost in USD of one response's usage. Cache writes are billed at the 5-minute rate
 * unless `cacheWriteTtl: '1h'` (the usage block's total does not say which TTL was used);
 * `batch` applies {@link BATCH_DISCOUNT} to every token.
 */
export function costOf(
  usage: Usage,
  price: ModelPrice,
  options: { batch?: boolean; cacheWriteTtl?: '5m' | '1h' } = {},
): number {
  const band = (price as BandedModelPrice).longPrompt;
  const p = band && promptTokens(usage) > band.threshold ? band.price : price;
  const write = options.cacheWriteTtl === '1h' ? p.cacheWrite1h : p.cacheWrite5m;
  const dollars =
    (nonNegative(usage.input_tokens) * p.input +
      nonNegative(usage.output_tokens) * p.output +
      nonNegative(usage.cache_creation_input_tokens) * write +
      nonNegative(usage.cache_read_input_tokens) * p.cacheRead) /
    1_000_000;
  return options.batch ? dollars * BATCH_DISCOUNT : dollars;
}

/**
 * What cache reads saved against the base input price: the tokens read from the cache
 * times (input − cacheRead) per million. Zero without cache reads.
 */
export function cacheSavingsOf(usage: Usage, price: ModelPrice, options: { batch?: boolean } = {}): number {
  const band = (price as BandedModelPrice).longPrompt;
  const p = band && promptTokens(usage) > band.threshold ? band.price : price;
  const saved = (nonNegative(usage.cache_read_input_tokens) * (p.input - p.cacheRead)) / 1_000_000;
  return options.batch ? saved * BATCH_DISCOUNT : saved;
}

function nonNegative(n: number | null | undefined): number {
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : 0;
}
