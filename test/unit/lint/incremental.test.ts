import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import {
  type ContentChange,
  languageForPath,
  type LintEngine,
  type LintLanguage,
} from '../../../src/core/lint';
import { fixtureFiles, fixturesDir, getEngine } from './helpers';

/** Pieces typed or pasted while editing code. */
const TYPED = [
  '',
  ' ',
  '\n',
  '(',
  ')',
  '{',
  '}',
  ',',
  ':',
  '"',
  "'",
  'x',
  'await ',
  'max_tokens: 100000, ',
  'max_tokens=64000, ',
  'client.messages.create(',
  'Promise.all(items.map((x) => f(x)))',
  'asyncio.gather(*[f(x) for x in xs])',
  '// headroom-ignore-next-line\n',
  '# headroom: ignore\n',
  "'sk-ant-api03-" + 'FAKE0KEY00'.repeat(9) + "AA'",
];

interface Edit {
  at: number;
  len: number;
  text: string;
}

/** One VS Code change event: one change, or several non-overlapping ones listed last-to-first. */
function toEvent(text: string, edits: Edit[]): ContentChange[] {
  const spans = edits
    .map((e) => {
      const start = text.length === 0 ? 0 : e.at % (text.length + 1);
      return { start, end: Math.min(text.length, start + e.len), text: e.text };
    })
    .sort((a, b) => b.start - a.start);
  const out: ContentChange[] = [];
  let limit = text.length;
  for (const s of spans) {
    if (s.end <= limit) {
      out.push({ rangeOffset: s.start, rangeLength: s.end - s.start, text: s.text });
      limit = s.start;
    }
  }
  return out;
}

function apply(text: string, changes: ContentChange[]): string {
  let out = text;
  for (const c of changes) {
    out = out.slice(0, c.rangeOffset) + c.text + out.slice(c.rangeOffset + c.rangeLength);
  }
  return out;
}

