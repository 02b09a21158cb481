import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import {
  type LintWithTree,
  type TextEdit,
  applyEdits,
  fixAll,
  projectDepsFor,
  unifiedDiff,
} from '../../../src/core/fix';
import { detectStyle } from '../../../src/core/fix/style';
import { Tokens } from '../../../src/core/fix/tokens';
import type { LintLanguage } from '../../../src/core/lint';
import { context, getEngine, lines, lintWithTree, repoRoot } from './helpers';

/** The tokens of a text, read from its tree (which is freed again). */
async function tokens(text: string, language: LintLanguage): Promise<Tokens> {
  const engine = await getEngine();
  const tree = engine.parse(text, language, null, {});
  assert.ok(tree);
  try {
    return new Tokens(text, language === 'python', tree.rootNode);
  } finally {
    tree.delete();
  }
}

describe('fix: applyEdits', () => {
  it('applies edits given in any order; inserts at one point keep their order', () => {
    const edits: TextEdit[] = [
      { start: 6, end: 11, newText: 'there' },
      { start: 0, end: 0, newText: '>' },
      { start: 0, end: 0, newText: '> ' },
      { start: 5, end: 5, newText: ',' },
    ];
    assert.equal(applyEdits('hello world', edits), '>> hello, there');
  });

  it('rejects overlapping edits', () => {
    assert.throws(() =>
      applyEdits('abcdef', [
        { start: 0, end: 3, newText: 'x' },
        { start: 2, end: 4, newText: 'y' },
      ]),
    );
  });

  it('equals applying the edits one by one from the end (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 60 }),
        fc.array(fc.tuple(fc.nat(), fc.nat(4), fc.string({ maxLength: 5 })), { maxLength: 8 }),
        (text, raw) => {
          // Non-overlapping edits: sorted, each starting at or after the previous end.
          const edits: TextEdit[] = [];
          let pos = 0;
          for (const [gap, len, newText] of raw) {
            const start = Math.min(text.length, pos + (gap % 7));
            const end = Math.min(text.length, start + len);
            edits.push({ start, end, newText });
            pos = end;
          }
          let expected = text;
          for (const e of [...edits].reverse()) {
            expected = expected.slice(0, e.start) + e.newText + expected.slice(e.end);
          }
          assert.equal(applyEdits(text, edits), expected);
          // Order does not matter, except among inserts at one offset (they keep array order).
          if (!edits.some((e, i) => i > 0 && e.start === edits[i - 1].start)) {
            assert.equal(applyEdits(text, [...edits].reverse()), expected);
          }
        },
      ),
    );
  });
});

/** Applies a unified diff to `before` (test helper; trusts hunk headers). */
function patch(before: string, diff: string): string {
  const src = before === '' ? [] : before.replace(/\n$/, '').split('\n');
  const out: string[] = [];
  let at = 0;
  const ls = diff.split('\n');
  let noFinalNewline = before !== '' && !before.endsWith('\n');
  for (let i = 2; i < ls.length; i++) {
    const h = /^@@ -(\d+),(\d+) \+\d+,\d+ @@$/.exec(ls[i]);
    if (h) {
      const start = Number(h[2]) === 0 ? Number(h[1]) : Number(h[1]) - 1;
      out.push(...src.slice(at, start));
      at = start;
      continue;
    }
    const line = ls[i];
    if (line.startsWith(' ')) {
      out.push(line.slice(1));
      at++;
    } else if (line.startsWith('-')) {
      at++;
    } else if (line.startsWith('+')) {
      out.push(line.slice(1));
    } else if (line.startsWith('\\')) {
      noFinalNewline = ls[i - 1].startsWith('+') || ls[i - 1].startsWith(' ');
    }
  }
  out.push(...src.slice(at));
  return out.length ? out.join('\n') + (noFinalNewline ? '' : '\n') : '';
}

