import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { openSession, screenshot } from './session';

describe('Headroom installed from the .vsix', function () {
  this.timeout(180_000);

  it('shows its status bar item in the workbench', async () => {
    const { page } = await openSession();
    // Extension status bar items get the DOM id "<publisher>.<name>.<item id>".
    const item = page.locator('[id="headroom-dev.headroom.headroom.budget"]');
    await item.waitFor({ state: 'visible', timeout: 60_000 });
    const label = (await item.getAttribute('aria-label')) ?? '';
    assert.match(label, /Headroom/);
    const shot = await screenshot(page, 'status-bar');
    assert.ok(existsSync(shot));
  });

  it('opens the actions menu when the item is clicked', async () => {
    const { page } = await openSession();
    await page
      .locator('[id="headroom-dev.headroom.headroom.budget"] a, [id="headroom-dev.headroom.headroom.budget"]')
      .first()
      .click();
    const input = page.locator('.quick-input-widget');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    const rows = page.locator('.quick-input-list .monaco-list-row');
    await rows.first().waitFor({ timeout: 15_000 });
    const labels = await rows.allInnerTexts();
    assert.ok(
      labels.some((l) => l.includes('Set API Key')),
      `menu rows: ${labels.join(' | ')}`,
    );
    await screenshot(page, 'actions-menu');
    await page.keyboard.press('Escape');
  });
});
