import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { depthAfterChange, nestingDepth } from '../../../src/core/lint/syntax';

/** Text made of the characters nestingDepth reads, so deep brackets and indentation come up. */
const CHARS = ['(', ')', '[', ']', '{', '}', ' ', '  ', '\t', '\n', 'x', '\r\n', '    '];
const source = fc.array(fc.constantFrom(...CHARS), { maxLength: 80 }).map((parts) => parts.join(''));

describe('nesting depth bound kept across edits (depthAfterChange)', () => {
  it('stays at or above the measured depth through any sequence of changes', () => {
    const change = fc.record({ at: fc.nat(), len: fc.nat({ max: 12 }), text: source });
    fc.assert(
      fc.property(source, fc.array(change, { minLength: 1, maxLength: 15 }), (initial, changes) => {
        let text = initial;
        let bound = nestingDepth(text);
        for (const c of changes) {
          const from = c.at % (text.length + 1);
          const removed = Math.min(c.len, text.length - from);
          text = text.slice(0, from) + c.text + text.slice(from + removed);
          bound = depthAfterChange(bound, text, from, from + c.text.length, removed);
          assert.ok(
            bound >= nestingDepth(text),
            `bound ${bound} < depth ${nestingDepth(text)} of ${JSON.stringify(text)}`,
          );
        }
      }),
      { numRuns: 500 },
    );
  });

  it('measures the indentation a deletion uncovers on the line it touches', () => {
    // Deleting the x turns 200 spaces into indentation: 100 levels, far above bound + 1.
    const before = `a\nx${' '.repeat(200)}y\n`;
    const after = `a\n${' '.repeat(200)}y\n`;
    assert.equal(nestingDepth(before), 0);
    assert.equal(nestingDepth(after), 100);
    assert.equal(depthAfterChange(0, after, 2, 2, 1), 100);
  });

  it('adds one level per character typed or removed, not more', () => {
    assert.equal(depthAfterChange(3, 'f(((x)))', 2, 3, 0), 4);
    assert.equal(depthAfterChange(3, 'f((x))', 4, 4, 2), 5);
  });
});