describe('fix: unifiedDiff', () => {
  it('prints git-style hunks with 3 lines of context', () => {
    const before = lines('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j');
    const after = lines('a', 'b', 'c', 'd', 'E', 'f', 'g', 'h', 'i', 'j', 'k');
    assert.equal(
      unifiedDiff('src/x.ts', before, after),
      [
        '--- a/src/x.ts',
        '+++ b/src/x.ts',
        '@@ -2,9 +2,10 @@',
        ' b',
        ' c',
        ' d',
        '-e',
        '+E',
        ' f',
        ' g',
        ' h',
        ' i',
        ' j',
        '+k',
        '',
      ].join('\n'),
    );
    assert.equal(unifiedDiff('x', before, before), '');
  });

  it('round-trips through a patch (property)', () => {
    const linesArb = fc.array(fc.constantFrom('a', 'b', 'c', 'd', ''), { maxLength: 30 });
    fc.assert(
      fc.property(linesArb, linesArb, (a, b) => {
        const before = a.length ? a.join('\n') + '\n' : '';
        const after = b.length ? b.join('\n') + '\n' : '';
        assert.equal(patch(before, unifiedDiff('f', before, after)), after);
      }),
    );
  });
});

describe('fix: projectDepsFor', () => {
  const root = path.join(repoRoot, 'test/fixtures/fix/projects');
  // Nothing above the fixture projects is read (Headroom's own .prettierrc is not theirs).
  const read = (p: string): string | undefined =>
    p.startsWith(root) && fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : undefined;

  it('finds p-limit and the module type in the nearest package.json', () => {
    assert.deepEqual(projectDepsFor(path.join(root, 'esm-plimit/src/lib/fanout.ts'), read), {
      pLimit: true,
      pLimitMajor: 6,
      tenacity: false,
      moduleStyle: 'esm',
      format: { prettier: false },
    });
    assert.deepEqual(projectDepsFor(path.join(root, 'esm-plimit/packages/plain/src/a.ts'), read), {
      pLimit: false,
      tenacity: false,
      moduleStyle: 'commonjs',
      format: { prettier: false },
    });
    assert.deepEqual(projectDepsFor(path.join(root, 'cjs-plimit3/lib/a.cjs'), read), {
      pLimit: true,
      pLimitMajor: 3,
      tenacity: false,
      moduleStyle: 'commonjs',
      format: { prettier: false },
    });
  });

  it('finds tenacity in requirements.txt or pyproject.toml', () => {
    assert.equal(projectDepsFor(path.join(root, 'py-tenacity/app/jobs/run.py'), read).tenacity, true);
    assert.equal(projectDepsFor(path.join(root, 'py-pyproject/src/pkg/mod.py'), read).tenacity, true);
    assert.equal(projectDepsFor(path.join(root, 'py-plain/main.py'), read).tenacity, false);
  });

  it('reads nothing but through readFile, and handles Windows paths', () => {
    const files: Record<string, string> = { 'C:\\w\\package.json': '{"devDependencies":{"p-limit":"^5"}}' };
    const seen: string[] = [];
    const deps = projectDepsFor('C:\\w\\src\\a.ts', (p) => {
      seen.push(p);
      return files[p];
    });
    assert.deepEqual(deps, {
      pLimit: true,
      pLimitMajor: 5,
      tenacity: false,
      moduleStyle: 'commonjs',
      format: { prettier: false },
    });
    assert.ok(seen.includes('C:\\w\\src\\package.json'));
  });
});

