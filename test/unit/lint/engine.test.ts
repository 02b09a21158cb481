import * as assert from 'node:assert/strict';
import {
  type Finding,
  isLintLanguage,
  languageForNotebook,
  languageForPath,
  type LintEngine,
  MAX_LITERAL_CALLS,
  mayHaveFindings,
  normalizeRuleSettings,
  RULE_IDS,
  ruleDocUrl,
  RULES,
  RuleSetting,
} from '../../../src/core/lint';
import { ruleById } from '../../../src/core/rules';
import { getEngine, pythonThreadPool } from './helpers';

const TS_HEADER = "import Anthropic from '@anthropic-ai/sdk';\nconst client = new Anthropic();\n";
const PY_HEADER = 'import anthropic\nclient = anthropic.Anthropic()\n';
const KEY = `sk-ant-api03-${'Zq8xW2mN4pL6'.repeat(8)}AA`;

function rules(findings: Finding[]): string[] {
  return findings.map((f) => `${f.range.start.line + 1}:${f.rule}`);
}

describe('lint engine API', () => {
  let engine: LintEngine;
  before(async () => {
    engine = await getEngine();
  });

  it('exposes rule ids, metadata and doc URLs', () => {
    assert.deepEqual(
      RULES.map((r) => r.id),
      [...RULE_IDS],
    );
    for (const r of RULES) {
      assert.equal(r.docUrl, `https://github.com/headroom-dev/headroom/blob/main/docs/rules/${r.id}.md`);
      assert.ok(r.description.length > 20);
    }
    assert.equal(
      ruleDocUrl('naive-retry'),
      'https://github.com/headroom-dev/headroom/blob/main/docs/rules/naive-retry.md',
    );
    assert.equal(RULES.find((r) => r.id === 'missing-max-tokens')?.defaultSeverity, 'error');
    assert.equal(RULES.find((r) => r.id === 'unbounded-fanout')?.defaultSeverity, 'warning');
  });

  it('maps file paths and language ids', () => {
    const cases: Array<[string, string | undefined]> = [
      ['a/b.ts', 'typescript'],
      ['x.mts', 'typescript'],
      ['x.cts', 'typescript'],
      ['x.tsx', 'typescriptreact'],
      ['x.js', 'javascript'],
      ['x.MJS', 'javascript'],
      ['x.cjs', 'javascript'],
      ['x.jsx', 'javascriptreact'],
      ['x.py', 'python'],
      ['types.d.ts', undefined],
      ['x.ipynb', undefined],
      ['x.json', undefined],
      ['Makefile', undefined],
      ['dir.ts/file', undefined],
    ];
    for (const [p, lang] of cases) {
      assert.equal(languageForPath(p), lang, p);
    }
    assert.ok(isLintLanguage('typescriptreact'));
    assert.ok(!isLintLanguage('markdown'));
    assert.equal(languageForNotebook(undefined), 'python');
    assert.equal(languageForNotebook('Python3'), 'python');
    assert.equal(languageForNotebook('r'), undefined);
  });

  it('normalises untrusted rule settings', () => {
    assert.deepEqual(
      normalizeRuleSettings({
        'unbounded-fanout': 'Error',
        'naive-retry': 'warn',
        'hardcoded-api-key': false,
        'missing-max-tokens': 'nonsense',
        'no-such-rule': 'off',
        'retries-disabled': 'information',
      }),
      {
        'unbounded-fanout': 'error',
        'naive-retry': 'warning',
        'hardcoded-api-key': 'off',
        'retries-disabled': 'info',
      },
    );
    assert.deepEqual(normalizeRuleSettings(null), {});
    assert.deepEqual(normalizeRuleSettings(['off']), {});
    assert.equal(RuleSetting.from(' OFF '), 'off');
    assert.equal(RuleSetting.from(3), undefined);
  });

  it('reports 1-based ranges with exclusive end columns and offsets into the text', () => {
    const text = `${TS_HEADER}await client.messages.create({ model: 'claude-haiku-4-5', messages: [] });\n`;
    const [f] = engine.lint(text, 'typescript');
    assert.equal(f.rule, 'missing-max-tokens');
    assert.equal(f.severity, 'error');
    assert.equal(f.range.start.line + 1, 3);
    assert.equal(f.range.start.character + 1, 7);
    assert.equal(f.range.end.line + 1, 3);
    assert.equal(f.range.end.character + 1, 7 + 'client.messages.create'.length);
    assert.equal(text.slice(f.start, f.end), 'client.messages.create');
    assert.equal(f.data.rule, 'missing-max-tokens');
    if (f.data.rule === 'missing-max-tokens') {
      assert.equal(text[f.data.insertAt - 1], '{');
      assert.equal(f.data.model, 'claude-haiku-4-5');
      assert.equal(text.slice(f.data.call.call.start, f.data.call.call.end).endsWith('})'), true);
      assert.equal(f.data.call.method, 'create');
    }
  });

  it('counts columns in UTF-16 code units and handles CRLF', () => {
    const lf = `${TS_HEADER}const s = '😀é'; await client.messages.create({ model: 'm', messages: [] });\n`;
    const text = lf.replace(/\n/g, '\r\n');
    const [f] = engine.lint(text, 'typescript');
    assert.equal(f.range.start.line + 1, 3);
    // "const s = '😀é'; await " is 23 UTF-16 code units (the emoji is two).
    assert.equal(f.range.start.character + 1, 24);
    assert.equal(text.slice(f.start, f.end), 'client.messages.create');
  });

  it('reads a parenthesized Python import across CRLF lines (a retry library then found)', () => {
    // tenacity on a create, stacked on the SDK's retries: found only when the import's names are read.
    const lf = [
      'import anthropic',
      'from tenacity import (',
      '    retry,',
      '    stop_after_attempt,',
      ')',
      'client = anthropic.Anthropic()',
      '@retry(stop=stop_after_attempt(3))',
      'def ask(p):',
      '    return client.messages.create(model="m", max_tokens=10, messages=[{"role": "user", "content": p}])',
      '',
    ].join('\n');
    const found = (text: string): string[] => rules(engine.lint(text, 'python'));
    assert.deepEqual(found(lf), ['7:naive-retry']);
    assert.deepEqual(found(lf.replace(/\n/g, '\r\n')), ['7:naive-retry']);
  });

  it('applies rule settings: severity overrides and off', () => {
    const text = `${TS_HEADER}await client.messages.create({ model: 'm', messages: [] });\nconst k = '${KEY}';\n`;
    assert.deepEqual(rules(engine.lint(text, 'typescript')), ['3:missing-max-tokens', '4:hardcoded-api-key']);
    const tuned = engine.lint(text, 'typescript', {
      rules: { 'missing-max-tokens': 'info', 'hardcoded-api-key': 'off' },
    });
    assert.deepEqual(
      tuned.map((f) => [f.rule, f.severity]),
      [['missing-max-tokens', 'info']],
    );
  });

  it('never puts the key in hardcoded-api-key findings', () => {
    const text = `const client = new Anthropic({ apiKey: '${KEY}' });\n`;
    const [f] = engine.lint(text, 'typescript');
    assert.equal(f.rule, 'hardcoded-api-key');
    assert.ok(!f.message.includes(KEY.slice(13, 30)));
    assert.ok(
      !JSON.stringify(f).includes(KEY.slice(13, 30)),
      'no part of the secret anywhere in the finding',
    );
    if (f.data.rule === 'hardcoded-api-key') {
      assert.equal(f.data.context, 'api-key-option');
      assert.equal(text.slice(f.data.key.start, f.data.key.end), KEY);
      assert.equal(f.data.replacement, 'process.env.ANTHROPIC_API_KEY');
    }
  });

  it('isolates a failing rule and reports it through onRuleError', () => {
    const rule = ruleById('missing-max-tokens');
    const original = rule.detect;
    rule.detect = () => {
      throw new Error('boom');
    };
    try {
      const errors: string[] = [];
      const text = `${TS_HEADER}await client.messages.create({ model: 'm', messages: [] });\nconst k = '${KEY}';\n`;
      const findings = engine.lint(text, 'typescript', {
        onRuleError: (id, err) => errors.push(`${id}: ${String(err)}`),
      });
      assert.deepEqual(rules(findings), ['4:hardcoded-api-key']);
      assert.deepEqual(errors, ['missing-max-tokens: Error: boom']);
    } finally {
      rule.detect = original;
    }
  });

  describe('suppression comments', () => {
    const call = "await client.messages.create({ model: 'm', messages: [] });";
    it('JS/TS: headroom-ignore-next-line with and without rule ids', () => {
      const text = [
        TS_HEADER,
        '// headroom-ignore-next-line missing-max-tokens',
        call,
        '// headroom-ignore-next-line',
        call,
        '// headroom-ignore-next-line unbounded-fanout',
        call,
        '// headroom-ignore-next-line no-such-rule',
        call,
        `${call} // headroom-ignore-line`,
        '/* headroom-ignore-next-line naive-retry, missing-max-tokens -- reviewed */',
        call,
      ].join('\n');
      // TS_HEADER ends with a newline, so line 3 is blank and the calls are on lines 5, 7, 9, 11, 12, 14.
      assert.deepEqual(
        engine.lint(text, 'typescript').map((f) => f.range.start.line + 1),
        [9, 11],
      );
    });

    it('JS/TS: headroom-ignore-file', () => {
      const text = `// headroom-ignore-file missing-max-tokens\n${TS_HEADER}${call}\nconst k = '${KEY}';\n`;
      assert.deepEqual(rules(engine.lint(text, 'typescript')), ['5:hardcoded-api-key']);
      const all = `${TS_HEADER}${call}\n// headroom-ignore-file\n`;
      assert.deepEqual(engine.lint(all, 'typescript'), []);
    });

    it('Python: # headroom: ignore[...] on the line and ignore-file', () => {
      const pyCall = 'client.messages.create(model="m", messages=[])';
      const text = [
        PY_HEADER,
        `${pyCall}  # headroom: ignore[missing-max-tokens]`,
        `${pyCall}  # headroom: ignore`,
        `${pyCall}  # headroom: ignore[naive-retry]`,
        `${pyCall}  # headroom: ignore[missing-max-tokens, naive-retry]`,
        '# headroom-ignore-next-line',
        pyCall,
      ].join('\n');
      assert.deepEqual(
        engine.lint(text, 'python').map((f) => f.range.start.line + 1),
        [6],
      );
      const file = `# headroom: ignore-file[missing-max-tokens]\n${PY_HEADER}${pyCall}\n`;
      assert.deepEqual(engine.lint(file, 'python'), []);
    });

    it('ignores directives inside strings', () => {
      const text = `${TS_HEADER}const s = '// headroom-ignore-next-line';\n${call}\n`;
      assert.deepEqual(rules(engine.lint(text, 'typescript')), ['4:missing-max-tokens']);
    });
  });

  describe('what counts as a Claude call', () => {
    it('never reports OpenAI code, even look-alikes', () => {
      const js = [
        "import OpenAI from 'openai';",
        'const client = new OpenAI({ maxRetries: 0 });',
        "await client.beta.threads.messages.create(threadId, { role: 'user', content: 'hi' });",
        'await Promise.all(items.map((x) => client.chat.completions.create({ model: "gpt", messages: [] })));',
        'await Promise.all(items.map((x) => client.messages.create({ model: "x" })));',
      ].join('\n');
      assert.deepEqual(engine.lint(js, 'javascript'), []);
      const py = [
        'from openai import OpenAI',
        'client = OpenAI(max_retries=0)',
        'client.beta.threads.messages.create(thread_id, role="user", content="x")',
        'await asyncio.gather(*[client.messages.create(model="x") for x in xs])',
      ].join('\n');
      assert.deepEqual(engine.lint(py, 'python'), []);
    });

    it('in a file with both SDKs, reports only calls on an Anthropic client', () => {
      const text = [
        "import OpenAI from 'openai';",
        "import Anthropic from '@anthropic-ai/sdk';",
        'const oai = new OpenAI();',
        'const claude = new Anthropic();',
        "await oai.beta.threads.messages.create('t', { role: 'user', content: 'x' });",
        "await claude.messages.create({ model: 'm', messages: [] });",
        "await other.messages.create({ model: 'm', messages: [] });",
      ].join('\n');
      assert.deepEqual(rules(engine.lint(text, 'typescript')), ['6:missing-max-tokens']);
    });

    it('needs the SDK to be imported; a client parameter counts when it is', () => {
      const call = "export const f = (client) => client.messages.create({ model: 'm', messages: [] });";
      assert.deepEqual(engine.lint(call, 'javascript'), []);
      assert.deepEqual(
        rules(engine.lint(`import type { Message } from '@anthropic-ai/sdk';\n${call}`, 'typescript')),
        ['2:missing-max-tokens'],
      );
      const cjs = `const { Anthropic } = require('@anthropic-ai/sdk');\nconst c = new Anthropic();\nc.messages.create({ model: 'm', messages: [] });`;
      assert.deepEqual(rules(engine.lint(cjs, 'javascript')), ['3:missing-max-tokens']);
    });

    it('recognises this.client and self.client, beta and stream calls', () => {
      const ts = [
        "import Anthropic from '@anthropic-ai/sdk';",
        'class S {',
        '  private client = new Anthropic();',
        "  a() { return this.client.beta.messages.stream({ model: 'm', messages: [] }); }",
        '}',
      ].join('\n');
      const [f] = engine.lint(ts, 'typescript');
      assert.equal(f.range.start.line + 1, 4);
      if (f.data.rule === 'missing-max-tokens') {
        assert.equal(f.data.call.method, 'stream');
      }
      const py = [
        'from anthropic import AsyncAnthropic',
        'class S:',
        '    def __init__(self):',
        '        self.client = AsyncAnthropic()',
        '    async def a(self):',
        '        async with self.client.messages.stream(model="m", messages=[]) as s:',
        '            pass',
      ].join('\n');
      assert.deepEqual(rules(engine.lint(py, 'python')), ['6:missing-max-tokens']);
    });

    it('does not count count_tokens, batches.retrieve or models', () => {
      const py = `${PY_HEADER}client.messages.count_tokens(model="m", messages=[])\nclient.messages.batches.retrieve("b")\nclient.models.list()\n`;
      assert.deepEqual(engine.lint(py, 'python'), []);
    });
  });

  it('reports a literal Promise.all only past the default tier burst (MAX_LITERAL_CALLS calls), not a fixed handful', () => {
    const call = (topic: string): string =>
      `client.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 300, messages: [{ role: 'user', content: '${topic}' }] })`;
    const topics = (n: number): string[] => Array.from({ length: n }, (_, i) => `t${i}`);
    const many = `${TS_HEADER}await Promise.all([\n  ${topics(MAX_LITERAL_CALLS + 1)
      .map(call)
      .join(',\n  ')},\n]);\n`;
    const [f, ...rest] = engine.lint(many, 'typescript');
    assert.deepEqual(rest, []);
    assert.equal(f.rule, 'unbounded-fanout');
    assert.equal(f.range.start.line + 1, 3);
    assert.match(f.message, /default tier/);
    if (f.data.rule === 'unbounded-fanout') {
      assert.equal(f.data.sourceKind, 'literal');
      assert.equal(f.data.calls.length, MAX_LITERAL_CALLS + 1);
    }
    const handful = `${TS_HEADER}await Promise.all([${topics(MAX_LITERAL_CALLS).map(call).join(', ')}]);\n`;
    assert.deepEqual(engine.lint(handful, 'typescript'), []);
  });

  it('analyses files with syntax errors where they parse', () => {
    const text = `${TS_HEADER}await client.messages.create({ model: 'm', messages: [] });\nfunction broken( {\n  const x = ;\n`;
    assert.deepEqual(rules(engine.lint(text, 'typescript')), ['3:missing-max-tokens']);
    const py = `${PY_HEADER}client.messages.create(model="m", messages=[])\ndef broken(:\n    pass\n`;
    assert.deepEqual(rules(engine.lint(py, 'python')), ['3:missing-max-tokens']);
  });

  it('does not parse texts that cannot have findings', () => {
    assert.equal(mayHaveFindings('const x = client.messages.create({});'), false);
    assert.equal(mayHaveFindings("import Anthropic from '@anthropic-ai/sdk';"), true);
    assert.equal(mayHaveFindings('import anthropic'), true);
    assert.equal(mayHaveFindings('"""Retries for Anthropic API calls."""'), true);
    assert.equal(mayHaveFindings('const k = "sk-ant-api03-…";'), true);
    // A client injected into a wrapper: the file names a Claude model, not the SDK.
    assert.equal(mayHaveFindings("const model = 'claude-3-5-sonnet-20241022';"), true);
    assert.equal(mayHaveFindings('class TrackedClaude { constructor(client) {} }'), true);
    assert.equal(mayHaveFindings('client = load_claude_client()'), true);
    assert.equal(mayHaveFindings('const client = make(process.env.CLAUDE_KEY);'), true);
    assert.equal(mayHaveFindings("const model = 'gpt-4o';"), false);
  });

  it('lints a file whose only sign of Claude is the factory its client comes from', () => {
    const py = [
      'import time',
      'from .clients import load_claude_client',
      '',
      'client = load_claude_client()',
      '',
      '',
      'def ask(question):',
      '    while True:',
      '        try:',
      '            return client.messages.create(model=MODEL, max_tokens=100, messages=question)',
      '        except Exception:',
      '            time.sleep(5)',
      '',
    ].join('\n');
    assert.deepEqual(rules(engine.lint(py, 'python')), ['8:naive-retry']);
  });

  it('handles empty and whitespace-only text in every language', () => {
    for (const lang of [
      'javascript',
      'javascriptreact',
      'typescript',
      'typescriptreact',
      'python',
    ] as const) {
      assert.deepEqual(engine.lint('', lang), []);
      assert.deepEqual(engine.lint('\n\n  \r\n', lang), []);
    }
  });

  describe('notebooks', () => {
    it('carries imports, clients and functions across cells and reports cell-relative positions', () => {
      const cells = [
        {
          text: '%pip install anthropic\nimport anthropic\nclient = anthropic.AsyncAnthropic()',
          language: 'python' as const,
        },
        {
          text: 'async def one(x):\n    return await client.messages.create(model="m", max_tokens=10, messages=[])',
          language: 'python' as const,
        },
        { text: '!ls\nresults = await asyncio.gather(*[one(x) for x in xs])', language: 'python' as const },
        { text: `key = "${KEY}"`, language: 'python' as const },
      ];
      const findings = engine.lintNotebook(cells);
      assert.deepEqual(
        findings.map((f) => [f.cell, f.range.start.line + 1, f.rule]),
        [
          [2, 2, 'unbounded-fanout'],
          [3, 1, 'hardcoded-api-key'],
        ],
      );
      const fanout = findings[0];
      assert.equal(cells[2].text.slice(fanout.start, fanout.end), 'asyncio.gather');
      assert.equal(fanout.range.start.character + 1, 17);
      if (fanout.data.rule === 'unbounded-fanout') {
        assert.equal(
          cells[2].text.slice(fanout.data.fanoutCallee.start, fanout.data.fanoutCallee.end),
          'asyncio.gather',
        );
        assert.deepEqual(fanout.data.calls, [], 'calls in another cell are dropped from cell-relative data');
        assert.equal(fanout.data.followed, 'one');
      }
    });

    it('applies a file-level suppression in any cell to the whole notebook', () => {
      const cells = [
        { text: 'import anthropic\nclient = anthropic.Anthropic()', language: 'python' as const },
        { text: 'client.messages.create(model="m", messages=[])', language: 'python' as const },
        { text: '# headroom: ignore-file[missing-max-tokens]', language: 'python' as const },
      ];
      assert.deepEqual(engine.lintNotebook(cells), []);
      assert.equal(engine.lintNotebook(cells.slice(0, 2)).length, 1);
    });

    it('needs no import in the same cell, but an import somewhere before', () => {
      const call = { text: 'client.messages.create(model="m", messages=[])', language: 'python' as const };
      assert.deepEqual(engine.lintNotebook([call]), []);
      const withImport = engine.lintNotebook([{ text: 'import anthropic', language: 'python' }, call]);
      assert.deepEqual(
        withImport.map((f) => [f.cell, f.range.start.line + 1]),
        [[1, 1]],
      );
    });
  });

  describe('incremental documents', () => {
    it('applies VS Code content changes in order and matches a fresh lint', () => {
      const text = `${TS_HEADER}await client.messages.create({ model: 'm', max_tokens: 10, messages: [] });\n`;
      const doc = engine.openDocument('typescript', text);
      try {
        assert.deepEqual(doc.lint(), []);
        const at = text.indexOf(' max_tokens: 10,');
        // Two edits in one event, last-to-first as VS Code sends multi-cursor edits.
        doc.update([
          { rangeOffset: at, rangeLength: ' max_tokens: 10,'.length, text: '' },
          { rangeOffset: text.indexOf('await'), rangeLength: 0, text: '// x\n' },
        ]);
        const expected = `${TS_HEADER}// x\nawait client.messages.create({ model: 'm', messages: [] });\n`;
        assert.equal(doc.text, expected);
        assert.deepEqual(rules(doc.lint()), ['4:missing-max-tokens']);
        assert.deepEqual(doc.lint(), engine.lint(expected, 'typescript'));
        doc.setText(text);
        assert.deepEqual(doc.lint(), []);
      } finally {
        doc.dispose();
      }
      assert.deepEqual(doc.lint(), [], 'a disposed document lints to nothing');
      doc.update([{ rangeOffset: 0, rangeLength: 0, text: 'x' }]);
    });

    it('clamps out-of-range changes instead of throwing', () => {
      const doc = engine.openDocument('python', PY_HEADER);
      try {
        doc.update([{ rangeOffset: 10_000, rangeLength: 50, text: '\nclient.messages.create(model="m")\n' }]);
        doc.update([{ rangeOffset: -5, rangeLength: 2, text: '' }]);
        assert.ok(doc.text.endsWith('client.messages.create(model="m")\n'));
        assert.deepEqual(doc.lint(), engine.lint(doc.text, 'python'));
      } finally {
        doc.dispose();
      }
    });
  });
});

