import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { RULES, type Severity } from '../core/lint';
import type { CliFinding } from './lintFile';
import { ruleHelp } from './ruleHelp';

/** Output formats of `headroom lint`. */
export const OUTPUT_FORMATS = ['text', 'json', 'sarif', 'github', 'gitlab'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

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
  const inTests = findings.filter((f) => f.testCode).length;
  lines.push(
    n === 0
      ? `No problems found in ${filesText}.`
      : `${n} problem${n === 1 ? '' : 's'} (${plural(t.error, 'error')}, ${plural(t.warning, 'warning')}, ${plural(t.info, 'info', 'infos')}) in ${filesText}` +
          (inTests > 0 ? `; ${inTests} of them in test code.` : '.'),
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
 * SARIF 2.1.0 for GitHub code scanning: every rule with a help URI and its page as help text
 * and Markdown (bundled, so no website is needed), results with 1-based
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
              // The rule's own page, so code scanning shows it with no website to reach.
              help: ruleHelp(r.id) ?? {
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

/** Where a finding is, for the CI formats: a forward-slash path relative to `cwd` when inside it. */
function ciPath(file: string, cwd: string): string {
  const abs = path.resolve(cwd, file);
  const rel = path.relative(cwd, abs);
  return rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? abs : rel.split(path.sep).join('/');
}

/** The message, naming the notebook cell when there is one (the line is the cell's). */
function ciMessage(f: CliFinding): string {
  return f.cell === undefined ? f.message : `${f.message} (notebook cell ${f.cell + 1}, line ${f.line})`;
}

const GITHUB_LEVEL: Record<Severity, 'error' | 'warning' | 'notice'> = {
  error: 'error',
  warning: 'warning',
  info: 'notice',
};

/** A workflow command's message, escaped as the runner unescapes it (`%`, CR, LF). */
export function escapeGithubData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's property value: as the message, plus `:` and `,`. */
export function escapeGithubProperty(text: string): string {
  return escapeGithubData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * GitHub Actions workflow commands (`::error file=…,line=…::message`), one per finding, so
 * a job's log turns into annotations on the changed lines. Notebook findings point at the
 * file (cell lines are not file lines) and name the cell in the message.
 */
export function formatGithub(findings: readonly CliFinding[], cwd: string): string {
  const lines = findings.map((f) => {
    const props: Array<[string, string | number]> = [['file', ciPath(f.file, cwd)]];
    if (f.cell === undefined) {
      props.push(['line', f.line], ['endLine', f.endLine]);
      // Columns only within one line, as GitHub documents.
      if (f.endLine === f.line) props.push(['col', f.column], ['endColumn', f.endColumn]);
    }
    props.push(['title', `Headroom ${f.rule}`]);
    const properties = props.map(([k, v]) => `${k}=${escapeGithubProperty(String(v))}`).join(',');
    return `::${GITHUB_LEVEL[f.severity]} ${properties}::${escapeGithubData(ciMessage(f))}`;
  });
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

const GITLAB_SEVERITY: Record<Severity, 'major' | 'minor' | 'info'> = {
  error: 'major',
  warning: 'minor',
  info: 'info',
};

/**
 * GitLab Code Quality report (a JSON array of Code Climate issues): `description`,
 * `check_name`, `fingerprint`, `severity` and `location.path` + `location.lines.begin`.
 * The fingerprint is stable across runs and line moves (rule, path, message, cell, and the
 * occurrence count of that combination), so GitLab can tell new findings from old ones.
 */
export function formatGitlab(findings: readonly CliFinding[], cwd: string): string {
  const seen = new Map<string, number>();
  const issues = findings.map((f) => {
    const file = ciPath(f.file, cwd);
    const key = JSON.stringify([f.rule, file, f.message, f.cell ?? null]);
    const nth = seen.get(key) ?? 0;
    seen.set(key, nth + 1);
    return {
      type: 'issue',
      check_name: f.rule,
      description: ciMessage(f),
      categories: ['Bug Risk'],
      fingerprint: createHash('md5').update(`${key}#${nth}`).digest('hex'),
      severity: GITLAB_SEVERITY[f.severity],
      location: { path: file, lines: { begin: f.cell === undefined ? f.line : 1 } },
    };
  });
  return `${JSON.stringify(issues, null, 2)}\n`;
}
