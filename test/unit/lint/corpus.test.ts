import * as assert from 'node:assert/strict';
import { RULE_IDS } from '../../../src/core/lint';
import { fixtureFiles, lintFixture, type Mark, showMark } from './helpers';

const key = (m: Mark): string => `${m.cell ?? '-'}:${m.line}:${m.rule}`;

describe('lint corpus (test/fixtures/lint)', () => {
  const files = fixtureFiles();

  it('has a corpus', () => {
    assert.ok(files.length >= 80, `expected at least 80 fixtures, found ${files.length}`);
  });

  for (const rel of files) {
    it(rel, async () => {
      const { expected, actual, text } = await lintFixture(rel);
      const lines = text.split(/\r\n|\r|\n/);
      const got = actual.map((f) => ({ cell: f.cell, line: f.range.start.line + 1, rule: f.rule }));
      const missing = multisetMinus(expected, got);
      const extra = multisetMinus(got, expected);
      if (missing.length || extra.length) {
        const describe = (m: Mark): string => {
          const f = actual.find(
            (a) => a.range.start.line + 1 === m.line && a.rule === m.rule && a.cell === m.cell,
          );
          const src = m.cell === undefined ? ` | ${lines[m.line - 1]?.trim() ?? ''}` : '';
          return `  ${showMark(m)}${src}${f ? `\n      message: ${f.message}` : ''}`;
        };
        assert.fail(
          [
            `${rel}: findings differ from the markers`,
            ...(missing.length ? ['missing (expected, not reported):', ...missing.map(describe)] : []),
            ...(extra.length ? ['unexpected (reported, not expected):', ...extra.map(describe)] : []),
          ].join('\n'),
        );
      }
    });
  }

  it('covers every rule both ways', async () => {
    const positives = new Set<string>();
    const negatives = new Map<string, number>();
    for (const rel of files) {
      const { expected } = await lintFixture(rel);
      const rules = new Set(expected.map((m) => m.rule));
      rules.forEach((r) => positives.add(r));
      for (const r of RULE_IDS) {
        if (!rules.has(r)) {
          negatives.set(r, (negatives.get(r) ?? 0) + 1);
        }
      }
    }
    assert.deepEqual(
      RULE_IDS.filter((r) => !positives.has(r)),
      [],
      'rules without a positive fixture',
    );
    assert.deepEqual(
      RULE_IDS.filter((r) => !negatives.has(r)),
      [],
      'rules without a negative fixture',
    );
  });
});

function multisetMinus(a: Mark[], b: Mark[]): Mark[] {
  const counts = new Map<string, number>();
  for (const m of b) {
    counts.set(key(m), (counts.get(key(m)) ?? 0) + 1);
  }
  const out: Mark[] = [];
  for (const m of a) {
    const k = key(m);
    const n = counts.get(k) ?? 0;
    if (n > 0) {
      counts.set(k, n - 1);
    } else {
      out.push(m);
    }
  }
  return out;
}
