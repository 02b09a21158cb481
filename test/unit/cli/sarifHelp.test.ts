/**
 * SARIF rule help comes from the rule pages (docs/rules/<id>.md): in-process (read from the
 * repository) and from the bundled dist/cli.js (the pages put in at build time).
 */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { RULE_IDS } from '../../../src/core/lint';
import { markdownToText, ruleHelp } from '../../../src/cli/ruleHelp';
import { run, tree } from './helpers';

const repo = path.resolve(__dirname, '../../../..');
const page = (id: string): string => fs.readFileSync(path.join(repo, 'docs/rules', `${id}.md`), 'utf8');
const FANOUT_TS = `import Anthropic from '@anthropic-ai/sdk';
const client = new Anthropic();
export const all = (items: string[]) =>
  Promise.all(items.map((i) => client.messages.create({ model: 'm', max_tokens: 1, messages: [{ role: 'user', content: i }] })));
`;

interface SarifRule {
  id: string;
  help: { text: string; markdown: string };
}

function assertHelpFromPages(rules: SarifRule[]): void {
  assert.deepEqual(
    rules.map((r) => r.id),
    [...RULE_IDS],
  );
  for (const rule of rules) {
    const md = page(rule.id);
    assert.equal(
      rule.help.markdown,
      md.replace(/^# .*\n+/, '').trim(),
      `${rule.id}: the page, less its title`,
    );
    assert.ok(md.startsWith(`# ${rule.id}\n`));
    // The plain text keeps the words and drops the markup.
    assert.match(rule.help.text, /^Default: (error|warning|info)\b/);
    assert.doesNotMatch(rule.help.text, /^\*\*Default|^#+ |\]\(/m);
    assert.ok(rule.help.text.length > 200, `${rule.id}: the whole page, not a line`);
  }
}

describe('SARIF rule help from the rule pages', () => {
  it('in-process: every rule carries its page as Markdown and plain text', async () => {
    const cwd = tree({ 'a.ts': FANOUT_TS });
    const r = await run(['lint', '--format', 'sarif'], cwd);
    const sarif = JSON.parse(r.stdout) as { runs: [{ tool: { driver: { rules: SarifRule[] } } }] };
    assertHelpFromPages(sarif.runs[0].tool.driver.rules);
    const fanout = sarif.runs[0].tool.driver.rules.find((x) => x.id === 'unbounded-fanout')!;
    assert.match(fanout.help.markdown, /^## Why it causes 429s$/m);
    assert.match(fanout.help.text, /^WHY IT CAUSES 429S$/m);
  });

  it('the bundled dist/cli.js carries the pages without reading docs/', async () => {
    const cwd = tree({ 'a.ts': FANOUT_TS });
    const cli = path.join(repo, 'dist/cli.js');
    const { stdout } = await promisify(execFile)(process.execPath, [cli, 'lint', '--format', 'sarif'], {
      cwd,
      encoding: 'utf8',
    }).catch((err: { stdout?: string }) => ({ stdout: err.stdout ?? '' }));
    const sarif = JSON.parse(stdout) as { runs: [{ tool: { driver: { rules: SarifRule[] } } }] };
    assertHelpFromPages(sarif.runs[0].tool.driver.rules);
    assert.match(fs.readFileSync(cli, 'utf8'), /Why it causes 429s/, 'the text is in the bundle itself');
  });

  it('markdownToText drops markup and keeps link targets that are web addresses', () => {
    assert.equal(
      markdownToText('## Title\n\n**Bold** `code` [page](other.md) [site](https://x.test/a)\n\n\n\nEnd'),
      'TITLE\n\nBold code page site (https://x.test/a)\n\nEnd',
    );
    assert.equal(ruleHelp('unbounded-fanout')?.markdown.startsWith('**Default: warning.**'), true);
  });
});
