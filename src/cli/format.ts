import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { RULES, type Severity } from '../core/lint';
import type { CliFinding } from './lintFile';

/** Output formats of `headroom lint`. */
export type OutputFormat = 'text' | 'json' | 'sarif';

/** Counts by severity. */
export interface Totals {
  error: number;
  warning: number;
  info: number;
}

/** Counts findings by severity. */
export function totals(findings: readonly CliFinding[]): Totals {
  const t: Totals = { error: 0, warning: 0, info: 0 };
  for (const f of findings) {
    t[f.severity]++;
  }
  return t;
}

/** `file:line:col: severity [rule] message`, one per line, then a summary. Notebook cells are 1-based. */
export function formatText(findings: readonly CliFinding[], files: number): string {
  const lines = findings.map((f) => {
    const file = printable(f.file);
    const where = f.cell === undefined ? file : `${file}[cell ${f.cell + 1}]`;
    return `${where}:${f.line}:${f.column}: ${f.severity} [${f.rule}] ${f.message}`;
  });
  const t = totals(findings);
  const n = findings.length;
  const filesText = `${files} file${files === 1 ? '' : 's'}`;
  lines.push(
    n === 0
      ? `No problems found in ${filesText}.`
      : `${n} problem${n === 1 ? '' : 's'} (${plural(t.error, 'error')}, ${plural(t.warning, 'warning')}, ${plural(t.info, 'info', 'infos')}) in ${filesText}.`,
  );
  return `${lines.join('\n')}\n`;
}

/** Control characters, DEL, C1 controls and the Unicode line separators and bidi controls. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text from the file system (file names) made safe to print on a line of its own: control
 * characters are escaped (`\x1b`, `\u202e`), so a crafted name cannot fake a finding line,
 * move the cursor or colour the terminal, and a line never starts with `::` (a CI workflow
 * command).
 */
export function printable(text: string): string {
  const escaped = text.replace(UNPRINTABLE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`;
  });
  return escaped.startsWith('::') ? `./${escaped}` : escaped;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** `{"version":1,"files":N,"findings":[...]}` with the documented key order. */
export function formatJson(findings: readonly CliFinding[], files: number): string {
  return `${JSON.stringify({ version: 1, files, findings })}\n`;
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
};

/**
 * SARIF 2.1.0 for GitHub code scanning: every rule with a help URI, results with 1-based
 * regions (UTF-16 columns), artifact URIs relative to `%SRCROOT%` (the working directory).
 */
export function formatSarif(findings: readonly CliFinding[], cwd: string, version: string): string {
  const ruleIndex = new Map(RULES.map((r, i) => [r.id, i]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Headroom',
            version,
            semanticVersion: version,
            informationUri: 'https://github.com/headroom-dev/headroom',
            rules: RULES.map((r) => ({
              id: r.id,
              name: r.id
                .replace(/-(\w)/g, (_m, c: string) => c.toUpperCase())
                .replace(/^\w/, (c) => c.toUpperCase()),
              shortDescription: { text: r.description },
              fullDescription: { text: r.description },
              helpUri: r.docUrl,
              help: {
                text: `${r.description} See ${r.docUrl}`,
                markdown: `${r.description} [Rule documentation](${r.docUrl})`,
              },
              defaultConfiguration: { level: SARIF_LEVEL[r.defaultSeverity] },
              properties: { tags: ['reliability', 'claude-api', 'rate-limits'] },
            })),
          },
        },
        originalUriBaseIds: {
          '%SRCROOT%': { uri: pathToFileURL(cwd.endsWith(path.sep) ? cwd : cwd + path.sep).href },
        },
        columnKind: 'utf16CodeUnits',
        results: findings.map((f) => ({
          ruleId: f.rule,
          ruleIndex: ruleIndex.get(f.rule) ?? 0,
          level: SARIF_LEVEL[f.severity],
          message: {
            text:
              f.cell === undefined ? f.message : `${f.message} (notebook cell ${f.cell + 1}, line ${f.line})`,
          },
          locations: [
            {
              physicalLocation: {
                artifactLocation: artifact(f.file, cwd),
                region: {
                  startLine: f.line,
                  startColumn: f.column,
                  endLine: f.endLine,
                  endColumn: f.endColumn,
                },
              },
            },
          ],
          ...(f.cell === undefined ? {} : { properties: { cell: f.cell } }),
        })),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

function artifact(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  const abs = path.resolve(cwd, file);
  const rel = path.relative(cwd, abs);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) {
    return { uri: pathToFileURL(abs).href };
  }
  return { uri: rel.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}
