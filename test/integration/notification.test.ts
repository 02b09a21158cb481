import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HeadroomApi } from '../../src/extension';
import type { MockAnthropic } from '../mock-anthropic/server';
import { eventually, monitorAgainstMock, releaseMonitor } from './helpers';

const MODEL = 'claude-haiku-4-5';

/**
 * VS Code cannot close a toast, so the warning/critical notification is a progress
 * notification the monitor ends: this suite shows it ends when the budget recovers and
 * that a worse state supersedes it.
 */
describe('budget notifications end when the state recovers', function () {
  this.timeout(60_000);
  let api: HeadroomApi;
  let testing: NonNullable<HeadroomApi['testing']>;
  let mock: MockAnthropic;
  const refresh = () => vscode.commands.executeCommand('headroom.refresh');

  before(async () => {
    ({ api, testing, mock } = await monitorAgainstMock(MODEL));
    await vscode.workspace
      .getConfiguration('headroom.monitor')
      .update('notifications', 'all', vscode.ConfigurationTarget.Global);
    await testing.settled();
  });

  after(() => releaseMonitor(testing, mock));

  it('shows a warning, supersedes it with critical, and withdraws it on recovery', async () => {
    mock.setRemaining(MODEL, { requests: 6 });
    await refresh();
    assert.equal(api.monitorView().state.kind, 'warning');
    const warning = await eventually(() => testing.activeNotification(), 10_000, 'the warning notification');
    assert.equal(warning.kind, 'warning');
    assert.match(warning.message, /Only \d+% of requests per minute left/);

    mock.setRemaining(MODEL, { requests: 1 });
    await refresh();
    assert.equal(api.monitorView().state.kind, 'critical');
    assert.equal(testing.activeNotification()?.kind, 'critical', 'critical replaces the warning');

    mock.reset();
    await refresh();
    assert.equal(api.monitorView().state.kind, 'ok');
    assert.equal(testing.activeNotification(), undefined, 'recovered: the notification is gone');
  });
});
