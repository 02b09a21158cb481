import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openFile, openQuickFixMenu, openSession, runCommand, screenshot } from './session';

describe('quick fix through the lightbulb menu', function () {
  this.timeout(180_000);

  it('caps the concurrency of a fan-out and the squiggle vanishes', async () => {
    const { page, workspace } = await openSession();
    const editor = await openFile(page, 'fanout.ts');
    const squiggle = editor.locator('.squiggly-warning');
    await squiggle.first().waitFor({ timeout: 30_000 });
    // Put the cursor on the finding (Promise.all is on line 6) and open the quick-fix menu.
    await runCommand(page, 'Go to Line/Column');
    await page.keyboard.type('6:10');
    await page.keyboard.press('Enter');
    await page.locator('.monaco-editor.focused[data-uri$="fanout.ts"]').waitFor({ timeout: 15_000 });
    await screenshot(page, 'quickfix-before');
    await openQuickFixMenu(page, 'Cap concurrency');
    await screenshot(page, 'quickfix-menu');
    // Choose it with the keyboard, as the menu expects (a pointer shield covers it while it opens).
    const focused = page.locator('.action-widget .monaco-list-row.focused');
    for (
      let i = 0;
      i < 10 && !/Cap concurrency/.test((await focused.getAttribute('aria-label')) ?? '');
      i++
    ) {
      await page.keyboard.press('ArrowDown');
    }
    assert.match((await focused.getAttribute('aria-label')) ?? '', /Cap concurrency/);
    await page.keyboard.press('Enter');
    // The edit lands in the editor and the finding goes away.
    await page
      .locator('.monaco-editor .view-line', { hasText: 'class Semaphore' })
      .first()
      .waitFor({ timeout: 15_000 });
    await editor.locator('.squiggly-warning').first().waitFor({ state: 'detached', timeout: 30_000 });
    await screenshot(page, 'quickfix-after');
    await page.keyboard.press('Control+s');
    const path = join(workspace, 'fanout.ts');
    const deadline = Date.now() + 15_000;
    while (!readFileSync(path, 'utf8').includes('class Semaphore') && Date.now() < deadline) {
      await page.waitForTimeout(200);
    }
    const saved = readFileSync(path, 'utf8');
    assert.match(saved, /class Semaphore/);
    assert.match(saved, /const limit = new Semaphore\(8\);/);
    assert.match(saved, /limit\.run\(\(\) => client\.messages\.create\(/);
  });
});
