import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { languageForPath, type LintEngine, type LintLanguage } from '../../../src/core/lint';
import { FileContext } from '../../../src/core/lint/context';
import { callSites, fileCallSites } from '../../../src/core/lint/facts/callGraph';
import { changedLines, lineLocal, ScanCache } from '../../../src/core/lint/scanCache';
import { fixtureFiles, fixturesDir, getEngine } from './helpers';

/** Pieces typed or pasted while editing, newlines and blank lines included. */
const TYPED = [
  '',
  ' ',
  '\n',
  '\n\n',
  '\r\n',
  'x',
  '(',
  'def ',
  'import os\n',
  'from a import b\n',
  '  async def test_x(self):\n',
  'return ',
  '@pytest.fixture\n',
  'client',
  'client.messages.create(',
  "'sk-ant-api03-" + 'FAKE0KEY00'.repeat(9) + "AA'",
  'retry_after',
  'self.ask(',
  'this . f (',
  'super().g(',
  'super.h(',
];

/** One edit: `len` characters at `at` (modulo the text's length) replaced. */
const edit = fc.record({
  at: fc.nat(),
  len: fc.oneof(fc.constant(0), fc.nat({ max: 3 }), fc.nat({ max: 80 })),
  text: fc.oneof(fc.constantFrom(...TYPED), fc.string({ maxLength: 4 })),
});

/** Line-local patterns with zero-length matches, line anchors and look-arounds at the line ends. */
const EDGE_PATTERNS = [/^/gm, /$/gm, /(?<![\w$])x?/g, /\b/g, /(?=[^\n])/g, /^[ \t]*$/gm, /(\w)\1/g];

describe('ScanCache: scans kept across edits', function () {
  this.timeout(120_000);
  let engine: LintEngine;
  const files = fixtureFiles().filter((f) => !f.endsWith('.ipynb'));
  /** Every line-local pattern the rules scan whole texts with, collected from linting the fixtures. */
  const patterns: RegExp[] = [];
  const names = ['client', 'self', 'response', 'messages', 'x'];

  before(async () => {
    engine = await getEngine();
    const seen = new Set<string>();
    const scan = FileContext.prototype.scan;
    FileContext.prototype.scan = function (re, from, to) {
      if (from === undefined && lineLocal(re) && !seen.has(re.flags + re.source)) {
        seen.add(re.flags + re.source);
        patterns.push(re);
      }
      return scan.call(this, re, from, to);
    };
    try {
      for (const rel of files) {
        engine.lint(
          fs.readFileSync(path.join(fixturesDir, rel), 'utf8'),
          languageForPath(rel) as LintLanguage,
        );
      }
    } finally {
      FileContext.prototype.scan = scan;
    }
  });

  it('finds line-local patterns among those the rules use', () => {
    // (So the property below checks real patterns, not only the edge cases.)
    assert.ok(patterns.length >= 6, `only ${patterns.length} line-local patterns`);
  });

  it('reads which patterns are line-local', () => {
    for (const re of [
      /^[ \t]*def[ \t]+(\w+)/gm,
      /[^'"\n]{0,9}x/g,
      /(?<![\w$])a\b/g,
      /[A-Za-z_$.]+/g,
      /a.b/g,
    ]) {
      assert.equal(lineLocal(re), true, String(re));
    }
    const crossing = [
      /a\s*\(/g, // \s matches a newline
      /a[^x]b/g, // a negated class without \n
      /^a/g, // ^ without m: the text start only
      /a$/g,
      /a\nb/g,
      /a[\t-~]/g, // a range across the newline
      /a.b/gs,
      /a\Wb/g,
      new RegExp(['a', 'u000ab'].join('\\'), 'g'), // a code escape for the newline
      /a(?!\s*\()/g, // a look-ahead past the line end
      /a/, // not global
      /a/gy,
      /a/gu,
    ];
    for (const re of crossing) {
      assert.equal(lineLocal(re), false, String(re));
    }
  });

  it('changedLines: the lines outside the window are the same in both texts', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.string({ maxLength: 30 }), (a, b) => {
        const w = changedLines(a, b);
        assert.equal(a.slice(0, w.start), b.slice(0, w.start));
        assert.equal(a.slice(w.oldEnd), b.slice(w.newEnd));
        assert.ok(w.start === 0 || b[w.start - 1] === '\n');
        assert.ok(w.newEnd === b.length || b[w.newEnd] === '\n');
        assert.ok(w.oldEnd === a.length || a[w.oldEnd] === '\n');
      }),
      { numRuns: 2000 },
    );
  });

  it('after random edits, cached scans, line scans, word searches and call sites equal fresh ones', () => {
    const all = [...patterns, ...EDGE_PATTERNS];
    fc.assert(
      fc.property(
        fc.constantFrom(...files),
        fc.array(edit, { minLength: 1, maxLength: 10 }),
        fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }),
        (rel, edits, scanned) => {
          let text = fs.readFileSync(path.join(fixturesDir, rel), 'utf8');
          const cache = new ScanCache();
          engine.withTree('import anthropic\n', 'python', (_, root) => {
            const contextFor = (scans?: ScanCache): FileContext =>
              new FileContext(text, 'python', root as NonNullable<typeof root>, {}, scans);
            // `some`: only every other pattern, so some cached scans skip a version.
            const compare = (some = false): void => {
              const cached = contextFor(cache);
              const fresh = contextFor();
              for (const re of all.filter((_, k) => !some || k % 2 === 0)) {
                assert.deepEqual(
                  [...cached.scan(re)].map((m) => [m.index, ...m]),
                  [...fresh.scan(re)].map((m) => [m.index, ...m]),
                  String(re),
                );
              }
              const [def, hint] = [/^[ \t]*(\w+)[ \t]*=[ \t]*lambda\b/gm, /=[ \t]*lambda\b/g];
              assert.deepEqual(
                [...cached.scanLines(def, hint)].map((m) => [m.index, ...m]),
                [...fresh.scanLines(def, hint)].map((m) => [m.index, ...m]),
              );
              assert.deepEqual(fileCallSites(cached), [...callSites(text)]);
              for (const name of names) {
                assert.deepEqual(cached.wordsOf(name), fresh.wordsOf(name), name);
              }
            };
            compare();
            edits.forEach((e, i) => {
              const at = e.at % (text.length + 1);
              text = text.slice(0, at) + e.text + text.slice(at + e.len);
              // Some versions are not scanned at all (the next is brought up to date from the
              // last one scanned), some in part.
              if (scanned[i]) {
                compare(i % 3 === 0);
              }
            });
            compare();
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});
