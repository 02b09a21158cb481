import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { E2E_KEY, openSession, runCommand, screenshot, statusItem } from './session';

const MODEL = 'claude-haiku-4-5';

async function itemText(page: Page): Promise<string> {
  return ((await statusItem(page).innerText()) ?? '').trim();
}

/** Waits for the status item's text to match `pattern` (a RegExp or a test of the text). */
async function waitForText(
  page: Page,
  pattern: RegExp | ((text: string) => boolean),
  what: string,
): Promise<string> {
  const matches = typeof pattern === 'function' ? pattern : (text: string) => pattern.test(text);
  const deadline = Date.now() + 30_000;
  let last = '';
  while (Date.now() < deadline) {
    last = await itemText(page);
    if (matches(last)) return last;
    await page.waitForTimeout(200);
  }
  throw new Error(`status bar never showed ${what} (${pattern}); last text: "${last}"`);
}

/** Hovers the item, waits for its tooltip, screenshots both, and returns the tooltip text. */
async function hoverAndShoot(page: Page, name: string): Promise<string> {
  await page.mouse.move(10, 10);
  await statusItem(page).hover();
  const hover = page.locator('.monaco-hover:visible, .workbench-hover:visible').last();
  await hover.waitFor({ state: 'visible', timeout: 15_000 });
  const text = await hover.innerText();
  await screenshot(page, name);
  await page.mouse.move(700, 400);
  return text;
}

describe('budget monitor in the status bar', function () {
  this.timeout(180_000);

  it('asks for a key, stores it through the UI and shows the headroom (ok)', async () => {
    const { page } = await openSession();
    await waitForText(page, /set API key/, 'the no-key state');
    await runCommand(page, 'Headroom: Set API Key');
    const box = page.locator('.quick-input-widget input[type="password"]');
    await box.waitFor({ state: 'visible', timeout: 15_000 });
    // Typing into a box that is still opening can lose characters: check before Enter.
    for (let i = 0; i < 5 && (await box.inputValue()) !== E2E_KEY; i++) {
      await box.fill(E2E_KEY);
      await page.waitForTimeout(100);
    }
    assert.equal(await box.inputValue(), E2E_KEY);
    await page.keyboard.press('Enter');
    const text = await waitForText(page, /^\d+% RPM$/, 'the ok state');
    assert.match(text, /^9\d% RPM$/);
    const tooltip = await hoverAndShoot(page, 'monitor-ok');
    assert.match(tooltip, /Requests\/min/);
    assert.match(tooltip, /simulated API/);
    assert.ok(!tooltip.includes(E2E_KEY));
  });

  it('turns to a warning near the limit', async () => {
    const { page, mock } = await openSession();
    mock.setRemaining(MODEL, { requests: 7 });
    await runCommand(page, 'Headroom: Refresh Now');
    // 6 of 50 left after the poll, plus whatever refilled while the palette ran (50 per minute):
    // below the 20% warning line either way.
    const shown = await waitForText(page, /^1\d% RPM$/, 'the warning state');
    assert.ok(Number.parseInt(shown, 10) >= 12, shown);
    const background = await statusItem(page).evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.notEqual(background, 'rgba(0, 0, 0, 0)', 'warning background colour');
    const tooltip = await hoverAndShoot(page, 'monitor-warning');
    assert.match(tooltip, /Warning/);
  });

  it('says 529 is the platform, not your limit', async () => {
    const { page, mock } = await openSession();
    mock.reset();
    mock.setFaults({ error: 'overloaded', times: 1 });
    await runCommand(page, 'Headroom: Refresh Now');
    await waitForText(page, /529 overloaded/, 'the overloaded state');
    const tooltip = await hoverAndShoot(page, 'monitor-529');
    assert.match(tooltip, /overload/i);
  });

  it('counts down a 429', async () => {
    const { page, mock } = await openSession();
    mock.setFaults({ error: 'rate-limit', retryAfterSeconds: 40, times: 1 });
    await runCommand(page, 'Headroom: Refresh Now');
    const first = await waitForText(page, /^429 · \d+s$/, 'the 429 countdown');
    const secondsAt = (t: string): number => Number(/(\d+)s$/.exec(t)?.[1]);
    // The user sees the seconds go down: wait for a lower count, still on the 429.
    await waitForText(
      page,
      (t) => /^429 · \d+s$/.test(t) && secondsAt(t) < secondsAt(first),
      `the countdown to go down from ${first}`,
    );
    const tooltip = await hoverAndShoot(page, 'monitor-429');
    assert.match(tooltip, /Retry after/);
  });
});
