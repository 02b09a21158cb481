// The reproductions of the real-world corpus: small files written for Headroom, one shape each,
// with the expected findings marked inline and a pointer to the labelled source they mirror.
// Conventions: test/realworld/README.md.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LintEngine } from '../../../src/core/lint';
import { languageForPath } from '../../../src/core/lint';
import {
  lintForScore,
  realworldDir,
  type RuleCounts,
  scoreFile,
  type SiteLabel,
  type Split,
  SPLITS,
} from './score';

export const reproDir = path.join(realworldDir, 'repro');

/** A reproduction: its split (the folder under repro/), labels from markers, source pointers. */
export interface Repro {
  rel: string;
  split: Split;
  labels: SiteLabel[];
  sources: Array<{ repository: string; path: string; cell?: number; line: number }>;
}

/**
 * `// expect: rule[, rule]` (a finding starts on this line) or `expect-not:` (none may), both on
 * one line separated by `;` when a line holds a positive of one rule and a look-alike of another
 * (`# expect: batchable-fanout; expect-not: model-routing`).
 */
const LIST = String.raw`expect(?:-not)?:\s*[a-z-]+(?:\s*,\s*[a-z-]+)*`;
const MARKER = new RegExp(String.raw`(?:\/\/|#)\s*(${LIST}(?:\s*;\s*${LIST})*)\s*$`);

/** The labels a line's marker gives: [rule, positive?] pairs, in order; none without a marker. */
export function markersOf(line: string): Array<{ rule: string; positive: boolean }> {
  const m = MARKER.exec(line);
  if (!m) {
    return [];
  }
  return m[1].split(';').flatMap((part) => {
    const [head, rules] = part.split(':');
    return rules.split(',').map((rule) => ({ rule: rule.trim(), positive: head.trim() === 'expect' }));
  });
}
/** `// source: owner/name path/in/repo.py:LINE` (notebooks: `path.ipynb:CELL:LINE`). */
const SOURCE = /(?:\/\/|#)\s*source:\s*(\S+\/\S+)\s+(\S+?):(?:(\d+):)?(\d+)\s*$/;

/** Every reproduction, relative to repro/, sorted. */
export function reproFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (languageForPath(entry.name) || entry.name.endsWith('.ipynb')) {
        out.push(path.relative(reproDir, full));
      }
    }
  };
  walk(reproDir);
  return out.sort();
}

function scan(text: string, cell: number | undefined, repro: Repro): void {
  text.split(/\r\n|\r|\n/).forEach((line, i) => {
    for (const { rule, positive } of markersOf(line)) {
      repro.labels.push({
        rule,
        line: i + 1,
        ...(cell === undefined ? {} : { cell }),
        expect: positive ? 'positive' : 'negative',
      });
    }
    const s = SOURCE.exec(line);
    if (s) {
      repro.sources.push({
        repository: s[1],
        path: s[2],
        ...(s[3] === undefined ? {} : { cell: Number(s[3]) }),
        line: Number(s[4]),
      });
    }
  });
}

/** Reads one reproduction's markers and source pointers. */
export function readRepro(rel: string): Repro {
  const split = rel.split(path.sep)[0] as Split;
  if (!SPLITS.includes(split)) {
    throw new Error(`${rel}: not under repro/${SPLITS.join(', repro/')}`);
  }
  const repro: Repro = { rel, split, labels: [], sources: [] };
  const text = fs.readFileSync(path.join(reproDir, rel), 'utf8');
  if (rel.endsWith('.ipynb')) {
    const nb = JSON.parse(text) as { cells: Array<{ cell_type: string; source: string | string[] }> };
    nb.cells.forEach((c, i) => {
      if (c.cell_type === 'code') scan(Array.isArray(c.source) ? c.source.join('') : c.source, i, repro);
    });
  } else {
    scan(text, undefined, repro);
  }
  return repro;
}

/** Lints every reproduction and scores it against its own markers, per split. */
export async function scoreReproductions(engine: LintEngine): Promise<Record<Split, RuleCounts>> {
  const out = Object.fromEntries(SPLITS.map((s) => [s, {}])) as Record<Split, RuleCounts>;
  for (const rel of reproFiles()) {
    const repro = readRepro(rel);
    scoreFile(repro.labels, await lintForScore(engine, path.join(reproDir, rel), rel), out[repro.split]);
  }
  return out;
}
