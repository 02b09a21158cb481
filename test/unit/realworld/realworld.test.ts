import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULE_IDS } from '../../../src/core/lint';
import { getEngine } from '../lint/helpers';
import { readRepro, reproFiles, scoreReproductions } from './repro';
import {
  drops,
  figures,
  formatTable,
  readSources,
  realworldDir,
  type Scores,
  splitGroups,
  SPLITS,
} from './score';

// The reproductions of the real-world corpus (issue 18), scored per rule on every run. The
// figures may not drop below the ones recorded in test/realworld/scores.json; re-record them
// with `npm run eval:real -- --record-repro` (test/realworld/README.md).
describe('real-world corpus reproductions (test/realworld/repro)', () => {
  it('keeps precision and recall per rule at or above the recorded floors', async () => {
    const engine = await getEngine();
    const counts = await scoreReproductions(engine);
    const groups = splitGroups(counts);
    process.stdout.write(`\n${formatTable(groups, RULE_IDS)}`);
    const current: Record<string, Scores> = Object.fromEntries(
      groups.map((g) => [g.name, figures(g.counts, RULE_IDS)]),
    );
    const floors = JSON.parse(fs.readFileSync(path.join(realworldDir, 'scores.json'), 'utf8')) as {
      reproductions: Record<string, Scores>;
    };
    assert.deepEqual(drops(current, floors.reproductions), [], 'figures below the recorded floors');
  });

  it('has reproductions in the tune and holdout splits, each pointing to a labelled site of a source in its own split', () => {
    const sources = readSources();
    const files = reproFiles();
    const splits = new Set(files.map((f) => readRepro(f).split));
    assert.ok(splits.has('tune') && splits.has('holdout'), `splits: ${[...splits].join(', ')}`);
    assert.ok([...splits].every((s) => SPLITS.includes(s)));
    const problems: string[] = [];
    for (const rel of files) {
      const repro = readRepro(rel);
      if (repro.labels.length === 0) problems.push(`${rel}: no expect/expect-not marker`);
      if (repro.sources.length === 0) problems.push(`${rel}: no source pointer`);
      for (const label of repro.labels) {
        if (!(RULE_IDS as readonly string[]).includes(label.rule)) {
          problems.push(`${rel}: unknown rule ${label.rule}`);
        }
      }
      for (const s of repro.sources) {
        const entry = sources.files.find((f) => f.repository === s.repository && f.path === s.path);
        if (!entry) {
          problems.push(`${rel}: ${s.repository} ${s.path} is not in sources.json`);
        } else if (entry.split !== repro.split) {
          problems.push(`${rel}: reproduces a ${entry.split} source but sits under ${repro.split}/`);
        } else if (!entry.labels.some((l) => l.line === s.line && l.cell === s.cell)) {
          problems.push(
            `${rel}: ${s.repository} ${s.path} has no label at ${s.cell ?? ''}${s.cell === undefined ? '' : ':'}${s.line}`,
          );
        }
      }
    }
    assert.deepEqual(problems, []);
  });
});
