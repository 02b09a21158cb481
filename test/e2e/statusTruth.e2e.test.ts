/**
 * Issue 12, "one truth on the status bar", as a user sees it: the status bar and its
 * tooltip at ok, warning, stale (estimate), 429 and recovered, with a screenshot of each;
 * the bar's percentage equals the tooltip's figure for the binding limit every time; the
 * tooltip's header cells are one line each at the default hover width. (That the warning
 * notification ends on recovery is shown in test/integration/notification.test.ts.)
 */
import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { ARTIFACTS, enterApiKey, openSession, runCommand, screenshot, statusItem } from './session';

const MODEL = 'claude-haiku-4-5';
/** Small crops for the README (copied to media/screenshots/ when the UI changes). */
export const MARKETPLACE = join(ARTIFACTS, 'marketplace');

async function until<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

const barText = async (page: Page): Promise<string> => ((await statusItem(page).innerText()) ?? '').trim();

/** Sets a number setting through the Settings editor, as a user would. */
async function setNumberSetting(page: Page, id: string, title: RegExp, value: number): Promise<void> {
  await runCommand(page, 'Preferences: Open User Settings');
  const editor = page.locator('.settings-editor');
  await editor.waitFor({ state: 'visible', timeout: 30_000 });
  // The search box has focus when the editor opens; only the searched row is used.
  await page.keyboard.type(id);
  const input = editor.locator('.setting-item-number', { hasText: title }).locator('input').first();
  await input.waitFor({ state: 'visible', timeout: 30_000 });
  await input.fill(String(value));
  await input.press('Tab');
  await runCommand(page, 'View: Close Editor');
  await editor.waitFor({ state: 'detached', timeout: 15_000 });
}

interface Hovered {
  hover: Locator;
  text: string;
  /** The bold (binding) row's Left cell, e.g. `~38 (76%)`. */
  bindingLeft: string | undefined;
  /** How many rendered lines each header cell and row label takes. */
  cellLines: number[];
}

/** Hovers the item and reads its tooltip the way it is rendered. */
async function hoverTooltip(page: Page): Promise<Hovered> {
  await page.mouse.move(10, 10);
  await statusItem(page).hover();
  const hover = page.locator('.monaco-hover:visible, .workbench-hover:visible').last();
  await hover.waitFor({ state: 'visible', timeout: 15_000 });
  const text = await hover.innerText();
  const table = hover.locator('table').first();
  const hasTable = (await table.count()) > 0;
  const bindingLeft = hasTable
    ? await table
        .locator('tr', { has: page.locator('strong') })
        .first()
        .locator('td')
        .nth(1)
        .innerText()
        .catch(() => undefined)
    : undefined;
  // The tooltip is re-rendered every second (the countdowns move): measure a settled table.
  const measure = (): Promise<number[]> =>
    table.evaluate((el) =>
      Array.from(el.querySelectorAll('th, td:first-child'))
        .filter((cell) => (cell.textContent ?? '').trim() !== '')
        .map((cell) => {
          const range = document.createRange();
          range.selectNodeContents(cell);
          return new Set(Array.from(range.getClientRects(), (r) => Math.round(r.top))).size;
        }),
    );
  const cellLines = hasTable
    ? await until('a rendered tooltip table', async () => {
        const lines = await measure();
        return lines.length > 0 && lines.every((n) => n > 0) && lines;
      })
    : [];
  return { hover, text, bindingLeft, cellLines };
}

/** Asserts the one-truth rule for the state on screen and saves a screenshot of it. */
async function checkState(page: Page, name: string): Promise<Hovered> {
  const bar = await barText(page);
  const hovered = await hoverTooltip(page);
  await screenshot(page, `glance-${name}`);
  const barPercent = /(\d+)%/.exec(bar)?.[1];
  const tipPercent = /\((\d+)%\)/.exec(hovered.bindingLeft ?? '')?.[1];
  if (barPercent !== undefined) {
    assert.equal(barPercent, tipPercent, `${name}: bar "${bar}" vs tooltip "${hovered.bindingLeft}"`);
    assert.equal(
      bar.includes('~'),
      (hovered.bindingLeft ?? '').includes('~'),
      `${name}: both or neither estimated`,
    );
  } else {
    assert.match(bar, /^429 · \d+s$/, `${name}: only a 429 countdown shows no percentage`);
  }
  assert.ok(hovered.cellLines.length >= 4, `${name}: the table has heads and rows`);
  assert.ok(
    hovered.cellLines.every((n) => n === 1),
    `${name}: header cells and row labels are one line each (${hovered.cellLines.join(',')})`,
  );
  await page.mouse.move(700, 400);
  return hovered;
}

