import * as assert from 'node:assert/strict';
import { openFile, openSession, runCommand, screenshot } from './session';

describe('diagnostics in the Problems panel', function () {
  this.timeout(180_000);

  it('lists Headroom findings for the open file', async () => {
    const { page } = await openSession();
    await openFile(page, 'fanout.ts');
    await runCommand(page, 'View: Focus Problems');
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'unbounded-fanout' }).first();
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    const text = await page.locator('.markers-panel').innerText();
    assert.match(text, /Headroom/);
    assert.match(text, /unbounded-fanout/);
    // The squiggle is in the editor too.
    await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ timeout: 15_000 });
    await screenshot(page, 'problems-panel');
  });
});
