import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateHeadroom, EXTENSION_ID } from './helpers';

describe('activation', () => {
  it('runs inside VS Code 1.100.x', () => {
    assert.match(vscode.version, /^1\.100\./);
  });

  it('activates the extension', async () => {
    const ext = await activateHeadroom();
    assert.equal(ext.id, EXTENSION_ID);
    assert.equal(ext.isActive, true);
  });

  it('registers every command the manifest contributes', async () => {
    const ext = await activateHeadroom();
    const contributed = (
      ext.packageJSON as { contributes: { commands: Array<{ command: string }> } }
    ).contributes.commands.map((c) => c.command);
    assert.ok(contributed.length > 0);
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((c) => !registered.has(c));
    assert.deepEqual(missing, [], `commands contributed but not registered: ${missing.join(', ')}`);
  });

  it('declares narrow activation events and never "*"', async () => {
    const ext = await activateHeadroom();
    const events = (ext.packageJSON as { activationEvents: string[] }).activationEvents;
    assert.ok(!events.includes('*'));
    for (const lang of ['javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'python']) {
      assert.ok(events.includes(`onLanguage:${lang}`), `missing onLanguage:${lang}`);
    }
  });
});
