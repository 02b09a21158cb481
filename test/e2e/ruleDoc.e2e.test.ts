import * as assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page, Request, Response } from 'playwright-core';
import { REPO_ROOT } from '../harness/codeServer';
import { openFile, openSession, runCommand, screenshot } from './session';

/** The frame that renders `text` (webviews nest frames), once it shows up. */
async function frameWith(page: Page, text: string, timeoutMs: number): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      const found = await frame
        .locator('body', { hasText: text })
        .count()
        .catch(() => 0);
      if (found > 0) return frame;
    }
    if (Date.now() > deadline) throw new Error(`no frame shows "${text}"`);
    await page.waitForTimeout(250);
  }
}

describe('rule documentation from the Problems panel', function () {
  this.timeout(180_000);

  it('clicking the rule id opens the bundled page in the Markdown preview, with no network and no prompt', async () => {
    const { page, server, workspace } = await openSession();
    // A copy of its own, from the fixture: the quick-fix tests fix fanout.ts in the session's workspace.
    copyFileSync(join(REPO_ROOT, 'test/fixtures/workspace/fanout.ts'), join(workspace, 'rule-doc-fanout.ts'));
    const origin = new URL(server.url).host;
    // Everything the browser fetches from here on comes from code-server itself or from the
    // webview's service worker (the preview's *.vscode-resource.vscode-cdn.net addresses are
    // answered inside the browser from the extension folders): nothing reaches the network.
    const elsewhere: string[] = [];
    const onResponse = (response: Response): void => {
      const url = new URL(response.url());
      if (/^https?:$/.test(url.protocol) && url.host !== origin && !response.fromServiceWorker()) {
        elsewhere.push(response.url());
      }
    };
    const onFailed = (request: Request): void => {
      if (new URL(request.url()).host !== origin) elsewhere.push(`failed: ${request.url()}`);
    };
    page.on('response', onResponse);
    page.on('requestfailed', onFailed);
    try {
      await openFile(page, 'rule-doc-fanout.ts');
      await runCommand(page, 'View: Focus Problems');
      const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'unbounded-fanout' }).first();
      await row.waitFor({ state: 'visible', timeout: 30_000 });
      const link = row
        .locator('.code-link a.monaco-link, a.monaco-link', { hasText: 'unbounded-fanout' })
        .first();
      assert.match((await link.getAttribute('href')) ?? '', /^command:headroom\.openRuleDoc\?/);
      await link.click();

      const tab = page.locator('.tabs-container .tab', { hasText: 'unbounded-fanout.md' });
      await tab.waitFor({ state: 'visible', timeout: 30_000 });
      assert.match((await tab.innerText()) ?? '', /Preview/);
      const frame = await frameWith(page, 'Why it causes 429s', 30_000);
      assert.equal(
        await frame.locator('h1', { hasText: 'unbounded-fanout' }).count(),
        1,
        'the page is rendered',
      );
      assert.equal(await page.locator('.monaco-dialog-box').count(), 0, 'no "open external website?" dialog');
      await page.mouse.move(700, 300); // Off the Problems row, so its hover does not cover the page.
      await screenshot(page, 'rule-doc-preview');
      assert.deepEqual(elsewhere, [], 'no request left code-server');
    } finally {
      page.off('response', onResponse);
      page.off('requestfailed', onFailed);
    }
  });
});
