import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { HeadroomApi } from '../../src/extension';
import { activateHeadroom, eventually } from './helpers';

/** The repository's fixtures; the tests edit a copy, so a save under load can never change them. */
const REPO_FIXTURES = join(__dirname, '../../../test/fixtures/lint');
let FIXTURES = REPO_FIXTURES;

/** One fixture per rule, each with a finding of that rule (positions come from the linter). */
const CASES: Array<{ rule: string; file: string }> = [
  { rule: 'unbounded-fanout', file: 'ts/fanout-promise-all-map.ts' },
  { rule: 'unbounded-fanout', file: 'python/fanout-gather-list-comprehension.py' },
  { rule: 'missing-max-tokens', file: 'ts/missing-max-tokens-create.ts' },
  { rule: 'missing-max-tokens', file: 'python/missing-max-tokens-kwargs.py' },
  { rule: 'nonstreaming-max-tokens', file: 'ts/nonstreaming-max-tokens-64000.ts' },
  { rule: 'retries-disabled', file: 'ts/retries-disabled-client.ts' },
  { rule: 'retries-disabled', file: 'python/retries-disabled.py' },
  { rule: 'naive-retry', file: 'ts/naive-retry-no-wait.ts' },
  { rule: 'naive-retry', file: 'python/naive-retry-while-true-fixed-sleep.py' },
  { rule: 'string-matched-error', file: 'ts/string-matched-includes-429.ts' },
  { rule: 'string-matched-error', file: 'python/string-matched-in-str.py' },
  { rule: 'hardcoded-api-key', file: 'ts/hardcoded-key-client-option.ts' },
  { rule: 'hardcoded-api-key', file: 'python/hardcoded-key-client.py' },
];

function codeOf(d: vscode.Diagnostic): string {
  return String(typeof d.code === 'object' ? d.code.value : d.code);
}

function findings(uri: vscode.Uri, rule: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Headroom' && codeOf(d) === rule);
}

/**
 * Asks every provider for code actions, as the lightbulb does. Another extension's provider
 * (the TypeScript server starting up) can cancel the whole request, so retry that case.
 */
