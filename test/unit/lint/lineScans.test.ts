import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { languageForPath, LintEngine } from '../../../src/core/lint';
import { FileContext } from '../../../src/core/lint/context';
import { JS_DEFS, PY_DEFS } from '../../../src/core/lint/facts/callGraph';
import { ENDPOINT_ASSIGNMENT } from '../../../src/core/lint/facts/httpClaudeCalls';
import { TABLE_ASSIGNMENT } from '../../../src/core/lint/facts/functionTables';
import { PY_IMPORT_HINT, PY_IMPORT_RE } from '../../../src/core/lint/facts/pythonImports';
import { METHOD_REF, METHOD_REF_HINT } from '../../../src/core/lint/facts/retryShapes';
import { definedFunction, definedFunctionAt, pastNextChar } from '../../../src/core/lint/facts/functions';
import { nestingDepth } from '../../../src/core/lint/syntax';
import { fixtureFiles, fixturesDir, getEngine, withTextContext } from './helpers';

/** Texts of up to `maxLength` parts, each one of `pieces` or any string of up to 2 characters. */
function textsFrom(pieces: string[], maxLength: number): fc.Arbitrary<string> {
  return fc
    .array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 2 })), { maxLength })
    .map((parts) => parts.join(''));
}

/** The faster scans find what the plain ones they replace find. */
describe('line-hinted scans and the nesting depth', () => {
  let engine: LintEngine;
  before(async () => {
    engine = await getEngine();
  });

  const withContext = <T>(text: string, fn: (ctx: FileContext) => T): T => withTextContext(engine, text, fn);

  /** Pieces of definitions, calls and types, so every pattern finds something often. */
  const pieces = [
    'f',
    'ask',
    ' ',
    '\t',
    '\n',
    '=',
    '==',
    '=>',
    ' => ',
    ':',
    ': T',
    ';',
    '(',
    ')',
    '()',
    '(a, b)',
    '<T>',
    'async ',
    'function',
    'function ',
    'lambda',
    ' lambda x',
    'def ',
    'static ',
    '#',
    '$',
    '.',
    '*',
    'x',
  ];
  const texts = textsFrom(pieces, 40);

  it('scanLines(re, hint): the matches of scan(re), for every hinted definition pattern', () => {
    const hinted = [...JS_DEFS, ...PY_DEFS].filter((p): p is [RegExp, RegExp] => !!p[1]);
    assert.equal(hinted.length, 4);
    fc.assert(
      fc.property(texts, fc.constantFrom(...hinted), (text, [re, hint]) => {
        withContext(text, (ctx) => {
          const expected = [...ctx.scan(re)].map((m) => [m.index, m[0], m[1]]);
          const found = [...ctx.scanLines(re, hint)].map((m) => [m.index, m[0], m[1]]);
          assert.deepEqual(found, expected);
        });
      }),
      { numRuns: 3000 },
    );
  });

  it('scanLines(re, hint): the matches of scan(re), for the raw-HTTP endpoint assignment', () => {
    const [re, hint] = ENDPOINT_ASSIGNMENT;
    const endpointPieces = [
      'URL = "',
      'url=f"',
      "u: str = '",
      'const u = `',
      'https://h',
      '/v1/messages',
      '/v1/messages"',
      "/v1/messages'",
      '/v1/messages`',
      '"',
      '=',
      '\n',
      ' ',
      'x',
    ];
    const endpointTexts = textsFrom(endpointPieces, 24);
    let found = 0;
    fc.assert(
      fc.property(endpointTexts, (text) => {
        withContext(text, (ctx) => {
          const expected = [...ctx.scan(re)].map((m) => [m.index, m[0], m[1]]);
          found += expected.length;
          assert.deepEqual(
            [...ctx.scanLines(re, hint)].map((m) => [m.index, m[0], m[1]]),
            expected,
          );
        });
      }),
      { numRuns: 3000 },
    );
    assert.ok(found > 100, `only ${found} matches generated`);
  });

  it('scanLines(re, hint): the matches of scan(re), for the import, method-reference and table patterns', () => {
    const scanPieces = [
      'from ',
      'import ',
      'import',
      '\nfrom a.b import c',
      '\nimport os',
      'c.messages.create,',
      'c.messages.stream)',
      ' messages . create',
      'anthropic',
      'x.y',
      ' as ',
      'client',
      '.messages',
      '.create',
      '.stream',
      '.bind(c)',
      'export ',
      'const ',
      'T = {',
      ' = {',
      ': T ',
      '=',
      '{',
      ')',
      ',',
      ';',
      '\n',
      ' ',
      '\t',
      'x',
    ];
    const scanTexts = textsFrom(scanPieces, 24);
    const pairs: Array<[RegExp, RegExp]> = [
      [PY_IMPORT_RE, PY_IMPORT_HINT],
      [METHOD_REF, METHOD_REF_HINT],
      TABLE_ASSIGNMENT,
    ];
    const found = pairs.map(() => 0);
    fc.assert(
      fc.property(scanTexts, (text) => {
        withContext(text, (ctx) => {
          pairs.forEach(([re, hint], i) => {
            const expected = [...ctx.scan(re)].map((m) => [m.index, m[0], m[1]]);
            found[i] += expected.length;
            assert.deepEqual(
              [...ctx.scanLines(re, hint)].map((m) => [m.index, m[0], m[1]]),
              expected,
            );
          });
        });
      }),
      { numRuns: 3000 },
    );
    assert.ok(
      found.every((n) => n > 100),
      `matches generated: ${found.join(', ')}`,
    );
  });

  it('scanLines finds a definition on every line', () => {
    const [re, hint] = JS_DEFS[1] as [RegExp, RegExp];
    const text = 'a = () => 1\nconst b: T = async function () {}\nc == (d)\n  e = x => x';
    withContext(text, (ctx) => {
      assert.deepEqual(
        [...ctx.scanLines(re, hint)].map((m) => [m[1], m.index]),
        [
          ['a', 0],
          ['b', 18],
          ['e', text.indexOf('e =')],
        ],
      );
    });
  });

  /** The character-by-character version nestingDepth replaced (a table lookup per character). */
  function referenceDepth(text: string): number {
    let depth = 0;
    let max = 0;
    let lineStart = true;
    let indent = 0;
    let arrows = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 40 || c === 91 || c === 123) {
        if (++depth + arrows > max) max = depth + arrows;
      } else if ((c === 41 || c === 93 || c === 125) && depth > 0) {
        depth--;
      } else if (c === 61 && text.charCodeAt(i + 1) === 62) {
        if (depth + ++arrows > max) max = depth + arrows;
      } else if (c === 59 || c === 44) {
        arrows = 0;
      }
      if (c === 10) {
        lineStart = true;
        indent = 0;
        arrows = 0;
      } else if (lineStart && (c === 32 || c === 9)) {
        indent += c === 9 ? 4 : 1;
        if (indent / 2 > max) max = indent / 2;
      } else {
        lineStart = false;
      }
    }
    return max;
  }

  it('nestingDepth: the same depth as the character-by-character version', () => {
    const chars = [
      '(',
      ')',
      '[',
      ']',
      '{',
      '}',
      ' ',
      '  ',
      '\t',
      '\n',
      'x',
      '=',
      '=>',
      '>',
      ';',
      ',',
      'é',
      '\r\n',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...chars), { maxLength: 80 }), (parts) => {
        const text = parts.join('');
        assert.equal(nestingDepth(text), referenceDepth(text));
      }),
      { numRuns: 3000 },
    );
  });
});

