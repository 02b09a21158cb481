import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateHeadroom, eventually } from './helpers';

/** Headroom's diagnostics in the workspace folder (files and notebook cells), as the Problems panel lists them. */
function problemsPanel(): { findings: number; files: number } {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the integration tests need the fixture workspace open');
  const root = folder.uri.fsPath;
  const files = new Set<string>();
  let findings = 0;
  for (const [uri, diagnostics] of vscode.languages.getDiagnostics()) {
    const ours = diagnostics.filter((d) => d.source === 'Headroom');
    if (ours.length === 0 || !uri.fsPath.startsWith(root)) continue;
    findings += ours.length;
    files.add(uri.fsPath); // notebook cells share their notebook's path: one file
  }
  return { findings, files: files.size };
}

describe('Headroom: Scan Workspace counts what the Problems panel shows', function () {
  this.timeout(120_000);
  before(async () => {
    await activateHeadroom();
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('counts open files (with unsaved edits) and closed ones alike; its summary equals the panel', async () => {
    const folder = vscode.workspace.workspaceFolders![0]!;
    // One open file with an unsaved edit that adds a finding, one open as saved.
    const edited = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'fanout.ts'));
    const editor = await vscode.window.showTextDocument(edited);
    await editor.edit((e) =>
      e.insert(
        new vscode.Position(edited.lineCount, 0),
        "\nexport const extra = () => client.messages.create({ model: 'claude-haiku-4-5', messages: [] });\n",
      ),
    );
    await vscode.window.showTextDocument(
      await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'sample.ts')),
      { preview: false },
    );
    const summary = (await vscode.commands.executeCommand('headroom.scanWorkspace')) as {
      files: number;
      findings: number;
      filesWithFindings: number;
      cancelled: boolean;
    };
    assert.equal(summary.cancelled, false);
    const fanout = () =>
      vscode.languages
        .getDiagnostics(edited.uri)
        .filter((d) => d.source === 'Headroom')
        .map((d) => String(typeof d.code === 'object' ? d.code.value : d.code));
    // The unsaved edit's missing-max-tokens is in the panel, and so in the summary.
    await eventually(() => fanout().includes('missing-max-tokens'), 20_000, 'the unsaved edit linted');
    const panel = await eventually(
      () => {
        const p = problemsPanel();
        return p.findings === summary.findings && p.files === summary.filesWithFindings && p;
      },
      20_000,
      `the Problems panel to show the summary's ${summary.findings} finding(s) in ${summary.filesWithFindings} file(s); it shows ${JSON.stringify(problemsPanel())}`,
    );
    assert.ok(panel);
    assert.ok(summary.findings > fanout().length, 'closed files are counted too');
  });
});