describe('fix: style detection', () => {
  const style = async (text: string, language: LintLanguage = 'typescript') =>
    detectStyle(await tokens(text, language), undefined);

  it('indentation: tabs, 2 or 4 spaces', async () => {
    assert.equal((await style('function f() {\n\tif (x) {\n\t\ty();\n\t}\n}\n')).indent, '\t');
    assert.equal((await style('function f() {\n  if (x) {\n    y();\n  }\n}\n')).indent, '  ');
    assert.equal((await style('def f():\n    if x:\n        y()\n', 'python')).indent, '    ');
    assert.equal((await style('x = 1\n', 'python')).indent, '    ');
  });

  it('quotes, semicolons, line breaks and module style', async () => {
    const s = await style('import a from "a"\nconst b = "x"\nexport default b\n');
    assert.equal(s.quote, '"');
    assert.equal(s.semicolons, false);
    assert.equal(s.module, 'esm');
    const c = await style("const a = require('a');\r\nmodule.exports = a;\r\n");
    assert.equal(c.quote, "'");
    assert.equal(c.semicolons, true);
    assert.equal(c.eol, '\r\n');
    assert.equal(c.module, 'commonjs');
    assert.equal((await style('"""Doc."""\nx = \'a\'\n', 'python')).quote, "'");
  });

  it('the tokens skip strings, comments, template literals and regexes', async () => {
    const src = await tokens(
      "const a = `x ${f('(')} y`; // )\nconst r = /\\(/g; g(a, [1, 2]);",
      'javascript',
    );
    const open = src.text.indexOf('g(a') + 1;
    assert.equal(src.text[src.match(open)], ')');
    assert.deepEqual(
      src.items(open).map((s) => src.text.slice(s.start, s.end)),
      ['a', '[1, 2]'],
    );
    const py = await tokens('x = """(\n"""  # (\ny = f(1, (2, 3))\n', 'python');
    const p = py.text.indexOf('f(') + 1;
    assert.equal(py.items(p).length, 2);
  });

  it('keeps CRLF line breaks in inserted code', async () => {
    const text = lines(
      "import Anthropic from '@anthropic-ai/sdk';",
      'const client = new Anthropic();',
      "export const all = (xs: string[]) => Promise.all(xs.map((x) => client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 5, messages: [{ role: 'user', content: x }] })));",
    ).replace(/\n/g, '\r\n');
    const out = fixAll(text, context(text, 'typescript'), await lintWithTree('typescript')).text;
    assert.match(out, /class Semaphore/);
    assert.equal(out.split('\r\n').length, out.split('\n').length);
  });
});

