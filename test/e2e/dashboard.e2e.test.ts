import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import type { MockFaults } from '../mock-anthropic/server';
import { E2E_KEY, enterApiKey, openFile, openSession, runCommand, screenshot, statusItem } from './session';

const MODEL = 'claude-haiku-4-5';
/** Remaining requests, input tokens, output tokens, tokens, request rate, latency. */
const CHARTS = 6;

async function itemText(page: Page): Promise<string> {
  return ((await statusItem(page).innerText()) ?? '').trim();
}

async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** How many elements match in a frame; 0 when the frame went away (webviews reload). */
function count(frame: Frame, selector: string): Promise<number> {
  return frame
    .locator(selector)
    .count()
    .catch(() => 0);
}

function visible(frame: Frame, selector: string): Promise<boolean> {
  return frame
    .locator(selector)
    .isVisible()
    .catch(() => false);
}

/** The dashboard's content frame: VS Code nests it in two iframes; it is the one with #charts. */
async function dashboardFrame(page: Page): Promise<Frame> {
  return waitFor('the dashboard webview', async () => {
    for (const frame of page.frames()) {
      if ((await count(frame, '#charts')) > 0) return frame;
    }
    return undefined;
  });
}

/** Waits until the dashboard has drawn its charts (one canvas each); returns the frame. */
async function chartsDrawn(page: Page): Promise<Frame> {
  return waitFor('the charts to be drawn', async () => {
    const frame = await dashboardFrame(page);
    const canvases = await count(frame, '#charts canvas');
    return canvases >= CHARTS && frame;
  });
}

async function refresh(page: Page): Promise<void> {
  await runCommand(page, 'Headroom: Refresh Now');
  // The palette closes when the command runs; give the request a moment to land.
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 15_000 });
}