async function codeActions(uri: vscode.Uri, range: vscode.Range, kind: string): Promise<vscode.CodeAction[]> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        uri,
        range,
        kind,
      );
    } catch (err) {
      if (attempt >= 5 || !/Canceled/.test(String(err))) throw err;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

describe('quick fixes', function () {
  this.timeout(60_000);
  let testing: NonNullable<HeadroomApi['testing']>;
  before(async () => {
    FIXTURES = mkdtempSync(join(tmpdir(), 'headroom-it-fixtures-'));
    cpSync(REPO_FIXTURES, FIXTURES, { recursive: true });
    const api = (await activateHeadroom()).exports as HeadroomApi;
    assert.ok(api.testing);
    testing = api.testing;
  });
  // The editor may still be writing into the copy (a revert, a cache file) as it closes: retry.
  after(() => rmSync(FIXTURES, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 }));
  afterEach(async () => {
    // Never save: revert the edited editor, so each test starts from the fixture as written.
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  for (const { rule, file } of CASES) {
    it(`${rule} in ${file}: one preferred fix that clears the diagnostic`, async () => {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(join(FIXTURES, file)));
      await vscode.window.showTextDocument(doc);
      const [diagnostic] = await eventually(
        () => findings(doc.uri, rule).length > 0 && findings(doc.uri, rule),
        20_000,
        `${rule} diagnostic`,
      );
      // Headroom's provider, called directly, shows each action's link to its diagnostic.
      const ours = await testing.quickFixes(doc, diagnostic!);
      assert.ok(ours.length > 0, `no Headroom fix offered for ${rule}`);
      for (const a of ours) {
        assert.equal(a.kind?.value, vscode.CodeActionKind.QuickFix.value);
        assert.deepEqual(a.diagnostics, [diagnostic], 'each action is linked to its diagnostic');
      }
      // And VS Code's aggregated list (the lightbulb's) offers the same actions.
      const listed = (
        await codeActions(doc.uri, diagnostic!.range, vscode.CodeActionKind.QuickFix.value)
      ).map((a) => a.title);
      for (const a of ours) {
        assert.ok(listed.includes(a.title), `"${a.title}" is in the lightbulb list: ${listed.join(' | ')}`);
      }
      const preferred = ours.filter((a) => a.isPreferred);
      assert.equal(
        preferred.length,
        1,
        `exactly one preferred among: ${ours.map((a) => a.title).join(' | ')}`,
      );
      if (rule === 'unbounded-fanout') assert.ok(ours.some((a) => /Cap concurrency/.test(a.title)));
      const start = diagnostic!.range.start;
      assert.ok(await vscode.workspace.applyEdit(preferred[0]!.edit!), 'the edit applies');
      await eventually(
        () => !findings(doc.uri, rule).some((d) => d.range.start.line === start.line),
        20_000,
        `the ${rule} diagnostic to clear after "${preferred[0]!.title}"`,
      );
    });
  }

  it('source.fixAll.headroom fixes every safe problem of a file at once', async () => {
    const doc = await vscode.workspace.openTextDocument(
      vscode.Uri.file(join(FIXTURES, 'ts/fanout-and-missing-max-tokens.ts')),
    );
    await vscode.window.showTextDocument(doc);
    await eventually(
      () => vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'Headroom').length >= 2,
      20_000,
      'findings',
    );
    const actions = await codeActions(doc.uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll.headroom');
    const fixAll = actions.find((a) => a.kind?.value === 'source.fixAll.headroom');
    assert.ok(fixAll?.edit, `a fix-all action; got ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fixAll.edit));
    await eventually(
      () => vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'Headroom').length === 0,
      20_000,
      'all findings fixed',
    );
  });

  // Quick fixes read the project's formatter config through a cache that file watchers
  // invalidate (in the workspace and the folders above it); a file opened from outside
  // the workspace has its config read afresh on each request.
  for (const where of ['in the workspace', 'outside the workspace'] as const) {
    it(`a changed .prettierrc ${where} takes effect on the next quick fix`, async () => {
      const parent =
        where === 'in the workspace' ? vscode.workspace.workspaceFolders![0]!.uri.fsPath : tmpdir();
      const dir = mkdtempSync(join(parent, 'headroom-prettierrc-'));
      try {
        writeFileSync(join(dir, '.prettierrc'), '{ "singleQuote": false }\n');
        const file = join(dir, 'title.ts');
        writeFileSync(
          file,
          [
            "import Anthropic from '@anthropic-ai/sdk';",
            '',
            'const client = new Anthropic({ maxRetries: 0 });',
            '',
            'export async function title(body: string) {',
            "  return client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 60, messages: [{ role: 'user', content: body }] });",
            '}',
            '',
          ].join('\n'),
        );
        const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
        await vscode.window.showTextDocument(doc);
        const [diagnostic] = await eventually(
          () => findings(doc.uri, 'retries-disabled').length > 0 && findings(doc.uri, 'retries-disabled'),
          20_000,
          'the retries-disabled diagnostic',
        );
        /** The text the backoff fix inserts, asked for afresh. */
        const inserted = async (): Promise<string> => {
          const action = (await testing.quickFixes(doc, diagnostic!)).find((a) => /backoff/.test(a.title));
          assert.ok(action?.edit, 'a backoff fix');
          return action.edit
            .entries()
            .flatMap(([, edits]) => edits.map((e) => e.newText))
            .join('\n');
        };
        assert.match(await inserted(), /get\("retry-after"\)/, 'double quotes, as configured');
        // Asked again with nothing changed: the same fix (from the cache in the workspace).
        assert.match(await inserted(), /get\("retry-after"\)/);
        writeFileSync(join(dir, '.prettierrc'), '{ "singleQuote": true }\n');
        await eventually(
          async () => /get\('retry-after'\)/.test(await inserted()),
          20_000,
          'the fix to use single quotes once .prettierrc says so',
        );
      } finally {
        rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
      }
    });
  }
});
