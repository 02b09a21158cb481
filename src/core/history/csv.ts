/**
 * The history as CSV (RFC 4180): a header row, then one row per sample in time order,
 * CRLF line ends, fields quoted when they hold a comma, quote or line break, quotes doubled.
 * Times are ISO 8601 (UTC). Empty fields mean "not sent".
 */
import { costOf, priceFor, type PriceOverrides } from '../pricing';
import { HISTORY_FAMILIES, sampleOutcome, type HistorySample } from './sample';

export const CSV_COLUMNS: readonly string[] = [
  'time',
  'model',
  'source',
  'status',
  'outcome',
  'latency_ms',
  'input_tokens',
  'output_tokens',
  ...HISTORY_FAMILIES.flatMap((id) => {
    const name = id.replace(/-/g, '_');
    return [`${name}_limit`, `${name}_remaining`, `${name}_reset`];
  }),
  // Issue 13: the cache token counts and the response's cost at the bundled (or overridden) prices.
  'cache_write_tokens',
  'cache_read_tokens',
  'cost_usd',
];

/** The sample's cost in USD, or undefined without usage or a price (never a guess). */
export function sampleCost(model: string, s: HistorySample, overrides?: PriceOverrides): number | undefined {
  if (s.inputTokens === undefined && s.outputTokens === undefined) return undefined;
  const price = priceFor(model, overrides);
  if (!price) return undefined;
  return costOf(
    {
      input_tokens: s.inputTokens ?? 0,
      output_tokens: s.outputTokens ?? 0,
      cache_creation_input_tokens: s.cacheWriteTokens ?? 0,
      cache_read_input_tokens: s.cacheReadTokens ?? 0,
    },
    price.price,
  );
}

/** Quotes one field per RFC 4180. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first) gets a
 * leading apostrophe. Model ids come from request bodies, so they are not trusted.
 */
export function neutralizeFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function num(value: number | undefined): string {
  return value === undefined ? '' : String(Math.round(value * 1000) / 1000);
}

/** Dollars to a millionth of a cent's precision is noise; eight decimals keep a one-token cost. */
function usd(value: number | undefined): string {
  return value === undefined ? '' : value.toFixed(8);
}

function iso(value: number | undefined): string {
  return value === undefined ? '' : new Date(value).toISOString();
}

/** One CSV row (without the line end) for a sample. */
export function csvRow(model: string, s: HistorySample, overrides?: PriceOverrides): string {
  const fields = [
    iso(s.at),
    neutralizeFormula(model),
    s.source,
    s.status === 0 ? '' : String(s.status),
    sampleOutcome(s),
    num(s.latencyMs),
    num(s.inputTokens),
    num(s.outputTokens),
    ...HISTORY_FAMILIES.flatMap((id) => {
      const f = s.families[id];
      return [num(f?.limit), num(f?.remaining), iso(f?.reset)];
    }),
    num(s.cacheWriteTokens),
    num(s.cacheReadTokens),
    usd(sampleCost(model, s, overrides)),
  ];
  return fields.map(csvField).join(',');
}

/** The whole table: header plus rows sorted by time (stable), each line ending in CRLF. */
export function toCsv(
  entries: Iterable<{ readonly model: string; readonly sample: HistorySample }>,
  overrides?: PriceOverrides,
): string {
  const rows = [...entries].sort((a, b) => a.sample.at - b.sample.at);
  const lines = [CSV_COLUMNS.join(','), ...rows.map((r) => csvRow(r.model, r.sample, overrides))];
  return lines.join('\r\n') + '\r\n';
}
