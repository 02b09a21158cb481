import * as assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import * as vscode from 'vscode';
import type { ModelCost } from '../../src/core/monitor/costLedger';
import { costOf, priceFor } from '../../src/core/pricing';
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

  it("prices a streamed response's usage and a gzip JSON response's usage, each once", async () => {
    const url = api.monitorView().observing;
    assert.ok(url, 'still observing');
    // headroom-ignore-next-line retries-disabled
    const app = new Anthropic({ apiKey: APP_KEY, baseURL: url, maxRetries: 0 });
    const entry = (model: string): ModelCost | undefined =>
      api.testing!.cost().models.find((m) => m.model === model);
    const expectedUsd = (model: string, u: Anthropic.Usage): number =>
      costOf(
        {
          input_tokens: u.input_tokens,
          output_tokens: u.output_tokens,
          cache_creation_input_tokens: u.cache_creation_input_tokens ?? 0,
          cache_read_input_tokens: u.cache_read_input_tokens ?? 0,
        },
        priceFor(model)!.price,
      );

    // A stream: its usage arrives with its last events, after the header-time observation.
    const streamed = 'claude-opus-4-6';
    const before = entry(streamed);
    const stream = app.messages.stream({
      model: streamed,
      max_tokens: 40,
      messages: [{ role: 'user', content: 'tell me something' }],
    });
    const final = await stream.finalMessage();
    const s = await eventually(
      () => {
        const e = entry(streamed);
        return e && e.requests > (before?.requests ?? 0) && e;
      },
      10_000,
      'the stream priced',
    );
    assert.equal(s.requests, (before?.requests ?? 0) + 1, 'counted once');
    assert.equal(s.outputTokens - (before?.outputTokens ?? 0), final.usage.output_tokens);
    assert.ok(Math.abs(s.usd - (before?.usd ?? 0) - expectedUsd(streamed, final.usage)) < 1e-9);

    // A gzip JSON body sent well after its headers: the observation's hold (1 s) expires
    // before the body is read, so only the exchange record has the usage.
    const json = 'claude-opus-4-5-20251101';
    const jsonBefore = entry(json);
    mock.setFaults({ gzipJson: true, jsonBodyDelayMs: 1500, times: 1 });
    const message = await app.messages.create({
      model: json,
      max_tokens: 24,
      messages: [{ role: 'user', content: 'and something else' }],
    });
    assert.equal(message.type, 'message', 'the SDK decoded the gzip body');
    const j = await eventually(
      () => {
        const e = entry(json);
        return e && e.requests > (jsonBefore?.requests ?? 0) && e;
      },
      10_000,
      'the gzip JSON response priced',
    );
    assert.ok(j.usd - (jsonBefore?.usd ?? 0) > 0);
    assert.ok(Math.abs(j.usd - (jsonBefore?.usd ?? 0) - expectedUsd(json, message.usage)) < 1e-9);
    // The held observation (without usage) went out before the exchange record: priced once.
    assert.equal(entry(json)?.requests, (jsonBefore?.requests ?? 0) + 1, 'counted once');
    assert.equal(entry(streamed)?.requests, (before?.requests ?? 0) + 1, 'counted once');
  });

  it('stops: the source detaches and the status bar leaves observe mode', async () => {
    await vscode.commands.executeCommand('headroom.stopObserving');
    assert.equal(api.monitorView().observing, undefined);
    assert.ok(!api.statusBar().text.includes('$(eye)'));
  });
});