describe('incremental re-lint (openDocument + update)', function () {
  this.timeout(60_000);
  let engine: LintEngine;
  const files = fixtureFiles().filter((f) => !f.endsWith('.ipynb'));
  before(async () => {
    engine = await getEngine();
  });

  it('random edit sequences give the same findings as a fresh lint of each version linted', () => {
    const edit = fc.record({
      at: fc.nat(),
      len: fc.oneof(fc.constant(0), fc.nat({ max: 3 }), fc.nat({ max: 60 })),
      text: fc.oneof(fc.constantFrom(...TYPED), fc.string({ maxLength: 6 })),
    });
    fc.assert(
      fc.property(
        fc.constantFrom(...files),
        fc.array(fc.array(edit, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 12 }),
        fc.boolean(),
        (rel, events, lintBetween) => {
          const language = languageForPath(rel) as LintLanguage;
          let text = fs.readFileSync(path.join(fixturesDir, rel), 'utf8');
          const doc = engine.openDocument(language, text);
          try {
            doc.lint();
            for (const edits of events) {
              const changes = toEvent(text, edits);
              text = apply(text, changes);
              doc.update(changes);
              assert.equal(doc.text, text);
              if (lintBetween) {
                // Each version, not only the last (the document keeps scans across versions).
                assert.deepEqual(doc.lint(), engine.lint(text, language));
              }
            }
            const incremental = doc.lint();
            const fresh = engine.lint(text, language);
            assert.deepEqual(incremental, fresh);
          } finally {
            doc.dispose();
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('keystroke re-lint (lintNow): text with a syntax error is not parsed twice', function () {
  this.timeout(60_000);
  let engine: LintEngine;
  const files = fixtureFiles().filter((f) => !f.endsWith('.ipynb'));
  before(async () => {
    engine = await getEngine();
  });

  /** Runs `fn` counting the engine's parses. */
  function countingParses<T>(fn: (parses: () => number) => T): T {
    const parse = engine.parse.bind(engine);
    let count = 0;
    engine.parse = (...args) => {
      count++;
      return parse(...args);
    };
    try {
      return fn(() => count);
    } finally {
      engine.parse = parse;
    }
  }

  it('parses once after an edit that leaves a syntax error, and lint() then settles on a fresh parse', () => {
    const text =
      "import Anthropic from '@anthropic-ai/sdk';\nconst client = new Anthropic();\n" +
      "await client.messages.create({ model: 'm', messages: [] });\n";
    const at = text.indexOf('const') + 'const'.length;
    const broken = `${text.slice(0, at)}x${text.slice(at)}`; // `constx client = …`
    const expected = { broken: engine.lint(broken, 'typescript'), text: engine.lint(text, 'typescript') };
    const doc = engine.openDocument('typescript', text);
    try {
      countingParses((parses) => {
        doc.lintNow();
        assert.equal(parses(), 1);
        assert.ok(doc.settled, 'a first parse is a fresh one');
        doc.update([{ rangeOffset: at, rangeLength: 0, text: 'x' }]);
        assert.equal(doc.text, broken);
        const now = doc.lintNow();
        assert.equal(parses(), 2, 'one incremental parse, no second one');
        assert.ok(doc.root?.hasError);
        assert.equal(doc.settled, false);
        assert.ok(now.some((f) => f.rule === 'missing-max-tokens'));
        const settled = doc.lint();
        assert.equal(parses(), 3, 'settling parses afresh once');
        assert.ok(doc.settled);
        assert.deepEqual(settled, expected.broken);
        doc.lint();
        assert.equal(parses(), 3, 'nothing left to settle');
        // Deleting the x again: an incremental parse of the provisional tree, error-free.
        doc.update([{ rangeOffset: at, rangeLength: 1, text: '' }]);
        assert.deepEqual(doc.lintNow(), expected.text);
        assert.equal(parses(), 4);
        assert.ok(doc.settled);
      });
    } finally {
      doc.dispose();
    }
  });

  it('random edit sequences: lintNow matches a fresh lint whenever it is settled, and lint() always', () => {
    const edit = fc.record({
      at: fc.nat(),
      len: fc.oneof(fc.constant(0), fc.nat({ max: 3 }), fc.nat({ max: 60 })),
      text: fc.oneof(fc.constantFrom(...TYPED), fc.string({ maxLength: 6 })),
    });
    let provisional = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...files),
        fc.array(fc.array(edit, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 10 }),
        (rel, events) => {
          const language = languageForPath(rel) as LintLanguage;
          let text = fs.readFileSync(path.join(fixturesDir, rel), 'utf8');
          const doc = engine.openDocument(language, text);
          try {
            doc.lintNow();
            for (const edits of events) {
              const changes = toEvent(text, edits);
              text = apply(text, changes);
              doc.update(changes);
              const now = doc.lintNow();
              if (doc.settled) {
                assert.deepEqual(now, engine.lint(text, language));
              } else {
                provisional++;
              }
            }
            assert.deepEqual(doc.lint(), engine.lint(text, language));
            assert.ok(doc.settled);
          } finally {
            doc.dispose();
          }
        },
      ),
      { numRuns: 120 },
    );
    assert.ok(provisional > 0, 'some edits left a syntax error (the case under test)');
  });
});

/**
 * Issue 17: the editor path keeps facts read from unchanged subtrees across an edit (see
 * `FileContext.derive`). On files the size and shape of real ones (every fixture of a
 * language joined into one file of a few thousand lines: many functions, classes, tests,
 * clients and Claude calls), edits at many random places must give exactly the findings of
 * a fresh lint of the same text.
 */

/** Also pieces that open or close a string, comment or block: edits that change the tree far from them. */
const TYPED_REAL = [
  ...TYPED,
  '`',
  '#',
  '//',
  '/*',
  '*/',
  "'''",
  '"""',
  '\n    ',
  '    ',
  'def ',
  'async ',
  'try:\n',
  'except Exception:\n',
  'time.sleep(2)',
  'await sleep(',
  'setTimeout(r, ',
  'try {',
  'describe("x", () => {',
  'def test_x(self):\n',
];

/**
 * Every fixture of a language without a syntax error, joined (a large file of real shapes,
 * whose edits are analysed on the incremental tree), at least 1,000 lines.
 */
function joined(engine: LintEngine, language: LintLanguage): string {
  const parts = fixtureFiles()
    .filter((rel) => !rel.endsWith('.ipynb') && languageForPath(rel) === language)
    .map((rel) => fs.readFileSync(path.join(fixturesDir, rel), 'utf8'))
    .filter((text) => engine.withTree(text, language, (_, root) => !!root && !root.hasError));
  let text = parts.join('\n');
  while (text.split('\n').length < 1000) {
    text += `\n${parts.join('\n')}`;
  }
  return text;
}

describe('incremental re-lint on large real-shaped files (kept facts)', function () {
  this.timeout(300_000);
  let engine: LintEngine;
  before(async () => {
    engine = await getEngine();
  });

  for (const language of ['python', 'typescript', 'javascript'] as const) {
    it(`${language}: findings after each random edit equal a fresh lint's, and facts are kept`, () => {
      const original = joined(engine, language);
      const base = engine.lint(original, language);
      assert.ok(
        engine.withTree(original, language, (_, root) => !root?.hasError),
        'no syntax error',
      );
      assert.ok(base.length > 20, 'the joined file has findings to keep or lose');
      const edit = fc.record({
        at: fc.double({ min: 0, max: 1, noNaN: true }),
        removed: fc.oneof(fc.constant(0), fc.constant(0), fc.nat({ max: 3 }), fc.nat({ max: 40 })),
        typed: fc.oneof(fc.constantFrom(...TYPED_REAL), fc.constant('')),
        undo: fc.boolean(),
      });
      const doc = engine.openDocument(language, original);
      let text = original;
      let settledChecks = 0;
      try {
        doc.lint();
        fc.assert(
          fc.property(edit, ({ at, removed, typed, undo }) => {
            const start = Math.floor(at * text.length);
            const change: ContentChange = {
              rangeOffset: start,
              rangeLength: Math.min(removed, text.length - start),
              text: typed,
            };
            const before = text;
            const apply = (c: ContentChange): void => {
              text = text.slice(0, c.rangeOffset) + c.text + text.slice(c.rangeOffset + c.rangeLength);
              doc.update([c]);
            };
            apply(change);
            // The keystroke path: equal to a fresh lint whenever it says it is settled.
            const now = doc.lintNow();
            if (doc.settled) {
              settledChecks++;
              assert.deepEqual(now, engine.lint(text, language));
            }
            assert.deepEqual(doc.lint(), engine.lint(text, language));
            if (undo) {
              // Typing and deleting again, as the bench does (the previous text's facts come back).
              apply({
                rangeOffset: start,
                rangeLength: typed.length,
                text: before.slice(start, start + change.rangeLength),
              });
              assert.equal(text, before);
              assert.deepEqual(doc.lintNow(), doc.settled ? engine.lint(text, language) : doc.lintNow());
              assert.deepEqual(doc.lint(), engine.lint(text, language));
            }
          }),
          { numRuns: 30 },
        );
        assert.ok(settledChecks > 0);
        const { kept, computed } = doc.derived;
        // (Each edit that leaves a syntax error is parsed afresh by lint(), and then nothing is kept.)
        assert.ok(kept * 2 > computed, `facts kept across edits (${kept} kept, ${computed} computed)`);
      } finally {
        doc.dispose();
      }
    });
  }
});
