import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Node } from '../../../src/core/parse/treeSitter';
import { descendantsWithin } from '../../../src/core/lint/syntax';
import { getEngine } from './helpers';

const HANDLERS = new Set(['catch_clause']);
const TYPES = new Set(['string', 'identifier', 'call_expression']);

/** A JS function of tries nested in catches and blocks, with strings and calls at each level. */
const nest: fc.Arbitrary<string> = fc
  .letrec<{ body: string }>((tie) => ({
    body: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom('f("a");', 'x = "rate limit";', ''),
      fc.tuple(tie('body'), tie('body')).map(([a, b]) => `try { ${a} } catch (e) { g(e.message); ${b} }`),
      fc.tuple(tie('body'), tie('body')).map(([a, b]) => `{ ${a} } ${b}`),
    ),
  }))
  .body.map((b) => `// claude\nfunction go() { try { ${b} } catch (e) { ${b} } }`);

/** How many handlers strictly between `scope` and `node`. */
function handlersBetween(scope: Node, node: Node): number {
  let n = 0;
  for (let p = node.parent; p && p.id !== scope.id; p = p.parent) {
    n += HANDLERS.has(p.type) ? 1 : 0;
  }
  return n;
}

describe('descendantsWithin (nodes of a scope, not below a few nested handlers)', () => {
  it("gives descendantsOfType's nodes, in order, down to the nesting asked for, and says what it left", async () => {
    const engine = await getEngine();
    fc.assert(
      fc.property(nest, fc.integer({ min: 0, max: 3 }), (text, max) =>
        engine.withTree(text, 'javascript', (_, root) => {
          const scope = root!.descendantsOfType('catch_clause')[0] as Node;
          const all = scope.descendantsOfType([...TYPES]).filter((n): n is Node => !!n && n.id !== scope.id);
          const { nodes, skipped } = descendantsWithin(scope, TYPES, HANDLERS, max);
          const expected = all.filter(
            (n) => !skipped.some((s) => s.start <= n.startIndex && n.startIndex < s.end),
          );
          assert.deepEqual(
            nodes.map((n) => n.startIndex),
            expected.map((n) => n.startIndex),
          );
          // Every node left out lies below more than `max` nested handlers, and none given does.
          for (const n of all) {
            const kept = nodes.some((k) => k.id === n.id);
            assert.equal(kept, handlersBetween(scope, n) <= max, text);
          }
        }),
      ),
      { numRuns: 200 },
    );
  });
});
