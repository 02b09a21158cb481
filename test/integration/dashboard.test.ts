import * as assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { HeadroomApi } from '../../src/extension';
import { CSV_COLUMNS, History, HISTORY_FORMAT } from '../../src/core/history';
import { parseRateLimitHeaders } from '../../src/core/monitor/headers';
import type { ResponseObservation } from '../../src/core/monitor/source';
import { Logger } from '../../src/core/logger';
import type { DashboardTestState } from '../../src/features/dashboard/dashboard';
import {
  HISTORY_STATE_KEY,
  loadHistory,
  registerHistoryRecorder,
} from '../../src/features/dashboard/historyStore';
import type { MockAnthropic } from '../mock-anthropic/server';
import { activateHeadroom, eventually, monitorAgainstMock, releaseMonitor } from './helpers';
import { TEST_KEY } from './testKey';

const MODEL = 'claude-haiku-4-5';
const VIEW_TYPE = 'headroom.dashboard';

function dashboardTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(VIEW_TYPE));
}

async function testState(): Promise<DashboardTestState> {
  return vscode.commands.executeCommand<DashboardTestState>('headroom.dashboard.testState');
}

/**
 * Opens (or reveals) the dashboard and waits for a posted state: each test that reads the
 * panel opens it itself, so it passes when a --grep runs it without the test that opened it.
 */
async function shownDashboard(): Promise<DashboardTestState> {
  await vscode.commands.executeCommand('headroom.showDashboard');
  return eventually(
    async () => {
      const s = await testState();
      return s.visible && s.lastState !== undefined && s;
    },
    20_000,
    'the dashboard to be shown with a state',
  );
}

/** A Memento in memory, like globalState. */
class MemoryMemento implements vscode.Memento {
  readonly values = new Map<string, unknown>();
  updates = 0;
  keys(): readonly string[] {
    return [...this.values.keys()];
  }
  get<T>(key: string, defaultValue?: T): T | undefined {
    return this.values.has(key) ? (this.values.get(key) as T) : defaultValue;
  }
  update(key: string, value: unknown): Thenable<void> {
    this.updates++;
    // globalState stores JSON: keep what a reload would see.
    this.values.set(key, JSON.parse(JSON.stringify(value)) as unknown);
    return Promise.resolve();
  }
}

function observation(at: number, remaining: number, status = 200): ResponseObservation {
  return {
    kind: 'response',
    source: 'observed',
    model: MODEL,
    at,
    status,
    latencyMs: 120 + (at % 50),
    headers: parseRateLimitHeaders({
      'anthropic-ratelimit-requests-limit': '50',
      'anthropic-ratelimit-requests-remaining': String(remaining),
      'anthropic-ratelimit-requests-reset': new Date(at + 5000).toISOString(),
    }),
    usage: { inputTokens: 10, outputTokens: 2 },
  };
}

