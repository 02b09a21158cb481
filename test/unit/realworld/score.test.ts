import * as assert from 'node:assert/strict';
import {
  drops,
  figures,
  type RuleCounts,
  scoreFile,
  type SiteLabel,
  siteOutcomes,
  type Split,
  splitGroups,
  SPLITS,
} from './score';

describe('real-world corpus scoring', () => {
  it('matches findings to sites by rule, cell and line (or an alternative line), one finding per site', () => {
    const labels: SiteLabel[] = [
      { rule: 'naive-retry', line: 10, alt: [4], expect: 'positive' },
      { rule: 'string-matched-error', line: 20, expect: 'positive' },
      { rule: 'unbounded-fanout', cell: 2, line: 3, expect: 'positive' },
    ];
    const counts: RuleCounts = {};
    scoreFile(
      labels,
      [
        { rule: 'naive-retry', line: 4 },
        { rule: 'string-matched-error', line: 20 },
        { rule: 'string-matched-error', line: 20 },
        { rule: 'unbounded-fanout', cell: 1, line: 3 },
      ],
      counts,
    );
    assert.deepEqual(counts['naive-retry'], { tp: 1, fp: 0, fn: 0, negativesHit: 0, negatives: 0 });
    assert.deepEqual(counts['string-matched-error'], { tp: 1, fp: 1, fn: 0, negativesHit: 0, negatives: 0 });
    assert.deepEqual(counts['unbounded-fanout'], { tp: 0, fp: 1, fn: 1, negativesHit: 0, negatives: 0 });
  });

  it('counts findings on negative sites as false positives, and leaves ignored sites unscored', () => {
    const labels: SiteLabel[] = [
      { rule: 'retries-disabled', line: 5, expect: 'negative' },
      { rule: 'retries-disabled', line: 9, expect: 'negative' },
      { rule: 'retries-disabled', line: 12, expect: 'ignore' },
    ];
    const counts: RuleCounts = {};
    scoreFile(
      labels,
      [
        { rule: 'retries-disabled', line: 5 },
        { rule: 'retries-disabled', line: 12 },
        { rule: 'retries-disabled', line: 30 },
      ],
      counts,
    );
    assert.deepEqual(counts['retries-disabled'], { tp: 0, fp: 2, fn: 0, negativesHit: 1, negatives: 2 });
    assert.deepEqual(figures(counts, ['retries-disabled', 'naive-retry']), {
      'retries-disabled': { precision: 0, recall: null },
      'naive-retry': { precision: null, recall: null },
    });
  });

  it('lists the misses and false alarms per site for eval:real --sites, in line order, with the notes', () => {
    const labels: SiteLabel[] = [
      { rule: 'naive-retry', line: 30, expect: 'positive', note: 'recursion' },
      { rule: 'naive-retry', line: 10, alt: [9], expect: 'positive', note: 'loop' },
      { rule: 'unbounded-fanout', line: 20, expect: 'negative', note: 'four literal calls' },
      { rule: 'retries-disabled', line: 5, expect: 'ignore' },
    ];
    const findings = [
      { rule: 'naive-retry', line: 9 },
      { rule: 'naive-retry', line: 9 },
      { rule: 'unbounded-fanout', line: 20 },
      { rule: 'retries-disabled', line: 5 },
    ];
    assert.deepEqual(siteOutcomes(labels, findings), [
      { kind: 'fp', rule: 'naive-retry', line: 9, cell: undefined, note: 'unlabelled line' },
      {
        kind: 'fp',
        rule: 'unbounded-fanout',
        line: 20,
        cell: undefined,
        note: 'negative: four literal calls',
      },
      { kind: 'fn', rule: 'naive-retry', line: 30, cell: undefined, note: 'recursion' },
    ]);
    const counts: RuleCounts = {};
    scoreFile(labels, findings, counts);
    assert.deepEqual(counts['naive-retry'], { tp: 1, fp: 1, fn: 1, negativesHit: 0, negatives: 0 });
  });

  it('groups the figures by the splits that hold sites, then combined, or one split alone', () => {
    const c = (tp: number): RuleCounts => ({
      'naive-retry': { tp, fp: 0, fn: 1, negativesHit: 0, negatives: 2 },
    });
    // Every split, none holding sites but those given (a new split needs no edit here).
    const counts = (some: Partial<Record<Split, RuleCounts>>): Record<Split, RuleCounts> => ({
      ...(Object.fromEntries(SPLITS.map((s) => [s, {}])) as Record<Split, RuleCounts>),
      ...some,
    });
    const groups = splitGroups(counts({ tune: c(3), holdout: c(1) }));
    assert.deepEqual(
      groups.map((g) => g.name),
      ['tune', 'holdout', 'combined'],
    );
    assert.deepEqual(groups[2].counts['naive-retry'], { tp: 4, fp: 0, fn: 2, negativesHit: 0, negatives: 4 });
    const three = counts({ tune: c(3), holdout: c(1), fresh: c(2) });
    const all = splitGroups(three);
    assert.deepEqual(
      all.map((g) => g.name),
      ['tune', 'holdout', 'fresh', 'combined'],
    );
    assert.equal(all[3].counts['naive-retry'].tp, 6);
    assert.deepEqual(
      splitGroups(three, 'fresh').map((g) => [g.name, g.counts['naive-retry'].tp]),
      [['fresh', 2]],
    );
  });

  it('reports every figure below its floor, and a recall that became undefined', () => {
    const floors = {
      tune: {
        'naive-retry': { precision: 0.8, recall: 0.5 },
        'unbounded-fanout': { precision: null, recall: 0.25 },
        'retries-disabled': { precision: 0, recall: null },
      },
    };
    const now = {
      tune: {
        'naive-retry': { precision: 0.75, recall: 0.5 },
        'unbounded-fanout': { precision: null, recall: null },
        // Its false alarms are gone: no findings, so no precision, and no drop.
        'retries-disabled': { precision: null, recall: null },
      },
    };
    assert.deepEqual(drops(now, floors), [
      'tune naive-retry precision: 0.75 < 0.8',
      'tune unbounded-fanout recall: n/a < 0.25',
    ]);
    assert.deepEqual(drops(floors, floors), []);
  });
});
