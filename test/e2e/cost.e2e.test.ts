import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { E2E_KEY, openFile, openSession, runCommand, screenshot, statusItem } from './session';

/** Issue 13 in the real workbench: the capacity hover, the acceleration state, the cost panel. */

/** The dashboard frame showing the cost panel; VS Code nests webviews in iframes. */
async function costFrame(page: Page): Promise<Frame> {
  for (let attempt = 0; attempt < 120; attempt++) {
    for (const frame of page.frames()) {
      const shown = await frame
        .locator('#cost-panel:not([hidden]) #cost-totals')
        .count()
        .catch(() => 0);
      if (shown > 0) return frame;
    }
    await page.waitForTimeout(250);
  }
  throw new Error('the dashboard never showed its cost panel');
}

/** One Messages API call through the proxy, as the user's app would make it; resolves to the status. */
async function appCall(url: string): Promise<number> {
  const response = await fetch(`${url}/v1/messages`, {
    method: 'POST',
    headers: { 'x-api-key': E2E_KEY, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'claude-haiku-4-5',
      max_tokens: 16,
      messages: [{ role: 'user', content: 'Classify this sentence, please.' }],
    }),
  });
  await response.arrayBuffer();
  return response.status;
}

const FANOUT = [
  "import Anthropic from '@anthropic-ai/sdk';",
  '',
  'const client = new Anthropic();',
  '',
  'export async function classifyAll(items: string[]) {',
  '  return Promise.all(',
  '    items.map((item) =>',
  '      client.messages.create({',
  "        model: 'claude-haiku-4-5',",
  '        max_tokens: 256,',
  "        system: 'Classify the support ticket as billing, bug or question. Answer with one word.',",
  "        messages: [{ role: 'user', content: item }],",
  '      }),',
  '    ),',
  '  );',
  '}',
  '',
].join('\n');

describe('budget ahead: hover, acceleration, cost (issue 13)', function () {
  this.timeout(240_000);
  let url: string;

  after(async () => {
    const { page, mock } = await openSession();
    mock.setFaults({});
    await runCommand(page, 'Headroom: Stop Observing').catch(() => undefined);
    await runCommand(page, 'View: Close All Editors').catch(() => undefined);
  });

  it('hovering a fan-out shows its time, binding limit, safe concurrency and cost', async () => {
    const { page, workspace } = await openSession();
    writeFileSync(join(workspace, 'fanout-cost.ts'), FANOUT);
    const editor = await openFile(page, 'fanout-cost.ts');
    // Wait for the linter's squiggle under the fan-out, then hover the `Promise.all` callee.
    await editor
      .locator('.squiggly-warning, .squiggly-error, .squiggly-info')
      .first()
      .waitFor({ timeout: 30_000 });
    const token = editor.locator('.view-line span', { hasText: 'Promise' }).first();
    const hover = page.locator('.monaco-hover:visible', { hasText: 'Fan-out' }).first();
    // The hover waits for every provider; a first try can come back before Headroom's.
    for (let attempt = 0; ; attempt++) {
      await page.mouse.move(0, 0);
      await token.hover();
      try {
        await hover.waitFor({ state: 'visible', timeout: 5_000 });
        break;
      } catch (err) {
        if (attempt >= 10) throw err;
      }
    }
    const text = await hover.innerText();
    assert.match(text, /Headroom · claude-haiku-4-5 · messages\.create/);
    assert.match(text, /Defaults \(Start tier, bundled\)|Headroom now:/);
    assert.match(text, /Cost per call: ≤ \$[\d.]+ \(Haiku 4\.5; input ≈ \d+ tokens estimated/);
    assert.match(text, /per 100 calls \(count unknown\) all at once: about/);
    assert.match(text, /Concurrency ≤ \d+ keeps it under the limits/);
    await screenshot(page, 'cost-hover-fanout');
    await page.mouse.move(0, 0);
  });

  it('a burst with budget left shows acceleration in the status bar, with the cure in the tooltip', async () => {
    const { page, mock } = await openSession();
    mock.reset();
    await runCommand(page, 'Headroom: Start Observing');
    const toast = page.locator('.notifications-toasts', { hasText: 'Headroom is observing' });
    await toast.waitFor({ timeout: 20_000 });
    url = /http:\/\/127\.0\.0\.1:\d+/.exec(await toast.innerText())?.[0] ?? '';
    assert.ok(url, 'the proxy URL in the notification');
    await page.keyboard.press('Escape');

    mock.setFaults({
      acceleration: { windowMs: 2000, baselineMs: 10_000, minRequests: 3, retryAfterSeconds: 45 },
    });
    // A deliberate burst against the local mock: the test needs the acceleration limit to trip.
    // headroom-ignore-next-line unbounded-fanout
    const statuses = await Promise.all(Array.from({ length: 20 }, () => appCall(url)));
    statuses.push(await appCall(url));
    assert.ok(statuses.filter((s) => s === 429).length >= 15, `statuses ${statuses.join(',')}`);

    await statusItem(page).filter({ hasText: '429 acceleration' }).waitFor({ timeout: 30_000 });
    await screenshot(page, 'cost-acceleration-status-bar');
    await statusItem(page).hover();
    const tooltip = page.locator('.monaco-hover:visible, .workbench-hover:visible').last();
    await tooltip.waitFor({ state: 'visible', timeout: 15_000 });
    const text = await tooltip.innerText();
    assert.match(text, /429 from a sharp ramp, not your limits/);
    assert.match(text, /cap concurrency at \d+ and raise it in steps/);
    assert.match(text, /This session: \$[\d.]+/);
    await screenshot(page, 'cost-acceleration-tooltip');
    await page.mouse.move(0, 0);
  });

  it('the dashboard shows the cost panel after the burst', async () => {
    const { page, mock } = await openSession();
    mock.setFaults({});
    // A few priced responses spread over the minute's chart.
    for (let i = 0; i < 3; i++) assert.equal(await appCall(url), 200);
    await runCommand(page, 'Headroom: Show Dashboard');
    const frame = await costFrame(page);
    const totals = await frame.locator('#cost-totals').innerText();
    assert.match(
      totals,
      /This session: \$[\d.]+ · \$[\d.,]+\/hour at the current rate · cache reads saved \$/,
    );
    const counts = await frame.locator('#rate-counts').innerText();
    assert.match(counts, /429 acceleration: [1-9]/);
    assert.match(counts, /429 ceiling: 0/);
    assert.ok((await frame.locator('#cost-models tbody tr').count()) >= 1);
    assert.ok((await frame.locator('.cost-chart rect').count()) >= 1);
    await frame.locator('#cost-panel').scrollIntoViewIfNeeded();
    await screenshot(page as Page, 'cost-dashboard-panel');
  });
});