describe('dashboard webview', function () {
  this.timeout(240_000);
  /** Whether this test set the key (then it clears it again, for the tests that expect none). */
  let setKeyHere = false;

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      const { page } = await openSession();
      await screenshot(page, 'dashboard-failure').catch(() => undefined);
      console.log(`status bar at failure: "${await itemText(page).catch(() => '?')}"`);
    }
  });

  after(async () => {
    const { page, mock } = await openSession();
    mock.setFaults({});
    mock.reset();
    if (setKeyHere) {
      await runCommand(page, 'Headroom: Clear API Key');
      await waitFor('the no-key state again', async () => /set API key/.test(await itemText(page)));
    }
  });

  it('shows live charts per model from the status bar data, and survives hide/show', async () => {
    const { page, mock, workspace } = await openSession();
    await statusItem(page).waitFor({ state: 'visible', timeout: 60_000 });
    // The session is shared: set a key only if no earlier test did (and clear it afterwards).
    // (The item says "waiting for data" until the monitor has read the key store, and shows
    // the observed state with its eye until an earlier test's Stop Observing has taken effect.)
    const initial = await waitFor('the monitor to settle', async () => {
      const text = await itemText(page);
      const observing = (await statusItem(page).locator('.codicon-eye').count()) > 0;
      return text !== '' && !/waiting for data/.test(text) && !observing && text;
    });
    if (/set API key/.test(initial)) {
      await runCommand(page, 'Headroom: Set API Key');
      await enterApiKey(page);
      setKeyHere = true;
      await waitFor('the key to be taken', async () => !/set API key/.test(await itemText(page)));
    }
    mock.setFaults({});
    mock.reset();
    /** One Refresh Now that reaches the server, with the given faults for it. */
    const reading = async (faults: MockFaults = {}): Promise<void> => {
      const before = mock.stats().requests;
      mock.setFaults(faults);
      await refresh(page);
      await waitFor('the request to reach the server', async () => mock.stats().requests > before);
      mock.setFaults({});
    };
    // An earlier test may have left a 429 countdown running; refreshing before it ends sends nothing.
    await waitFor('no retry-after countdown', async () => !/429 · \d+s/.test(await itemText(page)), 90_000);
    await reading();
    await waitFor('a reading', async () => /% RPM/.test(await itemText(page)));

    // A few readings with falling headroom, a 529 and a 429 in between.
    mock.setRemaining(MODEL, { requests: 40 });
    await reading();
    await reading({ error: 'overloaded', times: 1 });
    await waitFor('the 529', async () => /529/.test(await itemText(page)));
    mock.setRemaining(MODEL, { requests: 25 });
    await reading();
    await reading({ error: 'rate-limit', retryAfterSeconds: 1, times: 1 });
    await waitFor('the 429', async () => /429/.test(await itemText(page)));
    // A refresh sends nothing until retry-after passes, which the item shows by ending its countdown.
    await waitFor('the retry-after countdown to end', async () => !/429 · \d+s/.test(await itemText(page)));
    mock.setRemaining(MODEL, { requests: 12 });
    await reading();
    await waitFor('the recovery', async () => /% RPM/.test(await itemText(page)));

    // Anything the CSP blocks in the dashboard shows up as a console message.
    const refused: string[] = [];
    const onConsole = (message: { text(): string }): void => {
      if (/Content Security Policy|Refused to/i.test(message.text())) refused.push(message.text());
    };
    page.on('console', onConsole);
    await runCommand(page, 'Headroom: Show Dashboard');
    let frame = await chartsDrawn(page);
    const tab = page.locator('.tabs-container .tab', { hasText: 'Headroom Dashboard' });
    await tab.waitFor({ state: 'visible', timeout: 15_000 });
    const rows = await frame.locator('#limits tbody tr').allInnerTexts();
    assert.ok(
      rows.some((r) => /Requests/.test(r) && /50/.test(r)),
      `limits table: ${rows.join(' | ')}`,
    );
    const summary = await frame.locator('#summary').innerText();
    assert.match(summary, /[1-9]\d* × 429/);
    assert.match(summary, /[1-9]\d* × 529/);
    const captions = await frame.locator('#charts figcaption').allInnerTexts();
    assert.deepEqual(
      captions.map((c) => c.split(' (')[0]),
      [
        'Remaining requests',
        'Remaining input tokens',
        'Remaining output tokens',
        'Remaining tokens',
        'Request rate',
        'Latency, ms',
      ],
    );
    await screenshot(page, 'dashboard');
    await frame.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await screenshot(page, 'dashboard-rate-latency');
    await frame.evaluate(() => window.scrollTo(0, 0));

    // Export CSV: the button asks the host, which shows the save dialog (code-server's
    // simple dialog, prefilled with the workspace folder) and writes the file there.
    await frame.locator('#export').click();
    const dialog = page.locator('.quick-input-widget');
    await dialog.waitFor({ state: 'visible', timeout: 15_000 });
    // The simple dialog fills in the folder first, then the proposed name.
    const path = await waitFor('the proposed file name', async () => {
      const value = await page.locator('.quick-input-widget input').inputValue();
      return /headroom-history-[\d-]+\.csv$/.test(value) && value;
    });
    assert.ok(path.startsWith(workspace), `proposed in the workspace folder: ${path}`);
    await page.keyboard.press('Enter');
    const exported = await waitFor('the CSV in the workspace', async () =>
      readdirSync(workspace).find((name) => /^headroom-history-[\d-]+\.csv$/.test(name)),
    );
    const csv = readFileSync(join(workspace, exported), 'utf8');
    assert.match(csv, /^time,model,source,status,outcome,/);
    assert.match(csv, new RegExp(`,${MODEL},simulated,529,overloaded,`));
    assert.ok(!csv.includes(E2E_KEY));
    await waitFor('the export notice', async () =>
      /Exported/.test(await frame.locator('#notice').innerText()),
    );
    rmSync(join(workspace, exported));

    // Live: a new reading shows up without reopening.
    const requests = async (f: Frame): Promise<number> =>
      Number(
        /^([\d,]+) requests/.exec(await f.locator('#summary').innerText())?.[1]?.replace(/,/g, '') ?? NaN,
      );
    const first = await requests(frame);
    assert.ok(first >= 6, `${first} requests in the summary`);
    await refresh(page);
    await waitFor('the new reading', async () => (await requests(frame)) === first + 1);

    // Hide it behind another editor, then show it again: it reloads and draws again.
    await openFile(page, 'sample.ts');
    await waitFor('the dashboard to be hidden', async () => {
      const shown = await Promise.all(page.frames().map((f) => visible(f, '#charts')));
      return !shown.includes(true);
    });
    await refresh(page); // data that arrives while hidden
    await tab.click();
    frame = await chartsDrawn(page);
    await waitFor('the reading taken while hidden', async () => (await requests(frame)) === first + 2);
    await screenshot(page, 'dashboard-shown-again');
    assert.deepEqual(refused, [], 'nothing in the dashboard was refused by its CSP');
    // And the CSP is really enforced: an injected inline script does not run, and is reported.
    const ran = await frame.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'document.body.dataset.inline = "ran"';
      document.body.append(script);
      return document.body.dataset.inline === 'ran';
    });
    assert.equal(ran, false, 'an inline script is blocked');
    await waitFor('the CSP report of the inline script', async () => refused.length === 1);
    page.off('console', onConsole);

    // Tidy up for the tests that share the session: close the dashboard and the file.
    await tab.click();
    await runCommand(page, 'View: Close Editor');
    await tab.waitFor({ state: 'detached', timeout: 15_000 });
    await runCommand(page, 'View: Close All Editors');
  });
});
