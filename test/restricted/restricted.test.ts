/**
 * Restricted Mode in real VS Code: this suite runs in its own code-server with workspace
 * trust on and the fixture folder untrusted (test/harness/runIntegration.ts, the
 * `restricted` pass). Linting works; the monitor, which uses the API key, stays off.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HeadroomApi } from '../../src/extension';
import { activateHeadroom, eventually } from '../integration/helpers';
import { TEST_KEY } from '../integration/testKey';

describe('Restricted Mode (untrusted workspace)', function () {
  this.timeout(60_000);
  let api: HeadroomApi;

  before(async () => {
    api = (await activateHeadroom()).exports as HeadroomApi;
  });

  it('really runs untrusted', () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the harness opened the folder in Restricted Mode');
  });

  it('lints: a fan-out in an untrusted folder is reported', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(folder, 'a workspace folder is open');
    const doc = await vscode.workspace.openTextDocument(path.join(folder, 'fanout.ts'));
    await vscode.window.showTextDocument(doc);
    const found = await eventually(
      () => {
        const mine = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'Headroom');
        return mine.length > 0 && mine;
      },
      30_000,
      'Headroom diagnostics in Restricted Mode',
    );
    assert.ok(
      found.some((d) => String(typeof d.code === 'object' ? d.code.value : d.code) === 'unbounded-fanout'),
    );
  });

  it('keeps the monitor off, even with a key stored, and says why', async () => {
    await api.testing?.setApiKey(TEST_KEY);
    await api.testing?.settled();
    const view = api.monitorView();
    assert.equal(view.phase, 'restricted');
    assert.equal(api.testing?.pollerStatus(), undefined, 'no poller runs');
    assert.match(api.statusBar().text, /shield/);
    // appendText escapes spaces (&nbsp;).
    assert.match(api.statusBar().tooltip, /Restricted(&nbsp;| )Mode/);
    await api.testing?.clearApiKey();
  });
});
