// Scoring for the real-world corpus (issue 18): labelled sites against the linter's findings,
// precision and recall per rule. Used by the unit test over the reproductions
// (realworld.test.ts) and by `npm run eval:real` over the original files (scripts/eval-real.mjs).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LintEngine } from '../../../src/core/lint';
import { lintFile } from '../../../src/cli/lintFile';

/** test/realworld at the repository root (out/test/unit/realworld -> four levels up). */
export const realworldDir = path.resolve(__dirname, '../../../../test/realworld');

/** What a label says about a site: a finding belongs there, must not be there, or is not scored. */
export type Expect = 'positive' | 'negative' | 'ignore';

/** One labelled site. Lines are 1-based; `cell` is the index in a notebook's `cells` array. */
export interface SiteLabel {
  rule: string;
  line: number;
  cell?: number;
  /** Other lines a finding for this site may start on (for example the `def` of a recursive retry). */
  alt?: number[];
  expect: Expect;
  note?: string;
}

/**
 * The corpus's splits, in the order figures are printed: `tune` (engine work is tuned on it),
 * `holdout` (set aside from the first batches, seen since), `fresh` to `fresh43`
 * (later batches labelled and set aside whole, each scored once at the end of the work it
 * measures).
 * README: "The split".
 */
export const SPLITS = [
  'tune',
  'holdout',
  'fresh',
  'fresh2',
  'fresh3',
  'fresh4',
  'fresh5',
  'fresh6',
  'fresh7',
  'fresh8',
  'fresh9',
  'fresh10',
  'fresh11',
  'fresh12',
  'fresh13',
  'fresh14',
  'fresh15',
  'fresh16',
  'fresh17',
  'fresh18',
  'fresh19',
  'fresh20',
  'fresh21',
  'fresh22',
  'fresh23',
  'fresh24',
  'fresh25',
  'fresh26',
  'fresh27',
  'fresh28',
  'fresh29',
  'fresh30',
  'fresh31',
  'fresh32',
  'fresh33',
  'fresh34',
  'fresh35',
  'fresh36',
  'fresh37',
  'fresh38',
  'fresh39',
  'fresh40',
  'fresh41',
  'fresh42',
  'fresh43',
] as const;
export type Split = (typeof SPLITS)[number];

/** One source file of sources.json. */
export interface SourceEntry {
  repository: string;
  path: string;
  commit: string;
  language: string;
  split: Split;
  labels: SiteLabel[];
  /**
   * Other files of the repository the labels depend on (an imported retry wrapper): extracted
   * beside the file, so the lint reads them as the project's own modules (README: "Labels").
   */
  deps?: string[];
}

/** test/realworld/sources.json. */
export interface Sources {
  holdout: string[];
  files: SourceEntry[];
}

/** A finding reduced to what matching needs (1-based line). */
export interface Reported {
  rule: string;
  line: number;
  cell?: number;
}

/** Per rule: true/false positives, misses, and how many negative sites drew a finding. */
export interface Counts {
  tp: number;
  fp: number;
  fn: number;
  negativesHit: number;
  negatives: number;
}

export type RuleCounts = Record<string, Counts>;

/** Precision and recall of one rule; null where undefined (no findings, or no positives). */
export interface Figures {
  precision: number | null;
  recall: number | null;
}

export type Scores = Record<string, Figures>;

export function readSources(): Sources {
  return JSON.parse(fs.readFileSync(path.join(realworldDir, 'sources.json'), 'utf8')) as Sources;
}

const empty = (): Counts => ({ tp: 0, fp: 0, fn: 0, negativesHit: 0, negatives: 0 });

function at(label: SiteLabel, f: Reported): boolean {
  return (
    label.rule === f.rule &&
    label.cell === f.cell &&
    (label.line === f.line || (label.alt ?? []).includes(f.line))
  );
}

/** How one file's findings fall on its labels. */
interface Matched {
  /** Findings on positive sites (one per site). */
  hits: Reported[];
  /** Findings on no positive or ignored site; `label` is the negative site it hit, if any. */
  falseAlarms: Array<{ finding: Reported; label?: SiteLabel }>;
  /** Positive sites that drew no finding. */
  missed: SiteLabel[];
}

