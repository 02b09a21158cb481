/**
 * The project's formatting options (`formatOptionsFor`: Prettier config, .editorconfig) and
 * the width-aware layout of fixes (`fitToWidth` through `fixesFor`).
 */
import * as assert from 'node:assert/strict';
import * as prettier from 'prettier';
import { type FormatOptions, formatOptionsFor, projectDepsFor } from '../../../src/core/fix';
import { globMatches } from '../../../src/core/fix/formatConfig';
import { applyFix, lines } from './helpers';

/** A readFile over an in-memory tree; records what was read. */
function tree(files: Record<string, string>): { read: (p: string) => string | undefined; seen: string[] } {
  const seen: string[] = [];
  return {
    read: (p) => {
      seen.push(p);
      return files[p];
    },
    seen,
  };
}

describe('fix: formatOptionsFor (the project’s formatting options)', () => {
  const file = '/p/src/app/a.ts';

  it('nothing configured: no Prettier, no options', () => {
    assert.deepEqual(formatOptionsFor(file, tree({}).read), { prettier: false });
    assert.deepEqual(
      formatOptionsFor(file, tree({}).read, true),
      { prettier: true },
      'a prettier dependency',
    );
  });

  const sources: Array<[string, Record<string, string>]> = [
    ['.prettierrc (JSON)', { '/p/.prettierrc': '{ "printWidth": 100, "singleQuote": true, "semi": false }' }],
    [
      '.prettierrc (YAML)',
      { '/p/.prettierrc': 'printWidth: 100\nsingleQuote: true # quotes\nsemi: false\n' },
    ],
    ['.prettierrc.json', { '/p/.prettierrc.json': '{"printWidth":100,"singleQuote":true,"semi":false}' }],
    ['.prettierrc.yaml', { '/p/.prettierrc.yaml': "printWidth: 100\nsingleQuote: true\nsemi: 'false'\n" }],
    [
      '.prettierrc.json5',
      { '/p/.prettierrc.json5': '// style\n{ printWidth: 100, singleQuote: true, semi: false, }' },
    ],
    ['.prettierrc.toml', { '/p/.prettierrc.toml': 'printWidth = 100\nsingleQuote = true\nsemi = false\n' }],
    [
      'a static prettier.config.js',
      {
        '/p/prettier.config.js':
          "/** @type {import('prettier').Config} */\nmodule.exports = {\n  printWidth: 100,\n  singleQuote: true,\n  semi: false,\n};\n",
      },
    ],
    [
      'a static .prettierrc.mjs',
      { '/p/.prettierrc.mjs': 'export default { printWidth: 100, singleQuote: true, semi: false };\n' },
    ],
    [
      'the package.json "prettier" key',
      { '/p/package.json': '{"name":"p","prettier":{"printWidth":100,"singleQuote":true,"semi":false}}' },
    ],
  ];
  for (const [label, files] of sources) {
    it(`reads ${label}`, () => {
      const got = formatOptionsFor(file, tree(files).read);
      // YAML's quoted 'false' is a string, not a boolean: ignored rather than misread.
      const semi = label === '.prettierrc.yaml' ? {} : { semi: false };
      assert.deepEqual(got, { prettier: true, printWidth: 100, singleQuote: true, ...semi });
    });
  }

  it('reads .editorconfig: the sections matching the file, nearest file last, up to root = true', () => {
    const { read } = tree({
      '/.editorconfig': '[*]\nmax_line_length = 200\n',
      '/p/.editorconfig': [
        'root = true',
        '[*]',
        'indent_style = space',
        'indent_size = 4',
        'max_line_length = 120',
        '[*.{js,ts}]',
        'max_line_length = 100',
        'quote_type = single',
        '[*.md]',
        'max_line_length = off',
      ].join('\n'),
      '/p/src/.editorconfig': '[*.ts]\nindent_style = tab\n',
    });
    assert.deepEqual(formatOptionsFor(file, read), {
      prettier: false,
      useTabs: true,
      tabWidth: 4,
      printWidth: 100,
      singleQuote: true,
    });
    assert.equal(formatOptionsFor('/p/README.py', read).printWidth, 120, 'no [*.{js,ts}] for a .py file');
  });

  it('Prettier config wins over .editorconfig; the nearest Prettier config wins; overrides apply', () => {
    const { read } = tree({
      '/p/.editorconfig': '[*]\nmax_line_length = 120\nindent_size = 4\n',
      '/p/.prettierrc': '{"printWidth": 90, "useTabs": true}',
      '/p/src/.prettierrc.json': JSON.stringify({
        printWidth: 100,
        overrides: [
          { files: '*.ts', options: { printWidth: 110, trailingComma: 'es5' } },
          { files: ['*.js'], options: { printWidth: 70 } },
          { files: '*.ts', excludeFiles: 'a.ts', options: { printWidth: 60 } },
        ],
      }),
    });
    assert.deepEqual(formatOptionsFor(file, read), {
      prettier: true,
      printWidth: 110,
      tabWidth: 4,
      trailingComma: 'es5',
    });
    assert.equal(formatOptionsFor('/p/src/b.js', read).printWidth, 70);
    assert.equal(formatOptionsFor('/p/other/b.ts', read).printWidth, 90, 'the root config');
    assert.equal(formatOptionsFor('/p/other/b.ts', read).useTabs, true);
  });

  it('a malformed or dynamic config gives the defaults and never throws', () => {
    const cases: Array<[Record<string, string>, boolean]> = [
      [{ '/p/.prettierrc': '{ "printWidth": 100, ' }, true],
      [{ '/p/.prettierrc.json': 'not json' }, true],
      [{ '/p/prettier.config.js': 'module.exports = require("@acme/prettier-config");' }, true],
      [{ '/p/prettier.config.mjs': 'export default { printWidth: width() };' }, true],
      [{ '/p/.prettierrc': '{ "printWidth": "wide", "tabWidth": -2, "trailingComma": "some" }' }, true],
      [{ '/p/package.json': '{"prettier": "@acme/prettier-config"}' }, true],
      [{ '/p/package.json': '{ broken' }, false],
      [{ '/p/.editorconfig': '[*\nmax_line_length = wide\nindent_size = -1\n' }, false],
    ];
    for (const [files, present] of cases) {
      // Prettier is there (a config file or key), but none of its options could be read.
      assert.deepEqual(
        formatOptionsFor(file, tree(files).read),
        { prettier: present },
        JSON.stringify(files),
      );
    }
    const throwing = (): string => {
      throw new Error('EACCES');
    };
    assert.deepEqual(formatOptionsFor(file, throwing), { prettier: false });
  });

  it('reads nothing but through readFile, on Windows paths too', () => {
    const { read, seen } = tree({ 'C:\\w\\.prettierrc': 'printWidth: 100' });
    assert.equal(formatOptionsFor('C:\\w\\src\\a.ts', read).printWidth, 100);
    assert.ok(seen.includes('C:\\w\\src\\.prettierrc'));
  });

  it('projectDepsFor passes them on, Prettier present through a dependency alone', () => {
    const { read } = tree({ '/p/package.json': '{"devDependencies":{"prettier":"^3.3.0"}}' });
    assert.deepEqual(projectDepsFor(file, read).format, { prettier: true });
  });

  it('globs: *, **, ?, {a,b}, [..]; a glob with a directory matches on the name', () => {
    assert.ok(globMatches('*', 'a.ts'));
    assert.ok(globMatches('*.{js,ts}', 'a.ts'));
    assert.ok(!globMatches('*.{js,ts}', 'a.tsx'));
    assert.ok(globMatches('**/*.ts', 'a.ts'));
    assert.ok(globMatches('?.ts', 'a.ts'));
    assert.ok(globMatches('[ab].ts', 'b.ts'));
    assert.ok(!globMatches('[!ab].ts', 'b.ts'));
    assert.ok(!globMatches('*.md', 'a.ts'));
  });
});