describe('fix: fixAll', () => {
  const TS = lines(
    "import Anthropic from '@anthropic-ai/sdk';",
    '',
    "const client = new Anthropic({ apiKey: 'sk-ant-api03-" +
      'FAKE'.repeat(23) +
      "fakeAA', maxRetries: 0 });",
    '',
    'export async function all(docs: string[]) {',
    '  return Promise.all(',
    '    docs.map((d) =>',
    "      client.messages.create({ model: 'claude-haiku-4-5', messages: [{ role: 'user', content: d }] }),",
    '    ),',
    '  );',
    '}',
    '',
    'export async function one(q: string) {',
    '  try {',
    "    return await client.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 64000, messages: [{ role: 'user', content: q }] });",
    '  } catch (e) {',
    '    if (e instanceof Error && /rate limit/i.test(e.message)) return null;',
    '    throw e;',
    '  }',
    '}',
  );

  it('applies every safe fix, re-linting between them, and is idempotent; behaviour-changing fixes stay out', async () => {
    const engine = await getEngine();
    const lint = (t: string) => engine.lint(t, 'typescript');
    const lintTree = await lintWithTree('typescript');
    assert.deepEqual([...new Set(lint(TS).map((f) => f.rule))].sort(), [
      'hardcoded-api-key',
      'missing-max-tokens',
      'nonstreaming-max-tokens',
      'retries-disabled',
      'string-matched-error',
      'unbounded-fanout',
    ]);
    const once = fixAll(TS, context(TS, 'typescript'), lintTree);
    // Raising maxRetries and reading the key from the environment change behaviour: left alone.
    assert.deepEqual([...new Set(lint(once.text).map((f) => f.rule))].sort(), [
      'hardcoded-api-key',
      'retries-disabled',
    ]);
    assert.deepEqual(once.applied.sort(), [
      'Add max_tokens: 1024',
      'Cap concurrency at 8 with a semaphore (from settings; not sized: no rate limits measured for claude-haiku-4-5 yet)',
      'Stream the response (messages.stream + finalMessage())',
      'Test the class: e instanceof Anthropic.RateLimitError',
    ]);
    assert.match(once.text, /max_tokens: 64000/);
    assert.match(once.text, /maxRetries: 0 \}\);/);
    assert.match(once.text, /client\.messages\.stream\(\{[^\n]*\}\)\.finalMessage\(\)/);
    const twice = fixAll(once.text, context(once.text, 'typescript'), lintTree);
    assert.equal(twice.text, once.text);
    assert.deepEqual(twice.applied, []);
  });

  it('stops on a fix that does not clear its finding (bounded)', async () => {
    const engine = await getEngine();
    let calls = 0;
    // A finding that stays where it was whatever the text (its safe fix never clears it).
    const finding = {
      rule: 'missing-max-tokens' as const,
      severity: 'error' as const,
      message: 'm',
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } },
      start: 0,
      end: 5,
      data: {
        rule: 'missing-max-tokens' as const,
        language: 'js' as const,
        call: {
          call: { start: 0, end: 5 },
          callee: { start: 0, end: 1 },
          receiver: { start: 0, end: 1 },
          args: { start: 1, end: 5 },
          params: { start: 2, end: 4 },
          method: 'create' as const,
        },
        insertAt: 3,
      },
    };
    const result = fixAll('f({})', context('f({})', 'javascript'), (text, use) => {
      calls++;
      const tree = engine.parse(text, 'javascript', null, {});
      assert.ok(tree);
      try {
        return use([finding], tree.rootNode);
      } finally {
        tree.delete();
      }
    });
    assert.equal(result.text, 'f({ max_tokens: 1024 })');
    assert.ok(calls <= 3, `linted ${calls} times`);
  });

  it('applies fixes that only insert into their own call together: a few lints for 200 findings, not one each', async () => {
    const lintTree = await lintWithTree('typescript');
    const calls = Array.from(
      { length: 200 },
      (_, i) =>
        `export const ask${i} = (p: string) =>\n  client.messages.create({ model: 'claude-haiku-4-5', messages: [{ role: 'user', content: p }] });\n`,
    ).join('');
    const text = `import Anthropic from '@anthropic-ai/sdk';\n\nconst client = new Anthropic();\n\n${calls}`;
    let lints = 0;
    const counted: LintWithTree = (t, use) => {
      lints++;
      return lintTree(t, use);
    };
    const result = fixAll(text, context(text, 'typescript'), counted);
    assert.equal(result.applied.length, 200);
    assert.equal(result.text.split('max_tokens: 1024').length - 1, 200);
    assert.ok(lints <= 3, `linted ${lints} times`);
    // The same text as fixing the calls one at a time, first to last.
    let oneByOne = text;
    for (let i = 0; i < 200; i++) {
      oneByOne = oneByOne.replace(
        /create\(\{ model: 'claude-haiku-4-5', messages/,
        "create({ model: 'claude-haiku-4-5', max_tokens: 1024, messages",
      );
    }
    assert.equal(result.text, oneByOne);
  });

  it('applies a fix that edits outside its call alone, then the inserting ones', async () => {
    const lintTree = await lintWithTree('typescript');
    const text = lines(
      "import Anthropic from '@anthropic-ai/sdk';",
      'const client = new Anthropic();',
      "export const a = (p: string) => client.messages.create({ model: 'claude-haiku-4-5', messages: [{ role: 'user', content: p }] });",
      "export const b = (p: string) => client.messages.create({ model: 'claude-haiku-4-5', messages: [{ role: 'user', content: p }] });",
      "export const all = (xs: string[]) => Promise.all(xs.map((x) => client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 5, messages: [{ role: 'user', content: x }] })));",
    );
    let lints = 0;
    const result = fixAll(text, context(text, 'typescript'), (t, use) => {
      lints++;
      return lintTree(t, use);
    });
    assert.equal(result.applied.filter((t) => t === 'Add max_tokens: 1024').length, 2);
    assert.equal(result.applied.filter((t) => t.startsWith('Cap concurrency')).length, 1);
    assert.match(result.text, /class Semaphore/);
    assert.equal(lints, 3, 'one round for the two inserts, one for the cap, one to find nothing left');
  });
});
