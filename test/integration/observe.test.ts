import * as assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import * as vscode from 'vscode';
import type { ModelCost } from '../../src/core/monitor/costLedger';
import { formatPercent } from '../../src/core/monitor/format';
import type { Logger } from '../../src/core/logger';
import { parseRateLimitHeaders } from '../../src/core/monitor/headers';
import { ObservationEmitter, type BudgetSource } from '../../src/core/monitor/source';
import { costOf, priceFor } from '../../src/core/pricing';
import { ApiKeyStore } from '../../src/features/apiKey';
import { createMonitor } from '../../src/features/monitor/monitor';
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
    const { data: message, response } = await app.messages
      .create({
        model: 'claude-sonnet-4-6',
        max_tokens: 16,
        messages: [{ role: 'user', content: 'hi' }],
      })
      .withResponse();
    assert.equal(message.type, 'message');
    // What the response said (the mock's bucket refills while a slow machine gets to the
    // request, so 7 of 50 left, or a little more).
    const header = (name: string): number =>
      Number(response.headers.get(`anthropic-ratelimit-requests-${name}`));
    const left = header('remaining') / header('limit');
    assert.ok(left > 0 && left < 0.2, `${left} of the requests left`);

    const view = await eventually(
      () => api.monitorView().state.lastUpdate !== undefined && api.monitorView(),
      10_000,
      'an observation',
    );
    assert.equal(view.state.model, 'claude-sonnet-4-6', 'follows the model the app uses');
    assert.equal(view.state.kind, 'warning');
    assert.equal(api.statusBar().text, `$(warning) ${formatPercent(left)} RPM $(eye)`);
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

    /** Waits for `send`'s response to be priced; checks it counted once, at the table's price. */
    const pricedOnce = async (model: string, send: () => Promise<Anthropic.Message>): Promise<void> => {
      const before = entry(model);
      const message = await send();
      const after = await eventually(
        () => {
          const e = entry(model);
          return e && e.requests > (before?.requests ?? 0) && e;
        },
        10_000,
        `${model} priced`,
      );
      assert.equal(after.requests, (before?.requests ?? 0) + 1, `${model} counted once`);
      assert.equal(after.outputTokens - (before?.outputTokens ?? 0), message.usage.output_tokens);
      const usd = after.usd - (before?.usd ?? 0);
      assert.ok(usd > 0);
      assert.ok(Math.abs(usd - expectedUsd(model, message.usage)) < 1e-9, `${model}: ${usd}`);
    };

    // A stream: its usage arrives with its last events, after the header-time observation.
    await pricedOnce('claude-opus-4-6', () =>
      app.messages
        .stream({
          model: 'claude-opus-4-6',
          max_tokens: 40,
          messages: [{ role: 'user', content: 'tell me something' }],
        })
        .finalMessage(),
    );
    // A gzip JSON body sent well after its headers: the observation's hold (1 s) expires
    // before the body is read, so only the exchange record has the usage. The held
    // observation went out (without usage) before the exchange record: priced once.
    mock.setFaults({ gzipJson: true, jsonBodyDelayMs: 1500, times: 1 });
    await pricedOnce('claude-opus-4-5-20251101', () =>
      app.messages.create({
        model: 'claude-opus-4-5-20251101',
        max_tokens: 24,
        messages: [{ role: 'user', content: 'and something else' }],
      }),
    );
  });

  it('stops: the source detaches and the status bar leaves observe mode', async () => {
    await vscode.commands.executeCommand('headroom.stopObserving');
    assert.equal(api.monitorView().observing, undefined);
    assert.ok(!api.statusBar().text.includes('$(eye)'));
    // With no key of ours, the observed reading has no source any more: the item never shows
    // it without the eye (a reader would take it for a live poll); it waits, then asks for a key.
    assert.match(api.statusBar().text, /waiting for data|set API key/);
    await eventually(() => /set API key/.test(api.statusBar().text));
  });

  it('never shows an observed reading without the eye while a slow key store answers', async () => {
    // Secret Storage answers over IPC (slowly, in a browser workbench); hold its answer
    // until the check below, so the window between detaching and reading the key is wide.
    let answer: (value: string | undefined) => void = () => undefined;
    const secrets: vscode.SecretStorage = {
      get: () => new Promise<string | undefined>((resolve) => (answer = resolve)),
      store: async () => undefined,
      delete: async () => undefined,
      onDidChange: new vscode.EventEmitter<vscode.SecretStorageChangeEvent>().event,
    };
    const keys = new ApiKeyStore(secrets, {});
    const quiet: Logger = {
      trace: () => undefined,
      debug: () => undefined,
      info: () => undefined,
      warn: () => undefined,
      error: () => undefined,
    };
    const memento = {
      get: () => undefined,
      update: async () => undefined,
      keys: () => [],
    } as unknown as vscode.Memento;
    const monitor = createMonitor({ keys, globalState: memento, log: quiet });
    const emitter = new ObservationEmitter();
    const source: BudgetSource = {
      kind: 'observed',
      start: () => undefined,
      stop: () => undefined,
      onObservation: (listener) => emitter.on(listener),
      dispose: () => emitter.dispose(),
    };
    const shown: string[] = [];
    const watching = monitor.onDidChange((v) =>
      shown.push(`${v.observing ?? '-'} ${v.state.kind} ${v.state.lastUpdate ?? '-'}`),
    );
    try {
      const attached = monitor.attachSource(source, 'http://127.0.0.1:1');
      emitter.emit({
        kind: 'response',
        source: 'observed',
        // The model the monitor follows once observing stops, so a tick keeps showing this reading.
        model: monitor.view().config.model,
        at: Date.now(),
        status: 200,
        headers: parseRateLimitHeaders({
          'anthropic-ratelimit-requests-limit': '50',
          'anthropic-ratelimit-requests-remaining': '40',
          'anthropic-ratelimit-requests-reset': new Date(Date.now() + 60_000).toISOString(),
        }),
      });
      assert.ok(monitor.view().state.lastUpdate !== undefined, 'the observed reading is applied');
      attached.dispose();
      // A second's tick redraws the item: still no reading without its source.
      await new Promise((r) => setTimeout(r, 1_200));
      const after = monitor.view();
      assert.equal(after.observing, undefined);
      assert.equal(after.state.lastUpdate, undefined, `shown after detaching: ${shown.join(' | ')}`);
      answer(undefined);
      await eventually(() => monitor.view().state.kind === 'no-key');
      assert.ok(
        shown.every((line) => !line.startsWith('- ') || line.endsWith(' -')),
        `a reading drawn without the eye: ${shown.join(' | ')}`,
      );
    } finally {
      answer(undefined);
      watching.dispose();
      monitor.dispose();
    }
  });
});