/** The definition lookup without a parent walk answers what the one with it answers. */
describe('definedFunctionAt', () => {
  let engine: LintEngine;
  before(async () => {
    engine = await getEngine();
  });

  it('finds the same definition as definedFunction(nodeAt) for every name in the fixtures', () => {
    let defined = 0;
    let names = 0;
    for (const file of fixtureFiles()) {
      const language = languageForPath(file);
      if (!language) {
        continue;
      }
      const text = fs.readFileSync(path.join(fixturesDir, file), 'utf8');
      engine.withTree(text, language, (_, root) => {
        if (!root) {
          return;
        }
        const ctx = new FileContext(text, language, root);
        for (const m of text.matchAll(/#?[A-Za-z_$][\w$]*/g)) {
          const at = m.index;
          const end = pastNextChar(text, at + m[0].length);
          for (const namedExpressions of [false, true]) {
            const id = ctx.nodeAt(at);
            const expected = id ? definedFunction(id, namedExpressions) : null;
            const found = definedFunctionAt(ctx, at, end, namedExpressions);
            assert.equal(found?.startIndex, expected?.startIndex, `${file} at ${at} (${m[0]})`);
            assert.equal(found?.endIndex, expected?.endIndex, `${file} at ${at} (${m[0]})`);
            names++;
            defined += expected ? 1 : 0;
          }
        }
      });
    }
    assert.ok(defined > 100 && names > 10 * defined, `${defined} definitions of ${names} names`);
  });
});

describe('FileContext.callsOf', () => {
  let engine: LintEngine;
  before(async () => {
    engine = await getEngine();
  });

  const pieces = [
    'ask',
    'ask_2',
    'this',
    'self',
    '.',
    ' ',
    '\n',
    '\t',
    '$',
    '_',
    'x',
    '(',
    ' (',
    'a.',
    'this.',
    'self . ',
    'x.this.',
  ];
  const texts = fc
    .array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 2 })), { maxLength: 24 })
    .map((parts) => parts.join(''));

  it('the starts and parentheses of the call patterns it replaces', () => {
    fc.assert(
      fc.property(
        texts,
        fc.constantFrom('ask', 'ask_2', 'x', 'a$b'),
        fc.boolean(),
        (text, name, receiver) => {
          const esc = name.replace(/\$/g, '\\$');
          const re = receiver
            ? new RegExp(`(?<![\\w$.])(?:(?:this|self)\\s*\\.\\s*)?${esc}\\s*\\(`, 'g')
            : new RegExp(`(?<![\\w$.])${esc}\\s*\\(`, 'g');
          const expected = [...text.matchAll(re)].map((m) => ({
            start: m.index,
            paren: m.index + m[0].length - 1,
          }));
          engine.withTree('import anthropic\n', 'python', (_, root) => {
            const ctx = new FileContext(text, 'python', root as NonNullable<typeof root>);
            assert.deepEqual(ctx.callsOf(name, receiver), expected);
          });
        },
      ),
      { numRuns: 4000 },
    );
  });
});