describe('fix: lines a fix writes keep to the print width', () => {
  const FANOUT = lines(
    "import Anthropic from '@anthropic-ai/sdk';",
    '',
    'const client = new Anthropic();',
    '',
    'export async function grade(answers: string[]) {',
    '  return Promise.all(',
    '    answers.map((a) =>',
    '      client.messages.create({',
    "        model: 'claude-haiku-4-5',",
    '        max_tokens: 300,',
    "        messages: [{ role: 'user', content: `Grade this answer from 0 to 10:\\n${a}` }],",
    '      }),',
    '    ),',
    '  );',
    '}',
  );
  const deps = (format: FormatOptions) => ({ projectDeps: { pLimit: false, tenacity: false, format } });

  it('re-indented into a wrapper, a line past the width is broken as Prettier breaks it', async () => {
    const options = { singleQuote: true, printWidth: 80, filepath: 'a.ts' };
    const src = await prettier.format(FANOUT, { ...options, printWidth: 90 });
    assert.match(src, /messages: \[\{ role: 'user'/, 'one line at 90');
    const { text } = await applyFix(
      src,
      'typescript',
      'unbounded-fanout',
      /semaphore/,
      deps({ prettier: true }),
    );
    assert.match(
      text,
      /\n {10}messages: \[\n {12}\{ role: 'user', content: `Grade this answer from 0 to 10:\\n\$\{a\}` \},\n {10}\],\n/,
    );
    assert.ok(await prettier.check(text, options), text);
    // At 120 columns nothing is broken: the same fix leaves the line whole.
    const wide = await applyFix(
      src,
      'typescript',
      'unbounded-fanout',
      /semaphore/,
      deps({ prettier: true, printWidth: 120 }),
    );
    assert.match(wide.text, /\n {10}messages: \[\{ role: 'user', content: `Grade/);
  });

  it('an entry added to a one-line object breaks it when it no longer fits; a call’s sole object hugs its parentheses', async () => {
    const src = lines(
      "import { AnthropicVertex } from '@anthropic-ai/vertex-sdk';",
      '',
      "const client = new AnthropicVertex({ region: 'europe-west1', projectId: process.env.GCP_PROJECT });",
      '',
      'export const run = (xs: string[]) =>',
      "  Promise.all(xs.map((x) => client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 5, messages: [{ role: 'user', content: x }] })));",
    );
    const narrow = await applyFix(
      src,
      'typescript',
      'unbounded-fanout',
      'unbounded-fanout.raise-retries',
      deps({ prettier: true, printWidth: 100 }),
    );
    assert.match(
      narrow.text,
      /\nconst client = new AnthropicVertex\(\{\n {2}region: 'europe-west1',\n {2}projectId: process\.env\.GCP_PROJECT,\n {2}maxRetries: 6,\n\}\);\n/,
    );
    const wide = await applyFix(
      src,
      'typescript',
      'unbounded-fanout',
      'unbounded-fanout.raise-retries',
      deps({ prettier: true, printWidth: 120 }),
    );
    assert.match(
      wide.text,
      /\nconst client = new AnthropicVertex\(\{ region: 'europe-west1', projectId: process\.env\.GCP_PROJECT, maxRetries: 6 \}\);\n/,
    );
    // No trailing comma when the project says none; tabs when it says tabs.
    const none = await applyFix(
      src,
      'typescript',
      'unbounded-fanout',
      'unbounded-fanout.raise-retries',
      deps({ prettier: true, trailingComma: 'none', useTabs: true }),
    );
    assert.match(none.text, /\n\tprojectId: process\.env\.GCP_PROJECT,\n\tmaxRetries: 6\n\}\);\n/);
  });

  it('lines broken in a CRLF file end with CRLF', async () => {
    const src = lines(
      "import { AnthropicVertex } from '@anthropic-ai/vertex-sdk';",
      "const client = new AnthropicVertex({ region: 'europe-west1', projectId: process.env.GCP_PROJECT });",
      'export const run = (xs: string[]) =>',
      "  Promise.all(xs.map((x) => client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 5, messages: [{ role: 'user', content: x }] })));",
    ).replace(/\n/g, '\r\n');
    const { text } = await applyFix(
      src,
      'typescript',
      'unbounded-fanout',
      'unbounded-fanout.raise-retries',
      deps({ prettier: true }),
    );
    assert.match(
      text,
      /AnthropicVertex\(\{\r\n {2}region: 'europe-west1',\r\n {2}projectId: process\.env\.GCP_PROJECT,\r\n {2}maxRetries: 6,\r\n\}\);\r\n/,
    );
    assert.equal(text.replace(/\r\n/g, '').includes('\n'), false, 'no bare LF');
  });

  it('width unknown (no formatter, lines past 80 in the file): the layout is left as it was', async () => {
    const src = lines(
      "import { AnthropicVertex } from '@anthropic-ai/vertex-sdk';",
      "const client = new AnthropicVertex({ region: 'europe-west1', projectId: process.env.GCP_PROJECT });",
      'export const run = (xs: string[]) =>',
      "  Promise.all(xs.map((x) => client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 5, messages: [{ role: 'user', content: x }] })));",
    );
    const { text } = await applyFix(
      src,
      'typescript',
      'unbounded-fanout',
      'unbounded-fanout.raise-retries',
      deps({ prettier: false }),
    );
    assert.match(
      text,
      /new AnthropicVertex\(\{ region: 'europe-west1', projectId: process\.env\.GCP_PROJECT, maxRetries: 6 \}\);/,
    );
  });

  it('a key moved below its property by Prettier comes back up once the env read replaces it', async () => {
    const key = `sk-ant-api03-FAKE-${'Fake_Key-'.repeat(8)}fakeAA`;
    const src = await prettier.format(
      lines(
        "import Anthropic from '@anthropic-ai/sdk';",
        `export const client = new Anthropic({ apiKey: '${key}', maxRetries: 3 });`,
      ),
      { singleQuote: true, filepath: 'a.ts' },
    );
    assert.match(src, /apiKey:\n {4}'sk-ant/);
    const { text } = await applyFix(
      src,
      'typescript',
      'hardcoded-api-key',
      undefined,
      deps({ prettier: true }),
    );
    assert.match(text, /\n {2}apiKey: process\.env\.ANTHROPIC_API_KEY,\n/);
    assert.ok(await prettier.check(text, { singleQuote: true, filepath: 'a.ts' }), text);
  });
});

describe('fix: a wrapped call in a broken member chain is laid out as Prettier lays out chains', () => {
  /** A class's fan-out whose call a `.then` continues: Prettier breaks the chain before `.create`. */
  const THEN_CHAIN = lines(
    "import Anthropic from '@anthropic-ai/sdk';",
    '',
    'export class Tagger {',
    '  constructor(private readonly client: Anthropic = new Anthropic()) {}',
    '',
    '  async tagAll(notes: string[]): Promise<string[]> {',
    '    return Promise.all(',
    '      notes.map((note) =>',
    "        this.client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 50, messages: [{ role: 'user', content: note }] })",
    "          .then((r) => (r.content[0]?.type === 'text' ? r.content[0].text.trim() : 'untagged')),",
    '      ),',
    '    );',
    '  }',
    '}',
  );
  const STYLES: Array<[string, prettier.Options]> = [
    ['prettier defaults', {}],
    ['single quotes, width 110, 4 spaces', { singleQuote: true, printWidth: 110, tabWidth: 4 }],
  ];
  /** Applies the fix `id` to `src` formatted in `style`; the result must be Prettier-clean. */
  async function fixed(src: string, style: prettier.Options, id: string): Promise<string> {
    const options = { ...style, filepath: 'a.ts' };
    const text = await prettier.format(src, options);
    const { printWidth, tabWidth, singleQuote } = style;
    const { text: out } = await applyFix(text, 'typescript', 'unbounded-fanout', id, {
      projectDeps: {
        pLimit: id === 'unbounded-fanout.p-limit',
        tenacity: false,
        moduleStyle: 'esm',
        format: { prettier: true, printWidth, tabWidth, singleQuote },
      },
    });
    assert.ok(await prettier.check(out, options), out);
    return out;
  }

  it('the wrapped chain joins (`this.client.messages.create({`) and `.then` joins `limit(...)` or follows `.run`', async () => {
    const src = await prettier.format(THEN_CHAIN, { filepath: 'a.ts' });
    assert.match(src, /this\.client\.messages\n {10}\.create\(\{\n/, 'the fixture is a broken chain');
    for (const [name, style] of STYLES) {
      const u = ' '.repeat(style.tabWidth ?? 2);
      const i = u.repeat(4); // the chain's indentation: notes.map's arrow body
      const q = style.singleQuote ? "'" : '"';
      for (const id of ['unbounded-fanout.p-limit', 'unbounded-fanout.with-backoff']) {
        const out = await fixed(THEN_CHAIN, style, id);
        const fn = id.endsWith('p-limit') ? 'limit' : 'withBackoff';
        assert.ok(
          out.includes(`\n${i}${fn}(() =>\n${i}${u}this.client.messages.create({\n${i}${u}${u}model:`),
          `${name} ${id}: the wrapped chain on one line\n${out}`,
        );
        // At width 80 the arrow body goes below `).then((r) =>`, one line; at 110 all of `.then` fits.
        const then = style.printWidth
          ? `(r) => (r.content[0]?.type === ${q}text${q} ? r.content[0].text.trim() : ${q}untagged${q})),\n`
          : `(r) =>\n${i}${u}r.content[0]?.type === "text" ? r.content[0].text.trim() : "untagged",\n${i}),\n`;
        assert.ok(out.includes(`\n${i}${u}}),\n${i}).then(${then}`), `${name} ${id}: .then joined\n${out}`);
      }
      const sem = await fixed(THEN_CHAIN, style, 'unbounded-fanout.semaphore');
      assert.ok(
        sem.includes(`\n${i}limit\n${i}${u}.run(() =>\n${i}${u}${u}this.client.messages.create({\n`) &&
          sem.includes(`\n${i}${u})\n${i}${u}.then((r) =>`),
        `${name}: limit.run broken before .run, .then below it\n${sem}`,
      );
    }
  });

  it('a chain that fits once joined hugs the wrapper; one of more than two calls stays broken', async () => {
    const short = THEN_CHAIN.replace(/create\(\{[^\n]*\}\)/, 'create(req(note))');
    for (const [name, style] of STYLES) {
      const u = ' '.repeat(style.tabWidth ?? 2);
      const i = u.repeat(4);
      const capped = await fixed(short, style, 'unbounded-fanout.p-limit');
      assert.ok(
        capped.includes(`\n${i}limit(() => this.client.messages.create(req(note))).then((r) =>\n`),
        `${name}\n${capped}`,
      );
      const sem = await fixed(short, style, 'unbounded-fanout.semaphore');
      assert.ok(
        sem.includes(
          `\n${i}limit\n${i}${u}.run(() => this.client.messages.create(req(note)))\n${i}${u}.then(`,
        ),
        `${name}\n${sem}`,
      );
    }
    // `.withResponse()` is wrapped with the call: three calls, a chain Prettier keeps broken.
    const three = THEN_CHAIN.replace('})\n', '}).withResponse()\n').replace(
      /\.then\(\(r\) => [^\n]*\)\),/,
      '.then(({ data }) => data.id),',
    );
    const out = await fixed(three, {}, 'unbounded-fanout.p-limit');
    assert.match(
      out,
      /limit\(\(\) =>\n {10}this\.client\.messages\n {12}\.create\(\{\n[^]*\n {12}\}\)\n {12}\.withResponse\(\)\n {12}\.then\(/,
    );
  });
});
