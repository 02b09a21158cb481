import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateHeadroom, eventually } from './helpers';

const SOURCE = 'Headroom';

function headroomDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

function ruleIds(diagnostics: vscode.Diagnostic[]): string[] {
  return diagnostics.map((d) => String(typeof d.code === 'object' ? d.code.value : d.code)).sort();
}

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the integration tests need the fixture workspace open');
  return vscode.Uri.joinPath(folder.uri, name);
}

describe('diagnostics', () => {
  before(async () => {
    await activateHeadroom();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace
      .getConfiguration('headroom.lint')
      .update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace
      .getConfiguration('headroom.lint')
      .update('enable', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('reports an unbounded fan-out in TypeScript with a code that links to the rule doc', async () => {
    const uri = workspaceFile('fanout.ts');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const diagnostics = await eventually(
      () => headroomDiagnostics(uri).length > 0 && headroomDiagnostics(uri),
      20_000,
      'diagnostics on fanout.ts',
    );
    assert.deepEqual(ruleIds(diagnostics), ['unbounded-fanout']);
    const d = diagnostics[0]!;
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(d.range.start.line, 5, 'the finding starts at Promise.all (line 6)');
    assert.ok(
      typeof d.code === 'object' &&
        d.code.target.scheme === 'command' &&
        d.code.target.path === 'headroom.openRuleDoc' &&
        d.code.target.query === '["unbounded-fanout"]',
    );
  });

  it('reports Python fan-out and a missing max_tokens', async () => {
    const uri = workspaceFile('pipeline.py');
    await vscode.workspace.openTextDocument(uri);
    const diagnostics = await eventually(
      () => headroomDiagnostics(uri).length >= 2 && headroomDiagnostics(uri),
      20_000,
      'diagnostics on pipeline.py',
    );
    assert.deepEqual(ruleIds(diagnostics), ['missing-max-tokens', 'unbounded-fanout']);
    const missing = diagnostics.find((d) => ruleIds([d])[0] === 'missing-max-tokens')!;
    assert.equal(missing.severity, vscode.DiagnosticSeverity.Error);
  });

  it('updates on edit and clears when the problem is fixed', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceFile('clean.js'));
    const editor = await vscode.window.showTextDocument(doc);
    // A fake key: the test types it to see the finding appear.
    const bad =
      // headroom-ignore-next-line hardcoded-api-key
      "\nconst key = 'sk-ant-api03-FAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEAA';\n";
    const end = doc.lineAt(doc.lineCount - 1).range.end;
    await editor.edit((b) => b.insert(end, bad));
    const diagnostics = await eventually(
      () => headroomDiagnostics(doc.uri).length > 0 && headroomDiagnostics(doc.uri),
      20_000,
      'hardcoded key finding',
    );
    assert.deepEqual(ruleIds(diagnostics), ['hardcoded-api-key']);
    assert.ok(!diagnostics[0]!.message.includes('FAKEFAKE'), 'the message never repeats the key');
    await vscode.commands.executeCommand('undo');
    await eventually(
      () => headroomDiagnostics(doc.uri).length === 0,
      20_000,
      'the finding to clear after undo',
    );
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('honours per-rule levels and the enable switch from settings', async () => {
    const uri = workspaceFile('fanout.ts');
    await vscode.workspace.openTextDocument(uri);
    await eventually(() => headroomDiagnostics(uri).length > 0, 20_000, 'initial finding');
    const config = vscode.workspace.getConfiguration('headroom.lint');
    await config.update('rules', { 'unbounded-fanout': 'error' }, vscode.ConfigurationTarget.Workspace);
    await eventually(
      () => headroomDiagnostics(uri)[0]?.severity === vscode.DiagnosticSeverity.Error,
      20_000,
      'severity error',
    );
    await config.update('enable', false, vscode.ConfigurationTarget.Workspace);
    await eventually(
      () => headroomDiagnostics(uri).length === 0,
      20_000,
      'diagnostics to clear when disabled',
    );
  });

  it('lints notebook cells with imports from earlier cells', async () => {
    const notebook = await vscode.workspace.openNotebookDocument(workspaceFile('batch.ipynb'));
    await vscode.window.showNotebookDocument(notebook);
    const cell = notebook.cellAt(2);
    const diagnostics = await eventually(
      () => headroomDiagnostics(cell.document.uri).length > 0 && headroomDiagnostics(cell.document.uri),
      20_000,
      'diagnostics in the third cell',
    );
    assert.deepEqual(ruleIds(diagnostics), ['missing-max-tokens']);
    assert.equal(diagnostics[0]!.range.start.line, 0);
  });

  it('reads open dotenv files for API keys (VS Code calls .env "properties", .env.local plain text)', async () => {
    // Built at run time, so this file holds no key-shaped literal.
    const key = `sk-ant-api03-${'FAKE'.repeat(23)}fakeAA`;
    const text = new TextEncoder().encode(`NODE_ENV=development\nANTHROPIC_API_KEY=${key}\n`);
    const names = ['.env', '.env.local'];
    try {
      for (const name of names) {
        await vscode.workspace.fs.writeFile(workspaceFile(name), text);
        const doc = await vscode.workspace.openTextDocument(workspaceFile(name));
        const diagnostics = await eventually(
          () => headroomDiagnostics(doc.uri).length > 0 && headroomDiagnostics(doc.uri),
          20_000,
          `diagnostics on ${name} (language ${doc.languageId})`,
        );
        assert.deepEqual(ruleIds(diagnostics), ['hardcoded-api-key'], name);
        assert.equal(diagnostics[0]!.range.start.line, 1, name);
        assert.ok(
          diagnostics[0]!.message.startsWith('This dotenv file is not git-ignored'),
          diagnostics[0]!.message,
        );
        assert.ok(!diagnostics[0]!.message.includes(key), 'the message never repeats the key');
      }
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      for (const name of names) {
        await vscode.workspace.fs.delete(workspaceFile(name));
      }
    }
  });

  it('reads a retry wrapper the file imports from the workspace, and lints again when the wrapper is edited', async () => {
    const wrapper = workspaceFile('xfile/lib/retry.ts');
    const app = workspaceFile('xfile/app/ask.ts');
    const encode = (s: string) => new TextEncoder().encode(s);
    await vscode.workspace.fs.writeFile(
      wrapper,
      encode(
        [
          'const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));',
          'export async function withRetry<T>(run: () => Promise<T>): Promise<T> {',
          '  for (let i = 0; ; i++) {',
          '    try {',
          '      return await run();',
          '    } catch (err) {',
          '      if (i === 2) throw err;',
          '      await sleep(3000);',
          '    }',
          '  }',
          '}',
          '',
        ].join('\n'),
      ),
    );
    await vscode.workspace.fs.writeFile(
      app,
      encode(
        [
          "import Anthropic from '@anthropic-ai/sdk';",
          "import { withRetry } from '../lib/retry';",
          'const client = new Anthropic();',
          'export const ask = (q: string) =>',
          "  withRetry(() => client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 64, messages: [{ role: 'user', content: q }] }));",
          '',
        ].join('\n'),
      ),
    );
    try {
      await vscode.workspace.openTextDocument(app);
      const [retry] = await eventually(
        () =>
          headroomDiagnostics(app).filter((d) => ruleIds([d])[0] === 'naive-retry').length > 0 &&
          headroomDiagnostics(app),
        20_000,
        'the imported wrapper finding on xfile/app/ask.ts',
      );
      assert.equal(retry!.range.start.line, 4, 'on the withRetry( application');
      assert.match(
        retry!.message,
        /after a fixed 3 s wait.*It is withRetry\(\) in xfile\/lib\/retry\.ts \(line 2\)/s,
      );
      // The wrapper, edited (unsaved) to wait what the 429 says: the importer's finding goes.
      const doc = await vscode.workspace.openTextDocument(wrapper);
      const edit = new vscode.WorkspaceEdit();
      const line = doc.lineAt(7);
      edit.replace(
        wrapper,
        line.range,
        "      await sleep(Number((err as { headers?: Headers }).headers?.get('retry-after') ?? 1) * 1000);",
      );
      assert.ok(await vscode.workspace.applyEdit(edit));
      await eventually(
        () => !headroomDiagnostics(app).some((d) => ruleIds([d])[0] === 'naive-retry'),
        20_000,
        'the finding to go once the wrapper reads retry-after',
      );
      await doc.save();
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.delete(workspaceFile('xfile'), { recursive: true, useTrash: false });
    }
  });
});

describe('Headroom: Scan Workspace', () => {
  before(async () => {
    await activateHeadroom();
  });

  it('lints closed files, skipping node_modules, .gitignored and files.exclude paths', async () => {
    const enc = new TextEncoder();
    const bad = await vscode.workspace.fs.readFile(workspaceFile('fanout.ts'));
    await vscode.workspace.fs.writeFile(workspaceFile('node_modules/some-lib/index.ts'), bad);
    await vscode.workspace.fs.writeFile(workspaceFile('generated/ignored.ts'), bad);
    await vscode.workspace.fs.writeFile(workspaceFile('hidden/excluded.ts'), bad);
    await vscode.workspace.fs.writeFile(workspaceFile('nested/copy.ts'), bad);
    await vscode.workspace.fs.writeFile(
      workspaceFile('nested/broken.py'),
      enc.encode('def broken(:\n    client.messages.create(model="x")\n'),
    );
    await vscode.workspace
      .getConfiguration('files')
      .update('exclude', { '**/hidden': true }, vscode.ConfigurationTarget.Workspace);
    try {
      const summary = (await vscode.commands.executeCommand('headroom.scanWorkspace')) as {
        files: number;
        findings: number;
        cancelled: boolean;
      };
      assert.equal(summary.cancelled, false);
      assert.ok(summary.files >= 6, `scanned ${summary.files} files`);
      assert.deepEqual(ruleIds(headroomDiagnostics(workspaceFile('nested/copy.ts'))), ['unbounded-fanout']);
      assert.deepEqual(headroomDiagnostics(workspaceFile('node_modules/some-lib/index.ts')), []);
      assert.deepEqual(headroomDiagnostics(workspaceFile('generated/ignored.ts')), []);
      assert.deepEqual(headroomDiagnostics(workspaceFile('hidden/excluded.ts')), []);
      assert.deepEqual(headroomDiagnostics(workspaceFile('clean.js')), []);
    } finally {
      await vscode.workspace
        .getConfiguration('files')
        .update('exclude', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
