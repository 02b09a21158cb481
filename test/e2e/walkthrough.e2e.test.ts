/**
 * Issue 12, at home in VS Code: the Get Started walkthrough, Choose Model with the current
 * model marked and highlighted, and the README's quick-fix and dashboard pictures (cropped,
 * saved to test-artifacts/e2e/marketplace/).
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { REPO_ROOT } from '../harness/codeServer';
import { ARTIFACTS, openFile, openQuickFixMenu, openSession, runCommand, screenshot } from './session';

const MARKETPLACE = join(ARTIFACTS, 'marketplace');

/** Saves a crop of `locator`'s box (plus a margin) for the README. */
async function crop(
  page: Page,
  locator: Locator,
  name: string,
  size?: { width: number; height: number },
): Promise<void> {
  const box = await locator.boundingBox();
  if (!box) throw new Error(`${name}: nothing to crop`);
  mkdirSync(MARKETPLACE, { recursive: true });
  await page.screenshot({
    path: join(MARKETPLACE, `${name}.png`),
    clip: { x: box.x, y: box.y, width: size?.width ?? box.width, height: size?.height ?? box.height },
  });
}

describe('onboarding and models', function () {
  this.timeout(240_000);

  afterEach(async () => {
    const { page } = await openSession();
    await page.keyboard.press('Escape');
    await runCommand(page, 'View: Close All Editors');
  });

  it('Help › Get Started lists Headroom’s walkthrough: four steps, each with an image and a button', async () => {
    const { page } = await openSession();
    await runCommand(page, 'Welcome: Open Walkthrough...');
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get started with Headroom' });
    await row.first().waitFor({ state: 'visible', timeout: 30_000 });
    await row.first().click();
    const container = page.locator('.gettingStartedContainer');
    await container.waitFor({ state: 'visible', timeout: 30_000 });
    const steps = container.locator('.getting-started-step');
    await steps.first().waitFor({ timeout: 15_000 });
    const titles = await steps.locator('.step-title').allInnerTexts();
    assert.deepEqual(titles.map((t) => t.trim()).filter(Boolean), [
      'Connect: set a key or start observing',
      'Watch the status bar',
      'Lint and fix a file',
      'Open the dashboard',
    ]);
    // The open step shows its buttons and its image (the SVG, loaded from the extension).
    const open = container.locator('.getting-started-step.expanded').first();
    const text = await open.innerText();
    assert.match(text, /Set API Key/);
    assert.match(text, /Start Observing/);
    assert.ok((await open.locator('.monaco-button, a.button-link, .button-container a').count()) >= 2, text);
    const media = container.locator('.getting-started-media');
    await media.waitFor({ state: 'visible', timeout: 15_000 });
    await screenshot(page, 'walkthrough');
  });

  it('Choose Model… lists aliases first and marks and highlights the current model', async () => {
    const { page } = await openSession();
    await runCommand(page, 'Headroom: Choose Model');
    const rows = page.locator('.quick-input-list .monaco-list-row');
    await rows.first().waitFor({ state: 'visible', timeout: 15_000 });
    // The highlighted row is the current model, with a check.
    const focused = page.locator('.quick-input-list .monaco-list-row.focused');
    await focused.waitFor({ state: 'visible', timeout: 15_000 });
    const label = (await focused.innerText()).trim();
    assert.match(label, /claude-haiku-4-5/);
    assert.match(label, /\(current\)/);
    assert.equal(await focused.locator('.codicon-check').count(), 1, 'the current model has a check');
    const texts = await rows.allInnerTexts();
    const firstDated = texts.findIndex((t) => /-\d{8}\b/.test(t));
    const lastAlias = texts
      .map((t) => /claude-[a-z0-9-]+(?<!-\d{8})\b/.test(t) && !/-\d{8}\b/.test(t))
      .lastIndexOf(true);
    if (firstDated >= 0) assert.ok(lastAlias < firstDated, `aliases before dated ids: ${texts.join(' | ')}`);
    await screenshot(page, 'choose-model');
    await page.keyboard.press('Escape');
  });

  it('takes the README’s quick-fix and dashboard pictures', async () => {
    const { page, workspace } = await openSession();
    // A fresh copy of the fan-out sample (the quick-fix test changed the one in the workspace).
    writeFileSync(
      join(workspace, 'fanout-readme.ts'),
      readFileSync(join(REPO_ROOT, 'test/fixtures/workspace/fanout.ts'), 'utf8'),
    );
    const editor = await openFile(page, 'fanout-readme.ts');
    await editor.locator('.squiggly-warning').first().waitFor({ timeout: 30_000 });
    await runCommand(page, 'Go to Line/Column');
    await page.keyboard.type('6:10');
    await page.keyboard.press('Enter');
    await openQuickFixMenu(page, 'Cap concurrency');
    await crop(page, editor, 'quick-fix', { width: 900, height: 360 });
    await page.keyboard.press('Escape');

    await runCommand(page, 'Headroom: Show Dashboard');
    const deadline = Date.now() + 60_000;
    let drawn = false;
    while (!drawn && Date.now() < deadline) {
      for (const frame of page.frames()) {
        if (
          (await frame
            .locator('#charts canvas')
            .count()
            .catch(() => 0)) > 0
        ) {
          drawn = true;
        }
      }
      if (!drawn) await page.waitForTimeout(250);
    }
    assert.ok(drawn, 'the dashboard drew its charts');
    const tab = page.locator('.editor-group-container .editor-container').first();
    await crop(page, tab, 'dashboard', { width: 960, height: 560 });
  });
});
