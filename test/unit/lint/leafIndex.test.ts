import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { LintEngine, LintLanguage } from '../../../src/core/lint';
import { DEEP_NESTING, leafAt, withParentCache } from '../../../src/core/lint/syntax';
import { ADVERSARIAL_CASES } from '../hostile/adversarial';
import { getEngine } from './helpers';

/**
 * In a deeply nested text a lookup by offset is a binary search over the recorded leaves
 * (`leafAt`), not a walk down from the root: it must find the node tree-sitter's own lookup
 * finds, whenever it answers.
 */
describe('node lookup by offset in deeply nested texts (leafAt)', () => {
  let engine: LintEngine;
  before(async () => {
    engine = await getEngine();
  });

  /** The SDK import, so the engine parses the text (it skips texts with nothing to find). */
  const HEAD: Record<string, string> = {
    python: 'import anthropic\n',
    typescript: "import Anthropic from '@anthropic-ai/sdk';\n",
  };

  /** Offsets where leafAt answers, and where it answered differently from the tree. */
  const compare = (body: string, language: LintLanguage): { answered: number; wrong: string[] } => {
    const text = body.startsWith('import') ? body : HEAD[language] + body;
    const out = { answered: 0, wrong: [] as string[] };
    engine.withTree(text, language, (_, root) => {
      if (!root) throw new Error('no tree');
      withParentCache(
        text,
        () => {
          for (let o = 0; o < text.length; o++) {
            const leaf = leafAt(root, o);
            if (!leaf) continue;
            out.answered++;
            const n = root.descendantForIndex(o, o + 1);
            if (
              !n ||
              n.startIndex !== leaf.startIndex ||
              n.endIndex !== leaf.endIndex ||
              n.type !== leaf.type
            ) {
              out.wrong.push(`${o}: ${leaf.type} ≠ ${n?.type}`);
            }
          }
        },
        root,
        DEEP_NESTING + 1,
      );
    });
    return out;
  };

  it('finds what descendantForIndex finds on every adversarial input', () => {
    for (const c of ADVERSARIAL_CASES) {
      const { answered, wrong } = compare(c.make(40), c.language);
      assert.deepEqual(wrong.slice(0, 5), [], c.name);
      assert.ok(answered > 0, `${c.name}: never answered`);
    }
  });

  it('finds what descendantForIndex finds on random texts, syntax errors included', () => {
    const pieces = [
      '(',
      ')',
      '[',
      ']',
      '{',
      '}',
      'f(',
      'x',
      ' ',
      '\n',
      '"s"',
      'try {',
      '} catch (e) {',
      ',',
      ';',
      '=>',
    ];
    const text = fc.array(fc.constantFrom(...pieces), { maxLength: 120 }).map((p) => p.join(''));
    fc.assert(
      fc.property(text, fc.constantFrom<LintLanguage>('typescript', 'python'), (t, language) => {
        assert.deepEqual(compare(t, language).wrong, []);
      }),
      { numRuns: 300 },
    );
  });

  it('answers nothing in a shallow text unless told it is deep (the tree is asked instead)', () => {
    const text = `${HEAD.typescript}const a = f(1);\n`;
    engine.withTree(text, 'typescript', (_, root) => {
      if (!root) throw new Error('no tree');
      withParentCache(text, () => assert.equal(leafAt(root, text.length - 6), undefined), root, 1);
    });
  });
});
