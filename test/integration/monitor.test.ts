import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HeadroomApi } from '../../src/extension';
import { startMockAnthropic, type MockAnthropic, type MockFaults } from '../mock-anthropic/server';
import { eventually, monitorAgainstMock, releaseMonitor } from './helpers';
import { TEST_KEY } from './testKey';

const MODEL = 'claude-haiku-4-5';

describe('budget monitor against the local Anthropic-compatible server', function () {
  this.timeout(60_000);
  let api: HeadroomApi;
  let testing: NonNullable<HeadroomApi['testing']>;
  let mock: MockAnthropic;
  const monitorConfig = () => vscode.workspace.getConfiguration('headroom.monitor');

  const refresh = async (): Promise<void> => {
    await vscode.commands.executeCommand('headroom.refresh');
  };
  const bar = () => api.statusBar();

  /** Applies a fault, refreshes once, and returns what the status bar shows. */
  const afterFault = async (faults: MockFaults) => {
    mock.setFaults(faults);
    const before = mock.stats().requests;
    await refresh();
    // The server records a request when it answers, so a timed-out one is not counted yet.
    if (faults.latencyMs === undefined) {
      assert.equal(mock.stats().requests, before + 1, 'exactly one request per refresh');
    }
    return bar();
  };

  /** Heals the server and checks the monitor recovers on the next poll. */
  const heal = async (): Promise<void> => {
    mock.setFaults({});
    await refresh();
    assert.match(bar().text, /^\$\(pulse\) \d+% RPM$/, `recovered: ${bar().text}`);
    assert.equal(testing.pollerStatus()?.consecutiveFailures, 0);
  };

  before(async () => {
    ({ api, testing, mock } = await monitorAgainstMock(MODEL));
  });

  after(() => releaseMonitor(testing, mock));

  beforeEach(() => mock.reset());

  it('shows the binding limit and a tooltip table from real headers (ok)', async () => {
    await refresh();
    const view = api.monitorView();
    assert.equal(view.state.kind, 'ok');
    assert.equal(view.simulated, true);
    assert.match(bar().text, /^\$\(pulse\) 9\d% RPM$/);
    assert.equal(bar().background, undefined);
    const tooltip = bar().tooltip;
    for (const row of ['Requests/min', 'Input tok/min', 'Output tok/min']) {
      assert.ok(tooltip.includes(row), `tooltip has ${row}:\n${tooltip}`);
    }
    assert.match(tooltip, /simulated API/);
    assert.match(tooltip, /req_/);
    assert.match(tooltip, new RegExp(MODEL));
    assert.ok(!/NaN|undefined/.test(tooltip), tooltip);
  });

  it('turns yellow below warnAt and red below 5%', async () => {
    mock.setRemaining(MODEL, { requests: 6 });
    await refresh();
    assert.match(bar().text, /^\$\(warning\) 10% RPM$/);
    assert.equal(bar().background, 'statusBarItem.warningBackground');
    mock.setRemaining(MODEL, { requests: 2 });
    await refresh();
    assert.match(bar().text, /^\$\(error\) 2% RPM$/);
    assert.equal(bar().background, 'statusBarItem.errorBackground');
    mock.reset();
    await heal();
  });

  it('counts down a 429 retry-after, sends nothing meanwhile, then recovers', async () => {
    const shown = await afterFault({ error: 'rate-limit', retryAfterSeconds: 2, times: 1 });
    assert.match(shown.text, /^\$\(error\) 429 · [12]s$/);
    assert.equal(shown.background, 'statusBarItem.errorBackground');
    assert.match(shown.tooltip, /Retry after/);
    const blocked = testing.pollerStatus()?.blockedUntil;
    assert.ok(
      blocked !== undefined && blocked > Date.now(),
      'the poller holds back until retry-after passes',
    );
    const count = mock.stats().requests;
    await refresh();
    assert.equal(mock.stats().requests, count, 'no request while retry-after runs');
    await new Promise((r) => setTimeout(r, Math.max(0, blocked - Date.now()) + 100));
    await heal();
  });

  it('shows a 429 without retry-after and backs off', async () => {
    const shown = await afterFault({ error: 'rate-limit-no-retry-after' });
    assert.match(shown.text, /^\$\(error\) 429/);
    assert.ok((testing.pollerStatus()?.consecutiveFailures ?? 0) >= 1);
    await heal();
  });

  it('tells the monthly spend cap apart from a rate limit', async () => {
    const shown = await afterFault({ error: 'spend-cap' });
    assert.equal(shown.text, '$(credit-card) spend cap');
    assert.equal(shown.background, 'statusBarItem.errorBackground');
    assert.equal(api.monitorView().state.kind, 'spend-cap');
  });

  it('says 529 is the platform, not your limit', async () => {
    const shown = await afterFault({ error: 'overloaded' });
    assert.equal(shown.text, '$(cloud) 529 overloaded');
    assert.equal(shown.background, 'statusBarItem.warningBackground');
    assert.match(shown.tooltip, /overload/i);
    await heal();
  });

  it('reports a 500 as an API error and backs off exponentially', async () => {
    const shown = await afterFault({ error: 'internal' });
    assert.equal(shown.text, '$(alert) 500 API error');
    const first = testing.pollerStatus();
    await refresh();
    const second = testing.pollerStatus();
    assert.ok(first && second && second.consecutiveFailures > first.consecutiveFailures);
    const now = Date.now();
    assert.ok(
      (second.nextDueAt ?? 0) - now > (first.nextDueAt ?? 0) - now,
      'the wait grows after each failure',
    );
    await heal();
  });

  it('shows a rejected key (401) and a missing permission (403) without the key', async () => {
    let shown = await afterFault({ error: 'unauthorized' });
    assert.equal(shown.text, '$(key) 401 key rejected');
    assert.equal(shown.background, 'statusBarItem.errorBackground');
    assert.ok(!shown.tooltip.includes(TEST_KEY));
    shown = await afterFault({ error: 'forbidden' });
    assert.equal(shown.text, '$(key) 403 no permission');
    await heal();
  });

  it('survives malformed and missing rate-limit headers and a garbage body', async () => {
    for (const faults of [
      { malformedRateLimitHeaders: true },
      { missingRateLimitHeaders: true },
      { garbageBody: true },
    ]) {
      const shown = await afterFault(faults);
      assert.ok(
        !/NaN|undefined|Infinity/.test(shown.text + shown.tooltip),
        `${JSON.stringify(faults)}: ${shown.text}`,
      );
    }
    await heal();
  });

  it('goes offline on a timeout and when the server is down, then recovers', async () => {
    const shown = await afterFault({ latencyMs: 5_000, times: 1 });
    assert.equal(shown.text, '$(debug-disconnect) offline');
    assert.match(shown.tooltip, /time/i);
    await heal();
    const port = mock.port;
    await mock.close();
    await refresh();
    assert.equal(bar().text, '$(debug-disconnect) offline');
    mock = await startMockAnthropic({ apiKey: TEST_KEY, port });
    await heal();
  });

  it('refuses a plain-http base URL that leaves the machine, and recovers when fixed', async () => {
    await monitorConfig().update('baseUrl', 'http://api.example.com', vscode.ConfigurationTarget.Global);
    await testing.settled();
    assert.equal(api.monitorView().phase, 'bad-endpoint');
    assert.equal(bar().text, '$(error) Headroom: bad base URL');
    assert.match(bar().tooltip, /https/);
    await monitorConfig().update('baseUrl', mock.url, vscode.ConfigurationTarget.Global);
    await testing.settled();
    await heal();
  });

  it('ignores a base URL set by the workspace: the key only goes where the user said', async () => {
    const folder = vscode.workspace.workspaceFolders![0]!.uri;
    const settingsFile = vscode.Uri.joinPath(folder, '.vscode', 'settings.json');
    const enc = new TextEncoder();
    await vscode.workspace.fs.writeFile(
      settingsFile,
      enc.encode(
        JSON.stringify({
          'headroom.monitor.baseUrl': 'https://attacker.example',
          'headroom.monitor.warnAt': 0.3,
        }),
      ),
    );
    try {
      await eventually(
        () => vscode.workspace.getConfiguration('headroom.monitor').inspect('warnAt')?.workspaceValue === 0.3,
        10_000,
        'the workspace settings file to load (its warnAt shows it was read)',
      );
      await testing.settled();
      assert.equal(api.monitorView().config.baseUrl, mock.url);
      const before = mock.stats().requests;
      await refresh();
      assert.equal(mock.stats().requests, before + 1, 'the poll still went to the user-configured server');
    } finally {
      await vscode.workspace.fs.delete(settingsFile);
    }
  });

  it('never puts the key in the state, tooltip or settings', () => {
    const view = api.monitorView();
    assert.ok(!JSON.stringify(view).includes(TEST_KEY));
    assert.ok(!bar().tooltip.includes(TEST_KEY));
    const inspected = JSON.stringify(vscode.workspace.getConfiguration('headroom').inspect('monitor'));
    assert.ok(!inspected.includes(TEST_KEY));
  });
});