describe('dashboard', function () {
  this.timeout(90_000);
  let testing: NonNullable<HeadroomApi['testing']>;
  let mock: MockAnthropic;

  before(async () => {
    ({ testing, mock } = await monitorAgainstMock(MODEL));
  });

  after(async () => {
    for (const tab of dashboardTabs()) await vscode.window.tabGroups.close(tab);
    await releaseMonitor(testing, mock);
  });

  it('contributes "Headroom: Show Dashboard"', async () => {
    const ext = await activateHeadroom();
    const commands = (
      ext.packageJSON as { contributes: { commands: { command: string; title: string; category: string }[] } }
    ).contributes.commands;
    const show = commands.find((c) => c.command === 'headroom.showDashboard');
    assert.deepEqual(show && { title: show.title, category: show.category }, {
      title: 'Show Dashboard',
      category: 'Headroom',
    });
  });

  it('opens one panel with the expected title and view type, and reveals it again', async () => {
    await vscode.commands.executeCommand('headroom.showDashboard');
    const [tab] = await eventually(
      () => {
        const tabs = dashboardTabs();
        return tabs.length > 0 && tabs;
      },
      10_000,
      'the dashboard tab',
    );
    assert.equal(tab?.label, 'Headroom Dashboard');
    const state = await testState();
    assert.equal(state.open, true);
    assert.equal(state.viewType, VIEW_TYPE);
    assert.equal(state.title, 'Headroom Dashboard');
    await vscode.commands.executeCommand('headroom.showDashboard');
    assert.equal(dashboardTabs().length, 1, 'a second Show Dashboard reveals the same panel');
  });

  it('loads only its own bundled script, under a strict CSP with a nonce', async () => {
    const { html = '' } = await shownDashboard();
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    assert.ok(csp, 'a CSP meta tag');
    const directives = new Map(
      csp.split(';').map((d) => {
        const [name = '', ...values] = d.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    assert.deepEqual(directives.get('default-src'), ["'none'"]);
    const scriptSrc = directives.get('script-src') ?? [];
    assert.equal(scriptSrc.length, 1, `script-src is the nonce only: ${scriptSrc.join(' ')}`);
    const nonce = /^'nonce-([A-Za-z0-9+/=]{16,})'$/.exec(scriptSrc[0] ?? '')?.[1];
    assert.ok(nonce, `a nonce source: ${scriptSrc[0]}`);
    assert.ok(
      !scriptSrc.some((s) => /^(https?:|\*|'unsafe)/.test(s)),
      'no http(s), wildcard or unsafe script source',
    );
    assert.ok(!csp.includes('unsafe-inline') && !csp.includes('unsafe-eval'));
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.equal(scripts.length, 1, 'one script');
    const [, attrs = '', body = ''] = scripts[0]!;
    assert.match(attrs, new RegExp(`nonce="${nonce.replace(/[+/=]/g, '\\$&')}"`));
    assert.equal(body.trim(), '', 'no inline script');
    const src = /src="([^"]+)"/.exec(attrs)?.[1] ?? '';
    assert.match(src, /\/dist\/dashboard\/main\.js$/, 'the bundled script from the extension');
    assert.ok(!/cdn\.jsdelivr|unpkg|cdnjs/.test(html), 'no CDN');
    assert.ok(!/style="/.test(html), 'no inline style attributes');
  });

  it('records observations and draws them: charts, 529 markers and the limits table', async () => {
    const before = (await shownDashboard()).lastState?.series?.t.length ?? 0;
    await vscode.commands.executeCommand('headroom.refresh');
    await vscode.commands.executeCommand('headroom.refresh');
    mock.setFaults({ error: 'overloaded', times: 1 });
    await vscode.commands.executeCommand('headroom.refresh');
    mock.setFaults({});
    await vscode.commands.executeCommand('headroom.refresh');
    const state = await eventually(
      async () => {
        const s = await testState();
        return (s.lastState?.series?.t.length ?? 0) >= before + 4 && s;
      },
      15_000,
      'the new samples in the posted state',
    );
    const posted = state.lastState!;
    assert.equal(posted.selected, MODEL);
    assert.ok(
      posted.series!.markers.some((m) => m.status === 529),
      'a 529 marker',
    );
    assert.deepEqual(
      posted.limits.map((r) => r.family),
      ['requests', 'input-tokens', 'output-tokens', 'tokens'],
    );
    assert.equal(posted.limits[0]?.limit, 50, "the mock's RPM limit");
    assert.ok(
      posted.series!.p50.some((v) => v !== null),
      'latency percentiles',
    );
    assert.ok(posted.series!.ratePerMinute.at(-1)! >= 1, 'a request rate');
    assert.ok(!JSON.stringify(posted).includes(TEST_KEY), 'no key in what the webview gets');
    // The webview itself reports what it drew: 6 charts (4 families, rate, latency).
    const rendered = await eventually(
      async () => {
        const r = (await testState()).rendered;
        return r && r.points === posted.series!.t.length && r;
      },
      20_000,
      'the webview to draw the new state',
    );
    assert.ok(rendered.charts >= 6, `${rendered.charts} canvases`);
  });

  it('keeps working when hidden and shown again', async () => {
    const { readies } = await shownDashboard();
    const doc = await vscode.workspace.openTextDocument({
      content: 'hide the dashboard',
      language: 'plaintext',
    });
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Active, preview: false });
    await eventually(async () => !(await testState()).visible, 10_000, 'the panel to be hidden');
    await vscode.commands.executeCommand('headroom.refresh'); // data while hidden
    const shownAt = Date.now();
    await vscode.commands.executeCommand('headroom.showDashboard');
    const state = await eventually(
      async () => {
        const s = await testState();
        return s.visible && s.readies > readies && (s.rendered?.at ?? 0) >= shownAt && s;
      },
      20_000,
      'the webview to reload, ask for the state and draw it again',
    );
    assert.equal(state.rendered?.points, state.lastState?.series?.t.length, 'it drew the latest state');
    assert.ok((state.rendered?.charts ?? 0) >= 6);
    await vscode.commands
      .executeCommand('workbench.action.revertAndCloseActiveEditor')
      .then(undefined, () => undefined);
  });

  it('exports the history as CSV to a given file', async () => {
    const target = vscode.Uri.file(join(tmpdir(), `headroom-history-${process.pid}-${Date.now()}.csv`));
    try {
      const written = await vscode.commands.executeCommand<vscode.Uri>('headroom.exportHistory', target);
      assert.equal(written?.toString(), target.toString());
      const text = readFileSync(target.fsPath, 'utf8');
      const lines = text.split('\r\n');
      assert.equal(lines[0], CSV_COLUMNS.join(','));
      assert.equal(lines.at(-1), '', 'ends with CRLF');
      const rows = lines.slice(1, -1);
      assert.ok(rows.length >= 5, `${rows.length} rows`);
      assert.ok(
        rows.some((r) => r.includes(`,${MODEL},simulated,529,overloaded,`)),
        'the 529 row',
      );
      assert.ok(
        rows.every((r) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z,/.test(r)),
        'ISO times',
      );
      assert.ok(!text.includes(TEST_KEY));
    } finally {
      rmSync(target.fsPath, { force: true });
    }
  });

  describe('history persistence (globalState)', () => {
    it('saves batched and bounded, and restores what it saved', async () => {
      const memento = new MemoryMemento();
      const history = loadHistory(memento, Logger.silent);
      const recorder = registerHistoryRecorder({
        history,
        memento,
        log: Logger.silent,
        persistDelayMs: 50,
        maxPersistedChars: 20_000,
      });
      let changes = 0;
      const sub = recorder.onDidChange(() => changes++);
      const t0 = Date.now() - 3_000_000;
      for (let i = 0; i < 3_000; i++) {
        recorder.record(observation(t0 + i * 1000, 50 - (i % 50), i % 97 ? 200 : 429));
      }
      assert.equal(changes, 3_000);
      await eventually(() => memento.updates > 0, 5_000, 'a batched write');
      assert.equal(memento.updates, 1, 'one write for the whole burst');
      const stored = memento.get<{ format: string }>(HISTORY_STATE_KEY);
      assert.equal(stored?.format, HISTORY_FORMAT);
      assert.ok(JSON.stringify(stored).length <= 20_000, 'within the size budget');
      const restored = loadHistory(memento, Logger.silent);
      const kept = restored.samples(MODEL);
      assert.ok(kept.length > 100 && kept.length < 3_000, `${kept.length} newest samples kept`);
      assert.deepEqual(kept.at(-1), history.samples(MODEL).at(-1), 'the newest sample survives');
      sub.dispose();
      recorder.dispose();
    });

    it('flushes on dispose, and persists a clear', async () => {
      const memento = new MemoryMemento();
      const history = new History();
      const recorder = registerHistoryRecorder({
        history,
        memento,
        log: Logger.silent,
        persistDelayMs: 60_000,
      });
      recorder.record(observation(Date.now(), 40));
      await recorder.flush();
      assert.equal(loadHistory(memento, Logger.silent).size, 1);
      history.clear();
      recorder.dispose();
      await eventually(
        () => loadHistory(memento, Logger.silent).size === 0,
        5_000,
        'the cleared history saved',
      );
    });

    it('starts empty, with a warning, when the stored data is garbage', () => {
      const memento = new MemoryMemento();
      memento.values.set(HISTORY_STATE_KEY, { format: HISTORY_FORMAT, version: 1, models: 'garbage' });
      const warnings: string[] = [];
      const history = loadHistory(memento, { ...Logger.silent, warn: (m) => warnings.push(m) });
      assert.equal(history.size, 0);
      assert.equal(warnings.length, 1);
    });
  });
});