/**
 * A finding matches a label by rule, cell and line (or one of the label's `alt` lines); each
 * positive label takes at most one finding, so a second finding for the same site is a false
 * alarm. Findings on `ignore` sites are not scored.
 */
function match(labels: readonly SiteLabel[], findings: readonly Reported[]): Matched {
  const open = labels.filter((l) => l.expect === 'positive');
  const out: Matched = { hits: [], falseAlarms: [], missed: open };
  for (const f of findings) {
    const hit = open.findIndex((l) => at(l, f));
    if (hit >= 0) {
      open.splice(hit, 1);
      out.hits.push(f);
    } else if (!labels.some((l) => l.expect === 'ignore' && at(l, f))) {
      out.falseAlarms.push({ finding: f, label: labels.find((l) => l.expect === 'negative' && at(l, f)) });
    }
  }
  return out;
}

/** Adds one file's outcome to `into` (see `match`). */
export function scoreFile(
  labels: readonly SiteLabel[],
  findings: readonly Reported[],
  into: RuleCounts,
): void {
  const count = (rule: string): Counts => (into[rule] ??= empty());
  const m = match(labels, findings);
  for (const f of m.hits) count(f.rule).tp++;
  for (const { finding, label } of m.falseAlarms) {
    count(finding.rule).fp++;
    if (label) count(finding.rule).negativesHit++;
  }
  for (const l of m.missed) count(l.rule).fn++;
  for (const l of labels) if (l.expect === 'negative') count(l.rule).negatives++;
}

/** One scored mistake: a missed positive site (fn) or a finding on no positive site (fp). */
export interface SiteOutcome {
  kind: 'fn' | 'fp';
  rule: string;
  line: number;
  cell?: number;
  /** The label's note: the missed site's, or the negative site's a false alarm landed on. */
  note?: string;
}

/** A file's misses and false alarms, in line order, for `eval:real --sites`. */
export function siteOutcomes(labels: readonly SiteLabel[], findings: readonly Reported[]): SiteOutcome[] {
  const m = match(labels, findings);
  const out: SiteOutcome[] = [
    ...m.missed.map((l) => ({ kind: 'fn' as const, rule: l.rule, line: l.line, cell: l.cell, note: l.note })),
    ...m.falseAlarms.map(({ finding, label }) => ({
      kind: 'fp' as const,
      rule: finding.rule,
      line: finding.line,
      cell: finding.cell,
      note: label ? `negative: ${label.note ?? ''}` : 'unlabelled line',
    })),
  ];
  return out.sort((a, b) => (a.cell ?? 0) - (b.cell ?? 0) || a.line - b.line);
}

/** Sums counts (for the combined figures). */
/**
 * The figures' groups: each split that holds any site, then all of them combined (or, with
 * `only`, that split alone).
 */
export function splitGroups(
  counts: Record<Split, RuleCounts>,
  only?: Split,
): Array<{ name: string; counts: RuleCounts }> {
  if (only) return [{ name: only, counts: counts[only] }];
  const present = SPLITS.filter((s) => Object.keys(counts[s]).length > 0);
  return [
    ...present.map((s) => ({ name: s, counts: counts[s] })),
    { name: 'combined', counts: addCounts(...present.map((s) => counts[s])) },
  ];
}

export function addCounts(...parts: RuleCounts[]): RuleCounts {
  const out: RuleCounts = {};
  for (const part of parts) {
    for (const [rule, c] of Object.entries(part)) {
      const t = (out[rule] ??= empty());
      t.tp += c.tp;
      t.fp += c.fp;
      t.fn += c.fn;
      t.negativesHit += c.negativesHit;
      t.negatives += c.negatives;
    }
  }
  return out;
}

/** All rules' counts in one. */
export function total(counts: RuleCounts): Counts {
  return addCounts(...Object.values(counts).map((c) => ({ all: c }))).all ?? empty();
}

