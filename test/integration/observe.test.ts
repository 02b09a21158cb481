import * as assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import * as vscode from 'vscode';
import type { HeadroomApi } from '../../src/extension';
import { startMockAnthropic, type MockAnthropic } from '../mock-anthropic/server';
import { activateHeadroom, eventually } from './helpers';
import { APP_KEY } from './testKey';

describe('observe mode', function () {
  this.timeout(60_000);
  let api: HeadroomApi;
  let mock: MockAnthropic;
  const config = () => vscode.workspace.getConfiguration('headroom.monitor');

  before(async () => {
    api = (await activateHeadroom()).exports as HeadroomApi;
    mock = await startMockAnthropic({ apiKey: APP_KEY });
    await config().update('baseUrl', mock.url, vscode.ConfigurationTarget.Global);
    await config().update('notifications', 'off', vscode.ConfigurationTarget.Global);
    await api.testing?.clearApiKey();
  });

  after(async () => {
    await vscode.commands.executeCommand('headroom.stopObserving');
    for (const key of ['baseUrl', 'notifications']) {
      await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    }
    await mock.close();
  });

  it("shows the app's own traffic through the proxy, with no key of ours and no polling", async () => {
    const url = await vscode.commands.executeCommand<string>('headroom.startObserving');
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(api.monitorView().observing, url);

    // The "app": the real SDK pointed at the proxy, with its own key. No retries, so the
    // server sees exactly the requests the test makes.
    // headroom-ignore-next-line retries-disabled
    const app = new Anthropic({ apiKey: APP_KEY, baseURL: url, maxRetries: 0 });
    mock.setRemaining('claude-sonnet-4-6', { requests: 8 });
    const message = await app.messages.create({
      model: 'claude-sonnet-4-6',
      max_tokens: 16,
      messages: [{ role: 'user', content: 'hi' }],
    });
    assert.equal(message.type, 'message');

    const view = await eventually(
      () => api.monitorView().state.lastUpdate !== undefined && api.monitorView(),
      10_000,
      'an observation',
    );
    assert.equal(view.state.model, 'claude-sonnet-4-6', 'follows the model the app uses');
    assert.equal(view.state.kind, 'warning');
    assert.match(api.statusBar().text, /^\$\(warning\) 14% RPM \$\(eye\)$/);
    assert.match(api.statusBar().tooltip, /observed/);
    // Only the app's request reached the server: the monitor spent nothing.
    assert.equal(mock.stats().requests, 1);
  });

  it('stops: the source detaches and the status bar leaves observe mode', async () => {
    await vscode.commands.executeCommand('headroom.stopObserving');
    assert.equal(api.monitorView().observing, undefined);
    assert.ok(!api.statusBar().text.includes('$(eye)'));
  });
});
