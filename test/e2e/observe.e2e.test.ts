import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { E2E_KEY, openSession, runCommand, screenshot, statusItem } from './session';

/** The visible text of the active terminal. */
async function terminalText(page: Page): Promise<string> {
  return (
    (await page
      .locator('.terminal-wrapper.active .xterm-rows')
      .innerText()
      .catch(() => '')) ?? ''
  );
}

async function waitForTerminal(
  page: Page,
  pattern: RegExp,
  what: string,
  timeoutMs = 30_000,
): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const m = pattern.exec(await terminalText(page));
    if (m) return m;
    if (Date.now() > deadline) {
      throw new Error(`terminal never showed ${what}; it shows:\n${await terminalText(page)}`);
    }
    await page.waitForTimeout(200);
  }
}

describe('observe mode', function () {
  this.timeout(180_000);

  after(async () => {
    const { page } = await openSession();
    await runCommand(page, 'Headroom: Stop Observing').catch(() => undefined);
    await runCommand(page, 'Terminal: Kill All Terminals').catch(() => undefined);
  });

  it('gives new terminals ANTHROPIC_BASE_URL and shows the traffic of a script run there', async () => {
    const { page, mock } = await openSession();
    mock.reset();
    await runCommand(page, 'Headroom: Start Observing');
    await page
      .locator('.notifications-toasts', { hasText: 'Headroom is observing' })
      .waitFor({ timeout: 20_000 });

    await runCommand(page, 'Terminal: Create New Terminal');
    const rows = page.locator('.terminal-wrapper.active .xterm-rows');
    await rows.waitFor({ timeout: 30_000 });
    // Type once the shell has printed its prompt and the terminal has focus; a slow shell
    // can drop early keys, so type again if nothing came back.
    let url: string | undefined;
    for (let attempt = 0; !url; attempt++) {
      await waitForTerminal(page, /[#$] *$/m, 'the shell prompt');
      await rows.click({ force: true }); // The widget layer on top would take a plain click.
      await page.keyboard.type('echo "BASE=$ANTHROPIC_BASE_URL"\n');
      try {
        [, url] = await waitForTerminal(
          page,
          /BASE=(http:\/\/127\.0\.0\.1:\d+)/,
          'ANTHROPIC_BASE_URL',
          10_000,
        );
      } catch (err) {
        if (attempt >= 2) throw err;
      }
    }
    assert.ok(url);

    // A small "app": one Messages API call through whatever ANTHROPIC_BASE_URL says.
    const script =
      `node -e 'fetch(process.env.ANTHROPIC_BASE_URL + "/v1/messages", { method: "POST", ` +
      `headers: { "x-api-key": "${E2E_KEY}", "anthropic-version": "2023-06-01", "content-type": "application/json" }, ` +
      `body: JSON.stringify({ model: "claude-haiku-4-5", max_tokens: 8, messages: [{ role: "user", content: "hi" }] }) })` +
      `.then((r) => console.log("APP_STATUS=" + r.status))'`;
    // Type the command, then set the bucket and press Enter, so little refills in between.
    await page.keyboard.type(script);
    mock.setRemaining('claude-haiku-4-5', { requests: 5 });
    await page.keyboard.press('Enter');
    await waitForTerminal(page, /APP_STATUS=200/, 'the script to finish');
    await screenshot(page, 'observe-terminal');

    // The status bar shows the observed reading (the eye marks the observed source).
    await statusItem(page).locator('.codicon-eye').waitFor({ timeout: 20_000 });
    const text = (await statusItem(page).innerText()).trim();
    // 4 of 50 left when the app's request landed, plus whatever refilled since (50 per minute).
    const share = Number(/^(\d+)% RPM$/.exec(text)?.[1]);
    assert.ok(share >= 8 && share < 20, `a warning-level share of requests: "${text}"`);
    assert.equal(mock.stats().requests, 1, 'only the app talked to the API');
    await screenshot(page, 'observe-status-bar');
  });
});