describe('unbounded-fanout: the worker-pool bound (max_workers above 8 is unbounded, docs/rules/unbounded-fanout.md)', () => {
  let engine: LintEngine;
  before(async () => {
    engine = await getEngine();
  });

  const python = (workers: string, use: string): string =>
    pythonThreadPool({ workers, alias: 'pool', use, globals: ['WORKERS = 9', 'FEW = 8'] });

  for (const use of ['list(pool.map(ask, qs))', '[pool.submit(ask, q) for q in qs]']) {
    it(`Python ${use.includes('map') ? 'map' : 'submit in a comprehension'}: 7 and 8 workers pass, 9 is reported (also through a constant)`, () => {
      const found = (workers: string): string[] => rules(engine.lint(python(workers, use), 'python'));
      assert.deepEqual(found('7'), []);
      assert.deepEqual(found('8'), []);
      assert.deepEqual(found('FEW'), []);
      assert.deepEqual(found('9'), ['13:unbounded-fanout']);
      assert.deepEqual(found('WORKERS'), ['13:unbounded-fanout']);
    });
  }

  it('JS/TS worker pool of Array.from({ length: n }): 7 and 8 workers pass, 9 is reported', () => {
    const ts = (n: number): string =>
      [
        TS_HEADER.trimEnd(),
        'export async function run(items: string[]) {',
        '  const queue = [...items];',
        '  const worker = async () => {',
        '    for (let item = queue.shift(); item !== undefined; item = queue.shift()) {',
        "      await client.messages.create({ model: 'm', max_tokens: 5, messages: [{ role: 'user', content: item }] });",
        '    }',
        '  };',
        `  await Promise.all(Array.from({ length: ${n} }, worker));`,
        '}',
      ].join('\n');
    assert.deepEqual(rules(engine.lint(ts(7), 'typescript')), []);
    assert.deepEqual(rules(engine.lint(ts(8), 'typescript')), []);
    assert.deepEqual(rules(engine.lint(ts(9), 'typescript')), ['10:unbounded-fanout']);
  });
});