export function figures(counts: RuleCounts, rules: readonly string[]): Scores {
  const out: Scores = {};
  for (const rule of rules) {
    const c = counts[rule] ?? empty();
    out[rule] = {
      precision: c.tp + c.fp === 0 ? null : round(c.tp / (c.tp + c.fp)),
      recall: c.tp + c.fn === 0 ? null : round(c.tp / (c.tp + c.fn)),
    };
  }
  return out;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

const show = (x: number | null): string => (x === null ? '  n/a' : x.toFixed(2).padStart(5));

/** A table: one row per rule, per group precision, recall and tp/fp/fn (negative sites hit). */
export function formatTable(
  groups: ReadonlyArray<{ name: string; counts: RuleCounts }>,
  rules: readonly string[],
): string {
  const width = Math.max(...rules.map((r) => r.length), 'rule'.length);
  const cell = 32;
  const head = `${'rule'.padEnd(width)} | ${groups.map((g) => `${g.name}: P     R     tp/fp/fn (neg hit)`.padEnd(cell)).join(' | ')}`;
  const lines = [head, '-'.repeat(head.length)];
  for (const rule of rules) {
    const parts = groups.map((g) => {
      const c = g.counts[rule] ?? empty();
      const f = figures(g.counts, [rule])[rule];
      const text = `${show(f.precision)} ${show(f.recall)}  ${c.tp}/${c.fp}/${c.fn} (${c.negativesHit}/${c.negatives})`;
      return text.padEnd(cell);
    });
    lines.push(`${rule.padEnd(width)} | ${parts.join(' | ')}`);
  }
  const totals = groups.map((g) => {
    const sum = total(g.counts);
    const f = figures({ all: sum }, ['all']).all;
    return `${show(f.precision)} ${show(f.recall)}  ${sum.tp}/${sum.fp}/${sum.fn} (${sum.negativesHit}/${sum.negatives})`.padEnd(
      cell,
    );
  });
  lines.push(`${'all rules'.padEnd(width)} | ${totals.join(' | ')}`);
  return `${lines.join('\n')}\n`;
}

/**
 * Lints one file exactly as the CLI does (path-aware; notebook cells by their `cells` index).
 * `rel` is the path inside its project that test-code scoping reads: a reproduction's path
 * inside the reproductions (its folder under `test/` is ours, not part of the shape), an
 * original's path in its repository.
 */
export async function lintForScore(engine: LintEngine, file: string, rel?: string): Promise<Reported[]> {
  const result = await lintFile(
    engine,
    { path: file, display: file, ...(rel === undefined ? {} : { rel }) },
    {},
  );
  if (result.error) throw new Error(result.error);
  // A rule that threw reports nothing: a figure must not hide a crash as a miss.
  const crash = result.notices.find((n) => n.includes('internal error in rule'));
  if (crash) throw new Error(crash);
  return result.findings.map((f) => ({
    rule: f.rule,
    line: f.line,
    ...(f.cell === undefined ? {} : { cell: f.cell }),
  }));
}

/**
 * Where a source file is under `dir`: `<owner>+<name>/<path>` (as extracted), else
 * `<owner>/<name>/<path>` or `<name>/<path>`; undefined when absent.
 */
export function locate(dir: string, entry: Pick<SourceEntry, 'repository' | 'path'>): string | undefined {
  const [owner, name] = entry.repository.split('/');
  const candidates = [
    path.join(dir, `${owner}+${name}`, entry.path),
    path.join(dir, owner, name, entry.path),
    path.join(dir, name, entry.path),
  ];
  return candidates.find((p) => fs.existsSync(p));
}

/**
 * A floor that the current figures fall below: `split rule metric: now < floor`. Precision
 * that became undefined is not a drop: the rule now reports nothing there, so it has no
 * false alarms (missed positives show in recall). Recall that became undefined is: the
 * labelled positives are gone.
 */
export function drops(current: Record<string, Scores>, floors: Record<string, Scores>): string[] {
  const out: string[] = [];
  for (const [split, byRule] of Object.entries(floors)) {
    for (const [rule, floor] of Object.entries(byRule)) {
      for (const metric of ['precision', 'recall'] as const) {
        const min = floor[metric];
        const now = current[split]?.[rule]?.[metric] ?? null;
        if (now === null && metric === 'precision') continue;
        if (min !== null && (now === null || now < min - 1e-9)) {
          out.push(`${split} ${rule} ${metric}: ${now === null ? 'n/a' : now} < ${min}`);
        }
      }
    }
  }
  return out;
}
