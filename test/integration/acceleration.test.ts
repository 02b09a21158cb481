import * as assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import * as vscode from 'vscode';
import type { HeadroomApi } from '../../src/extension';
import { startMockAnthropic, type MockAnthropic } from '../mock-anthropic/server';
import { activateHeadroom, eventually } from './helpers';
import { APP_KEY } from './testKey';

/** The mock's acceleration limiter, scaled to a test: a 2 s window over a 10 s baseline. */
const LIMITER = { windowMs: 2000, baselineMs: 10_000, factor: 3, minRequests: 3, retryAfterSeconds: 30 };
const MODEL = 'claude-haiku-4-5';
/** Limits far above anything the test sends: every 429 here comes with full buckets. */
const LIMITS = { rpm: 1000, itpm: 2_000_000, otpm: 400_000 };

describe('acceleration limits and cost (issue 13)', function () {
  this.timeout(120_000);
  let api: HeadroomApi;
  let mock: MockAnthropic;
  let url: string;
  let app: Anthropic;
  const config = () => vscode.workspace.getConfiguration('headroom.monitor');
  const ask = () =>
    app.messages.create({
      model: MODEL,
      max_tokens: 16,
      messages: [{ role: 'user', content: 'hello there' }],
    });

  before(async () => {
    api = (await activateHeadroom()).exports as HeadroomApi;
    mock = await startMockAnthropic({ apiKey: APP_KEY, limits: LIMITS });
    await config().update('baseUrl', mock.url, vscode.ConfigurationTarget.Global);
    await config().update('notifications', 'off', vscode.ConfigurationTarget.Global);
    await api.testing?.clearApiKey();
    url = await vscode.commands.executeCommand<string>('headroom.startObserving');
    // No retries: the server sees exactly the requests the test makes.
    // headroom-ignore-next-line retries-disabled
    app = new Anthropic({ apiKey: APP_KEY, baseURL: url, maxRetries: 0 });
  });

  after(async () => {
    await vscode.commands.executeCommand('headroom.stopObserving');
    for (const key of ['baseUrl', 'notifications']) {
      await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    }
    await mock.close();
  });

  it('a burst with the buckets full draws acceleration 429s; the status bar names acceleration, not the ceiling', async () => {
    mock.setFaults({ acceleration: { ...LIMITER } });
    // The uncapped burst is the point: it is what trips the acceleration limiter.
    // headroom-ignore-next-line unbounded-fanout
    const burst = await Promise.allSettled(Array.from({ length: 20 }, ask));
    // One more after the burst, so the latest answer the monitor sees is a 429 of the burst.
    const last = await ask().then(
      () => undefined,
      (err: unknown) => err,
    );
    const refused = [...burst.map((r) => (r.status === 'rejected' ? r.reason : undefined)), last].filter(
      (e): e is InstanceType<typeof Anthropic.APIError> =>
        e instanceof Anthropic.APIError && e.status === 429,
    );
    assert.ok(refused.length >= 15, `${refused.length} of 21 refused`);
    // The limiter fired with budget everywhere: the 429's own headers show nearly full buckets.
    const headers = refused[refused.length - 1]!.headers;
    assert.ok(Number(headers?.get('anthropic-ratelimit-requests-remaining')) >= 990);
    assert.ok(Number(headers?.get('anthropic-ratelimit-input-tokens-remaining')) >= 1_990_000);

    const bar = await eventually(
      () => {
        const s = api.statusBar();
        return /429 acceleration/.test(s.text) && s;
      },
      15_000,
      'the status bar to name acceleration',
    );
    assert.match(bar.text, /^\$\(error\) 429 acceleration · \d+s \$\(eye\)$/);
    assert.match(bar.tooltip, /429 from a sharp ramp, not your limits/);
    assert.match(bar.tooltip, /ramp up over hours; cap concurrency at \d+ and raise it in steps/);
    assert.doesNotMatch(bar.tooltip, /exhausted/, 'not a ceiling 429');
    const events = api.testing!.acceleration().events;
    assert.ok(events.some((e) => e.kind === 'acceleration-429'));
    assert.ok(!events.some((e) => e.kind === 'ceiling-429'));
    // The admitted requests were priced (Haiku 4.5) and the tooltip shows the session's spend.
    const cost = api.testing!.cost();
    assert.ok(cost.totalUsd > 0);
    assert.equal(cost.models[0]?.family, 'Haiku 4.5');
    assert.match(bar.tooltip, /This session: \*\*\$[\d.]+\*\* · \$[\d.,]+\/hour at the current rate/);
  });

  it('a steady ramp-up of the same total draws no acceleration 429', async () => {
    // A fresh limiter (new fault set) and the same 21 requests, spread and rising gently.
    mock.setFaults({ acceleration: { ...LIMITER } });
    const before = mock.stats().byStatus[429] ?? 0;
    for (let i = 0; i < 21; i++) {
      const message = await ask();
      assert.equal(message.type, 'message');
      await new Promise((r) => setTimeout(r, 1100 - i * 25));
    }
    assert.equal(mock.stats().byStatus[429] ?? 0, before, 'no 429 during the steady ramp');
    await eventually(() => api.monitorView().state.kind === 'ok', 10_000, 'the monitor to recover');
    assert.doesNotMatch(api.statusBar().text, /429|acceleration/);
  });

  it('hovering a fan-out shows the time per 100 calls, the binding limit, a safe concurrency and the cost', async () => {
    const doc = await vscode.workspace.openTextDocument({
      language: 'typescript',
      content: [
        "import Anthropic from '@anthropic-ai/sdk';",
        'const client = new Anthropic();',
        'export async function run(items: string[]) {',
        '  return Promise.all(',
        '    items.map((item) =>',
        "      client.messages.create({ model: 'claude-sonnet-4-6', max_tokens: 1024, system: 'Classify the text.', messages: [{ role: 'user', content: item }] }),",
        '    ),',
        '  );',
        '}',
      ].join('\n'),
    });
    await vscode.window.showTextDocument(doc);
    await eventually(
      () =>
        vscode.languages
          .getDiagnostics(doc.uri)
          .some((d) => String((d.code as { value?: unknown })?.value ?? d.code) === 'unbounded-fanout'),
      20_000,
      'the unbounded-fanout finding',
    );
    const at = doc.positionAt(doc.getText().indexOf('Promise.all') + 3);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      doc.uri,
      at,
    );
    const text = hovers
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
      .join('\n');
    assert.match(text, /\*\*Headroom\*\* · `claude-sonnet-4-6`/);
    assert.match(
      text,
      /\*\*Defaults\*\* \(Start tier, bundled\)/,
      'nothing measured for Sonnet: defaults, marked',
    );
    assert.match(text, /Cost per call: ≤ \$0\.\d+ \(Sonnet 4\.6; input ≈ \d+ tokens estimated/);
    assert.match(text, /per 100 calls \(count unknown\) all at once: about \*\*[\dm s]+\*\*/);
    assert.match(text, /Concurrency ≤ \*\*\d+\*\* keeps it under the limits/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
