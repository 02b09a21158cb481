/**
 * `headroom lint --fix` lays fixes out for the project's own formatter: the print width and
 * quotes come from the project's Prettier config (read through `projectDepsFor`).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as prettier from 'prettier';
import { run, tree } from '../cli/helpers';

const ASK = [
  "import Anthropic from '@anthropic-ai/sdk';",
  '',
  'const client = new Anthropic();',
  '',
  'export async function ask(q: string) {',
  "  return client.messages.create({ model: 'claude-haiku-4-5', messages: [{ role: 'user', content: q }] });",
  '}',
  '',
].join('\n');

describe('headroom lint --fix: the project’s print width', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  for (const [label, files, broken] of [
    [
      'with .prettierrc printWidth 100',
      { '.prettierrc': '{ "singleQuote": true, "printWidth": 100 }' },
      true,
    ],
    ['with .editorconfig max_line_length = 130', { '.editorconfig': '[*]\nmax_line_length = 130\n' }, false],
    ['with no formatter (a line past 80 already)', {}, false],
  ] as const) {
    it(label, async () => {
      const dir = tree({ 'src/ask.ts': ASK, ...files });
      dirs.push(dir);
      const r = await run(['lint', '.', '--fix'], dir);
      assert.match(r.stderr, /applied 1 fix in 1 file/, r.stderr);
      const fixed = fs.readFileSync(path.join(dir, 'src/ask.ts'), 'utf8');
      if (broken) {
        assert.match(
          fixed,
          /\n {2}return client\.messages\.create\(\{\n {4}model: 'claude-haiku-4-5',\n {4}max_tokens: 1024,\n {4}messages: \[\{ role: 'user', content: q \}\],\n {2}\}\);\n/,
        );
        assert.ok(
          await prettier.check(fixed, { singleQuote: true, printWidth: 100, filepath: 'ask.ts' }),
          fixed,
        );
      } else {
        assert.match(
          fixed,
          /\n {2}return client\.messages\.create\(\{ model: 'claude-haiku-4-5', max_tokens: 1024, messages: \[.*\] \}\);\n/,
        );
      }
    });
  }
});