describe('status bar: one truth, at a glance', function () {
  this.timeout(300_000);

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      const { page } = await openSession();
      await screenshot(page, 'glance-failure').catch(() => undefined);
    }
  });

  after(async () => {
    const { page, mock } = await openSession();
    mock.setFaults({});
    mock.reset();
    await page.keyboard.press('Escape');
    await setNumberSetting(page, 'headroom.monitor.pollIntervalSeconds', /Poll Interval Seconds/, 3600);
  });

  it('ok, warning, stale estimate, 429 and recovered: the bar says what the tooltip says', async () => {
    const { page, mock } = await openSession();
    await until('the monitor to settle', async () => {
      const t = await barText(page);
      return t !== '' && !/waiting for data/.test(t) && t;
    });
    if (/set API key/.test(await barText(page))) {
      await runCommand(page, 'Headroom: Set API Key');
      await enterApiKey(page);
    }
    await until(
      'no 429 countdown left by an earlier test',
      async () => !/429 · /.test(await barText(page)),
      90_000,
    );
    mock.setFaults({});
    mock.reset();
    /**
     * Refreshes until the bar shows `pattern` with `icon` (the state's codicon). The bucket is
     * set again before each try (it refills as time passes), and an earlier test's
     * retry-after may still hold refreshes back for a while.
     */
    const refreshUntil = async (
      pattern: RegExp,
      icon: string,
      what: string,
      before: () => void = () => undefined,
    ): Promise<string> =>
      until(
        what,
        async () => {
          before();
          await runCommand(page, 'Headroom: Refresh Now');
          await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 15_000 });
          return until(
            `${what} (after a refresh)`,
            async () =>
              pattern.test(await barText(page)) &&
              (await statusItem(page).locator(`.codicon-${icon}`).count()) === 1,
            5_000,
          )
            .then(() => barText(page))
            .catch(() => undefined);
        },
        120_000,
      );

    // ok
    await refreshUntil(/^\d+% RPM$/, 'pulse', 'the ok state', () => mock.reset());
    const ok = await checkState(page, 'ok');
    assert.match(ok.text, /Requests\/min/);
    mkdirSync(MARKETPLACE, { recursive: true });
    {
      // The README's picture: the status bar item and its tooltip, cropped.
      await statusItem(page).hover();
      const hover = page.locator('.monaco-hover:visible, .workbench-hover:visible').last();
      await hover.waitFor({ state: 'visible', timeout: 15_000 });
      const a = await hover.boundingBox();
      const b = await statusItem(page).boundingBox();
      if (!a || !b) throw new Error('no box for the tooltip or the item');
      const x = Math.max(0, Math.min(a.x, b.x) - 16);
      const y = Math.max(0, a.y - 16);
      await page.screenshot({
        path: join(MARKETPLACE, 'status-bar-tooltip.png'),
        clip: {
          x,
          y,
          width: Math.max(a.x + a.width, b.x + b.width) + 16 - x,
          height: b.y + b.height + 4 - y,
        },
      });
      await page.mouse.move(700, 400);
    }

    // Polling off (only Refresh Now reads), so the next reading ages into an estimate below.
    await setNumberSetting(page, 'headroom.monitor.pollIntervalSeconds', /Poll Interval Seconds/, 0);

    // warning: 6 of 50 left after the poll.
    await refreshUntil(/^1\d% RPM$/, 'warning', 'the warning state', () =>
      mock.setRemaining(MODEL, { requests: 7 }),
    );
    await checkState(page, 'warning');

    // stale: polling is off, so after a poll interval (60 s + grace) the bar shows the estimate.
    await until('the estimate', async () => /^~\d+% RPM est\.$/.test(await barText(page)), 120_000);
    const stale = await checkState(page, 'stale-estimate');
    assert.match(stale.bindingLeft ?? '', /^~/);
    assert.match(stale.text, /Estimate/);

    // 429: a countdown, and the tooltip names when to retry.
    mock.setFaults({ error: 'rate-limit', retryAfterSeconds: 20, times: 1 });
    await runCommand(page, 'Headroom: Refresh Now');
    await until('the 429', async () => /^429 · \d+s$/.test(await barText(page)));
    const limited = await checkState(page, '429');
    assert.match(limited.text, /Retry after: \d+s \(at \d\d:\d\d:\d\d\)/);

    // recovered: the bucket refills.
    await until('the countdown to end', async () => !/429 · /.test(await barText(page)), 60_000);
    mock.setFaults({});
    await refreshUntil(/^9\d% RPM$/, 'pulse', 'the recovery', () => mock.reset());
    await checkState(page, 'recovered');
  });
});
