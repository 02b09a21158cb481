/**
 * The editor's lint guard in the real extension host: a crafted hostile file is linted in
 * the worker thread while the host keeps answering, its diagnostics still arrive, and a file
 * over the 2 MB cap is not linted at all. Conditions only, no timings.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HeadroomApi } from '../../src/extension';
import { ADVERSARIAL_CASES, sizedInput } from '../unit/hostile/adversarial';
import { activateHeadroom, eventually } from './helpers';

const headroomDiagnostics = (uri: vscode.Uri): vscode.Diagnostic[] =>
  vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Headroom');

describe('lint guard', () => {
  let dir: string;
  let testing: NonNullable<HeadroomApi['testing']>;

  before(async () => {
    const api = (await activateHeadroom()).exports as HeadroomApi;
    if (!api.testing) throw new Error('the harness runs the extension in test mode (HEADROOM_TEST_MODE=1)');
    testing = api.testing;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-guard-'));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lints a hostile file in the worker while the host answers commands, and its diagnostics arrive', async function () {
    this.timeout(240_000);
    // Deep nests around real API calls: seconds of linting, far over the 50 ms budget.
    const c = ADVERSARIAL_CASES.find((x) => x.name === 'JS: Promise.all over nested maps')!;
    const file = path.join(dir, 'hostile.ts');
    fs.writeFileSync(file, sizedInput(c, 200 * 1024));
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(doc);
    await eventually(
      () => testing.lintGuardStatus(doc.uri) === 'inWorker',
      30_000,
      'the lint to start in the worker',
    );

    // A round trip through the workbench and back while that lint is still pending: the
    // host thread is free (a lint on it would hold this test's own code too).
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('workbench.action.focusActiveEditorGroup'));
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    assert.equal(
      testing.lintGuardStatus(doc.uri),
      'inWorker',
      'the hostile lint was still pending after the round trip',
    );

    const diagnostics = await eventually(
      () => headroomDiagnostics(doc.uri).length > 0 && headroomDiagnostics(doc.uri),
      200_000,
      'diagnostics from the worker lint',
    );
    assert.ok(
      diagnostics.some((d) => typeof d.code === 'object' && d.code.value === 'unbounded-fanout'),
      `fan-out reported; got ${diagnostics.map((d) => String(typeof d.code === 'object' ? d.code.value : d.code)).join(', ')}`,
    );
    assert.equal(testing.lintGuardStatus(doc.uri), 'idle');
  });

  it('does not lint a file over the 2 MB cap', async function () {
    this.timeout(180_000);
    const file = path.join(dir, 'huge.ts');
    const line = "import Anthropic from '@anthropic-ai/sdk'; const client = new Anthropic();\n";
    // A finding on line 3 if it were linted: an unbounded fan-out.
    const body =
      'await Promise.all(items.map((i) => client.messages.create({ model: "m", max_tokens: 1, messages: [] })));\n';
    fs.writeFileSync(file, line + body + '// padding\n'.repeat((2.1 * 1024 * 1024) / 11));
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(doc);
    await eventually(() => testing.lintGuardStatus(doc.uri) === 'tooLarge', 30_000, 'the over-cap verdict');
    assert.deepEqual(headroomDiagnostics(doc.uri), []);

    // Cut below the cap: it is linted again, and the fan-out shows.
    const editor = vscode.window.activeTextEditor!;
    await editor.edit((b) => b.delete(new vscode.Range(2, 0, doc.lineCount - 1, 0)));
    const diagnostics = await eventually(
      () => headroomDiagnostics(doc.uri).length > 0 && headroomDiagnostics(doc.uri),
      60_000,
      'diagnostics once under the cap',
    );
    assert.ok(diagnostics.some((d) => typeof d.code === 'object' && d.code.value === 'unbounded-fanout'));
    assert.notEqual(testing.lintGuardStatus(doc.uri), 'tooLarge');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
