import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { LintEngine } from '../../../src/core/lint';
import { FileContext } from '../../../src/core/lint/context';
import { callSites, JS_DEFS } from '../../../src/core/lint/facts/callGraph';
import { MESSAGES_CALL, messagesAliases } from '../../../src/core/lint/facts/calls';
import { dottedCalls } from '../../../src/core/lint/facts/clients';
import { LIMITER_CALLS, LIMITER_CALLS_HINT } from '../../../src/core/lint/facts/limiters';
import { INPUT_READ, inputReads, SLEEP_SCANS } from '../../../src/core/lint/facts/retryLoops';
import { jsBlocks } from '../../../src/core/lint/facts/testCode';
import { ScanCache, sticky } from '../../../src/core/lint/scanCache';
import { LIST_CONSTANT, listConstantAt } from '../../../src/core/rules/string-matched-error/detect';
import { getEngine, withTextContext } from './helpers';

/** FileContext.wordsOf / usesOf and callSites find what the patterns they replace find (a substring search instead). */
describe('name and call-site searches', () => {
  let engine: LintEngine;
  before(async () => {
    engine = await getEngine();
  });

  /**
   * Runs `fn` on a context of one lint (no scans kept) and on an editor document's (with a
   * `ScanCache`): the searches that read line-local hints in the editor take another path there.
   */
  const withContext = <T>(text: string, fn: (ctx: FileContext) => T): T => {
    withTextContext(engine, text, fn);
    return engine.withTree('import anthropic\n', 'python', (_, root) =>
      fn(new FileContext(text, 'python', root as NonNullable<typeof root>, {}, new ScanCache())),
    );
  };

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
    '#',
    '_',
    'x',
    '(',
    'a.',
    'this.',
    'self . ',
  ];
  const texts = fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 3 })), {
    maxLength: 30,
  });

  it('wordsOf: the matches of (?<![\\w$])name(?![\\w$])', () => {
    fc.assert(
      fc.property(texts, fc.constantFrom('ask', 'ask_2', 'x', '$', 'a$b', 'self'), (parts, name) => {
        const text = parts.join('');
        const re = new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`, 'g');
        const expected = [...text.matchAll(re)].map((m) => m.index);
        withContext(text, (ctx) => assert.deepEqual(ctx.wordsOf(name), expected));
      }),
      { numRuns: 2000 },
    );
  });

  it('usesOf: the names of the matches of (?<![\\w$.])(?:(?:this|self)\\s*\\.\\s*)?name(?![\\w$])', () => {
    fc.assert(
      fc.property(texts, fc.constantFrom('ask', 'ask_2', 'x', 'self', 'this', 'a$b'), (parts, name) => {
        const text = parts.join('');
        const re = new RegExp(
          `(?<![\\w$.])(?:(?:this|self)\\s*\\.\\s*)?${name.replace(/\$/g, '\\$')}(?![\\w$])`,
          'g',
        );
        const expected = [...text.matchAll(re)].map((m) => m.index + m[0].length - name.length);
        withContext(text, (ctx) => assert.deepEqual(ctx.usesOf(name), expected));
      }),
      { numRuns: 2000 },
    );
  });

  it('callSites: the matches of the call-site pattern, read back from each (', () => {
    const CALL_SITE = /(?<![\w$.])((?:this|self)[ \t]*\.[ \t]*)?([A-Za-z_$][\w$]*)[ \t]*\(/g;
    const callPieces = [...pieces, '(', '(', ' (', '1', '#', 'f(', 'this . ', 'x.self.', '\t'];
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...callPieces), fc.string({ maxLength: 2 })), { maxLength: 30 }),
        (parts) => {
          const text = parts.join('');
          const expected = [...text.matchAll(CALL_SITE)].map((m) => {
            let end = (m.index ?? 0) + m[0].length - 1;
            while (text[end - 1] === ' ' || text[end - 1] === '\t') end--;
            return { name: m[2], at: end - m[2].length, method: !!m[1] };
          });
          assert.deepEqual([...callSites(text)], expected);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('scanAfterName: the matches of (?:^|[^\\w$.])name + tail, in a range', () => {
    const tails = [
      /\s*(?::[^=\n]*)?=(?!=)([^;\n]*)/y,
      /\s*\.\s*(append|push|extend|insert|unshift)\s*\(/y,
      /\s*\.\s*(?:push|append)\s*\(/y,
    ];
    const namePieces = [...pieces, ' = ', '=', '==', ': T', ';', '.push(', ' . append (', 'ask =', 'x=x=1'];
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...namePieces), fc.string({ maxLength: 3 })), { maxLength: 30 }),
        fc.constantFrom('ask', 'ask_2', 'x', '$', 'a$b', '_000'),
        fc.constantFrom(...tails),
        fc.nat(),
        fc.nat(),
        (parts, name, tail, a, b) => {
          const text = parts.join('');
          const re = new RegExp(`(?:^|[^\\w$.])${name.replace(/\$/g, '\\$')}${tail.source}`, 'g');
          // (half the time the whole text, as most callers ask)
          const from = a % 2 ? 0 : a % (text.length + 1);
          const to = b % 2 ? text.length : from + (b % (text.length + 1 - from));
          withContext(text, (ctx) =>
            assert.deepEqual(
              [...ctx.scanAfterName(name, tail, from, to)].map((m) => [m.index, ...m]),
              [...ctx.scan(re, from, to)].map((m) => [m.index, ...m]),
            ),
          );
        },
      ),
      { numRuns: 4000 },
    );
  });

  it('scanFromHint: what the pattern finds, tried at its hint matches only', () => {
    // The pairs the facts use (a sticky copy of each pattern, and its head as the hint).
    const ctors = 'pLimit|Sema|Semaphore|Lock|\\$lim';
    const pairs: Array<[RegExp, RegExp]> = [
      [/\b(?:sleep|delay|wait|setTimeout|pause|snooze|backoff|waitFor|timeout)\s*\(/gi, SLEEP_SCANS.js.hint],
      [/\b(?:time\.|asyncio\.|trio\.|anyio\.|gevent\.)?sleep\s*\(/g, SLEEP_SCANS.python.hint],
      [new RegExp(`\\b(?:${ctors})\\s*[(<]`, 'g'), new RegExp(`\\b(?:${ctors})`, 'g')],
      [/\bmessages\s*\.\s*(?:create|stream)\b(?!\s*[(<\w$])/g, /\bmessages/g],
      [/\bmessages\s*\.\s*(?:countTokens|count_tokens)\s*\(/g, /\bmessages/g],
      [/\bPromise\s*\.\s*(all|allSettled|any|race)\s*\(/g, /\bPromise/g],
      [LIMITER_CALLS, LIMITER_CALLS_HINT],
      [JS_DEFS[0][0], JS_DEFS[0][2] as RegExp],
      [/\bmessages\s*\.\s*(create|stream)\s*,/g, /\bmessages/g],
      [MESSAGES_CALL, /\bmessages/g],
      [/\b(?:asyncio\s*\.\s*)?(gather|wait)\s*\(/g, /\b(?:asyncio|gather|wait)/g],
      [
        /\b(ThreadPoolExecutor|ProcessPoolExecutor|Pool|ThreadPool)\s*\(/g,
        /\b(?:ThreadPoolExecutor|ProcessPoolExecutor|Pool|ThreadPool)/g,
      ],
    ];
    const hintPieces = [
      ...pieces,
      'sleep',
      'Sleep',
      'time.',
      'asyncio.',
      'wait',
      'waitFor',
      'timeout',
      'pLimit',
      'Sema',
      'phore',
      'Lock',
      '$lim',
      'messages',
      '.create',
      'count_tokens',
      'stream',
      'Promise',
      '.all',
      '.add',
      '.run',
      'Exclusive',
      'self',
      'this',
      '_wait',
      'function',
      'gather',
      ' as X)',
      '?.',
      '!.',
      'batches',
      '.with_raw_response',
      '<T>',
      'asyncio',
      ',',
      'Thread',
      'Pool',
      'Executor',
      'Process',
      'function*',
      ' * ',
      'f<T>(',
      'pace',
      '()',
      'Settled',
      '<',
      '\n',
      ' \n ',
    ];
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...hintPieces), fc.string({ maxLength: 2 })), { maxLength: 30 }),
        fc.constantFrom(...pairs),
        (parts, [re, hint]) => {
          const text = parts.join('');
          withContext(text, (ctx) =>
            assert.deepEqual(
              [...ctx.scanFromHint(sticky(re), hint)].map((m) => [m.index, ...m]),
              [...ctx.scan(re)].map((m) => [m.index, ...m]),
            ),
          );
        },
      ),
      { numRuns: 6000 },
    );
  });

  /** On random texts of `parts`, what `found` reads equals what `expected` reads. */
  const sameOnTexts = (
    parts: string[],
    found: (ctx: FileContext) => unknown,
    expected: (ctx: FileContext) => unknown,
  ): void =>
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...parts), fc.string({ maxLength: 2 })), { maxLength: 30 }),
        (picked) => withContext(picked.join(''), (ctx) => assert.deepEqual(found(ctx), expected(ctx))),
      ),
      { numRuns: 6000 },
    );

  it('dottedCalls: the matches of the Python client-construction pattern', () => {
    const names = [
      '(?:Async)?(?:Azure)?OpenAI',
      '(?:Async)?Anthropic(?:Bedrock|Vertex|Foundry)?',
      'anthropic\\.(?:Async)?Client',
      'with_options',
      'Client',
      'Claude',
    ].join('|');
    const re = new RegExp(`\\b((?:[A-Za-z_]\\w*\\.)*(?:${names}))\\s*\\(`, 'g');
    const clientPieces = [
      'anthropic',
      '.',
      'Anthropic',
      'Async',
      'Azure',
      'OpenAI',
      'Vertex',
      'Client',
      'Claude',
      'with_options',
      'x',
      '1',
      '_',
      '(',
      ' ',
      '\n',
      '$',
      'a.b.',
      '9x.',
    ];
    sameOnTexts(
      clientPieces,
      (ctx) => [...dottedCalls(ctx, names)].map((m) => [m.index, ...m]),
      (ctx) => [...ctx.scan(re)].map((m) => [m.index, ...m]),
    );
  });

  it('inputReads: the starts of the input-read pattern, its alternatives found apart', () => {
    const readPieces = [
      'input',
      'raw_input',
      'getpass',
      '.',
      ' . ',
      '\n',
      'readline',
      'readLine',
      'receive',
      '_text',
      'recv',
      'question',
      'queue',
      'q',
      'jobs',
      '.get',
      '_nowait',
      '(',
      ' (',
      'x',
      '$',
    ];
    sameOnTexts(
      readPieces,
      (ctx) => inputReads(ctx),
      (ctx) => [...ctx.text.matchAll(INPUT_READ)].map((m) => m.index),
    );
  });

  it('listConstantAt: where the last list-constant match of a name ends, as the scan of them all finds', () => {
    const listPieces = [
      'export',
      'const',
      'let',
      ' ',
      '\n',
      '\r\n',
      '\t',
      'X',
      'Y',
      'export ',
      'const ',
      ' = ',
      '=',
      '==',
      ': T',
      ': ',
      '[',
      '(',
      ';',
      'X = [',
      '\u00a0', // (blank to `\s`, not to `[ \t]`: only a match from a line above reads it)
      'export\n',
      '\n  X = (',
      '.',
      '$',
    ];
    // A match from the line above only: `\s+` after `export` reads the blank `[ \t]*` does not.
    withContext('export\n\u00a0X = [1]\nY = 2', (ctx) => {
      assert.equal(listConstantAt(ctx, 'X'), 12);
      assert.equal(listConstantAt(ctx, 'Y'), undefined);
      assert.equal([...ctx.text.matchAll(LIST_CONSTANT)][0].index, 0);
    });
    for (const name of ['X', 'Y', 'export', 'const']) {
      sameOnTexts(
        listPieces,
        (ctx) => listConstantAt(ctx, name),
        (ctx) => {
          const all = new Map<string, number>();
          for (const m of ctx.text.matchAll(LIST_CONSTANT)) {
            all.set(m[1], (m.index ?? 0) + m[0].length - 1);
          }
          return all.get(name);
        },
      );
    }
  });

  it('scanFromHint example: a hint match inside an earlier match is not tried', () => {
    withContext('a b a b a', (ctx) => {
      const found = [...ctx.scanFromHint(/\ba\s*b\s*a/y, /\ba/g)].map((m) => m.index);
      assert.deepEqual(found, [0]);
      assert.deepEqual(
        found,
        [...ctx.scan(/\ba\s*b\s*a/g)].map((m) => m.index),
      );
    });
  });

  it('scanAfterName examples: overlapping assignments, a member, a longer name, the range', () => {
    const tail = /\s*(?::[^=\n]*)?=(?!=)([^;\n]*)/y;
    const text = 'x = x = 1; a.x = 2; xx = 3;\nx: int = 4 # x\nx == 5; x = 6';
    withContext(text, (ctx) => {
      const found = (from?: number, to?: number): string[] =>
        [...ctx.scanAfterName('x', tail, from, to)].map((m) => `${m.index}:${m[1]}`);
      assert.deepEqual(found(), ['0: x = 1', '27: 4 # x', '50: 6']);
      assert.deepEqual(found(1), ['3: 1', '27: 4 # x', '50: 6']); // (from 1: the second x)
      assert.deepEqual(found(0, 40), ['0: x = 1']); // (the second match ends past 40)
      assert.deepEqual(found(0, 45), ['0: x = 1', '27: 4 # x']);
      assert.deepEqual(found(28, 54), []);
      const scanned = (from: number, to: number): string[] =>
        [...ctx.scan(/(?:^|[^\w$.])x\s*(?::[^=\n]*)?=(?!=)([^;\n]*)/g, from, to)].map(
          (m) => `${m.index}:${m[1]}`,
        );
      for (const [from, to] of [
        [0, text.length],
        [1, text.length],
        [0, 40],
        [0, 45],
        [28, 54],
      ]) {
        assert.deepEqual(found(from, to), scanned(from, to));
      }
    });
  });

  it('usesOf examples', () => {
    const text = 'ask(1); this.ask(2); self . ask(3); other.ask(4); x.this.ask(5); ask_2(); task()';
    withContext(text, (ctx) => {
      assert.deepEqual(
        ctx.usesOf('ask').map((at) => text.slice(at, at + 5)),
        ['ask(1', 'ask(2', 'ask(3'],
      );
    });
  });
});

/** Scans that replace a pattern tried at every offset find what the pattern finds. */
describe('scans replacing costly patterns', () => {
  let engine: LintEngine;
  before(async () => {
    engine = await getEngine();
  });

  const pieces = [
    'it',
    'test',
    'describe',
    'before',
    'beforeEach',
    'items',
    '.',
    ' ',
    '\n',
    '(',
    '$',
    '_',
    'x',
    'messages',
    '.messages',
    ';',
    '=',
    ' = ',
    ':',
    'client',
    'a.b',
    '\t',
    '\r',
  ];
  const texts = fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 3 })), {
    maxLength: 40,
  });

  it('jsBlocks: the matches of the JS test-block pattern', () => {
    const re =
      /(?<![\w$.])(describe|context|suite|it|test|beforeEach|afterEach|beforeAll|afterAll|before|after|setup|teardown)\s*(?:\.|\()/g;
    fc.assert(
      fc.property(texts, (parts) => {
        const text = parts.join('');
        const expected = [...text.matchAll(re)].map((m) => ({ index: m.index, 1: m[1] }));
        withTextContext(engine, text, (ctx) => assert.deepEqual(jsBlocks(ctx), expected));
      }),
      { numRuns: 3000 },
    );
  });

  it('messagesAliases: the matches of the .messages alias pattern, found near its tails', () => {
    const re =
      /(?<![\w$.])([A-Za-z_$][\w$]*)\s*(?::[^=\n;]{0,60})?=\s*[^=\n;][^\n;]{0,200}?\.\s*messages\s*(?:;|$|\n)/gm;
    const shapes = [
      'api',
      ' = ',
      '=',
      'client',
      '.beta',
      '.messages',
      '. messages',
      ';',
      '\n',
      ': T',
      ' ',
      '\t',
    ];
    const long = fc.array(
      fc.oneof(
        fc.constantFrom(...shapes),
        fc.constantFrom(...shapes),
        fc.constantFrom(...pieces),
        fc.string({ maxLength: 3 }),
        fc.constant('x'.repeat(120)),
      ),
      { maxLength: 60 },
    );
    fc.assert(
      fc.property(long, (parts) => {
        const text = parts.join('');
        const expected = [...text.matchAll(re)].map((m) => [m.index, m[0], m[1]]);
        assert.deepEqual(
          messagesAliases(text).map((m) => [m.index, m[0], m[1]]),
          expected,
        );
      }),
      { numRuns: 10000 },
    );
  });
});
