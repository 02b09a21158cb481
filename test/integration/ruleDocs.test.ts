/**
 * A diagnostic's rule link opens the rule page shipped in the extension (docs/rules/<id>.md)
 * in the Markdown preview, through a command URI: no web address, no network.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateHeadroom, eventually } from './helpers';

const previewTabs = (): vscode.Tab[] =>
  vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(t.input.viewType));

describe('rule docs from a diagnostic', () => {
  before(async () => {
    await activateHeadroom();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it("the code's target runs headroom.openRuleDoc, which previews the bundled page", async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) throw new Error('the integration tests need the fixture workspace open');
    const uri = vscode.Uri.joinPath(folder.uri, 'fanout.ts');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const d = await eventually(
      () => vscode.languages.getDiagnostics(uri).find((x) => x.source === 'Headroom'),
      20_000,
      'a Headroom diagnostic on fanout.ts',
    );
    assert.ok(typeof d.code === 'object', 'the code carries a link');
    const target = d.code.target;
    assert.equal(target.scheme, 'command');
    const args = JSON.parse(target.query) as unknown[];
    assert.deepEqual(args, ['unbounded-fanout']);
    const before = previewTabs().length;
    // What the Problems panel does on a click (the e2e test clicks it for real).
    await vscode.commands.executeCommand(target.path, ...args);
    const tab = await eventually(
      () => previewTabs().length > before && previewTabs().at(-1),
      20_000,
      'a Markdown preview tab',
    );
    assert.match(tab.label, /unbounded-fanout/);
  });
});
