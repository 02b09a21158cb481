/**
 * The history as CSV (RFC 4180): a header row, then one row per sample in time order,
 * CRLF line ends, fields quoted when they hold a comma, quote or line break, quotes doubled.
 * Times are ISO 8601 (UTC). Empty fields mean "not sent".
 */
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
];

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

function iso(value: number | undefined): string {
  return value === undefined ? '' : new Date(value).toISOString();
}

/** One CSV row (without the line end) for a sample. */
export function csvRow(model: string, s: HistorySample): string {
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
  ];
  return fields.map(csvField).join(',');
}

/** The whole table: header plus rows sorted by time (stable), each line ending in CRLF. */
export function toCsv(entries: Iterable<{ readonly model: string; readonly sample: HistorySample }>): string {
  const rows = [...entries].sort((a, b) => a.sample.at - b.sample.at);
  const lines = [CSV_COLUMNS.join(','), ...rows.map((r) => csvRow(r.model, r.sample))];
  return lines.join('\r\n') + '\r\n';
}
