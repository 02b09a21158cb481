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
  "'sk-ant-api03-" + 'Q7w8E9r0T1'.repeat(9) + "AA'",
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

  it('random edit sequences give the same findings as a fresh lint of the final text', () => {
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
                doc.lint();
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
