/**
 * One code-server + Chromium session shared by the e2e suite: the packaged .vsix is
 * installed with --install-extension, exactly as a user installs it, into a fresh
 * extensions folder, and the demo-like e2e workspace is opened in the browser.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../harness/browser';
import { REPO_ROOT, startCodeServer, type RunningCodeServer } from '../harness/codeServer';
import { installCleanup, killAll } from '../harness/processes';
import { startMockAnthropic, type MockAnthropic } from '../mock-anthropic/server';

/** The key typed into Set API Key; fake, in the real format. */
export const E2E_KEY = 'sk-ant-api03-FAKE-NOT-A-REAL-KEY-E2E-' + '0'.repeat(70) + 'AA';

export const ARTIFACTS = join(REPO_ROOT, 'test-artifacts', 'e2e');

export interface Session {
  /** The local Anthropic-compatible server the monitor talks to (user setting baseUrl). */
  mock: MockAnthropic;
  server: RunningCodeServer;
  browser: Browser;
  page: Page;
  workspace: string;
}

let current: Session | undefined;

export function vsixPath(): string {
  const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
    version: string;
  };
  return join(REPO_ROOT, `headroom-${version}.vsix`);
}

export async function openSession(): Promise<Session> {
  if (current) return current;
  installCleanup();
  mkdirSync(ARTIFACTS, { recursive: true });
  const vsix = vsixPath();
  if (!existsSync(vsix)) throw new Error(`${vsix} is missing: run "npm run package" first.`);
  // Tests edit files (quick fixes), so they work on a copy of the fixture workspace.
  const workspace = mkdtempSync(join(tmpdir(), 'headroom-e2e-ws-'));
  cpSync(join(REPO_ROOT, 'test/fixtures/workspace'), workspace, { recursive: true });
  const mock = await startMockAnthropic({ apiKey: E2E_KEY });
  const server = await startCodeServer({
    workspace,
    installVsix: vsix,
    logFile: join(ARTIFACTS, 'code-server.log'),
    env: { ANTHROPIC_API_KEY: '' },
    userSettings: {
      'headroom.monitor.baseUrl': mock.url,
      // Tests move the state with Refresh Now; an hourly poll never interferes.
      'headroom.monitor.pollIntervalSeconds': 3600,
      'headroom.monitor.notifications': 'off',
      // The DOM renderer keeps terminal text readable by the tests (no GPU here anyway).
      'terminal.integrated.gpuAcceleration': 'off',
    },
  }).catch(async (err: unknown) => {
    await mock.close();
    throw err;
  });
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
    await page.waitForSelector('.statusbar', { timeout: 60_000 });
    // Ready when Headroom has activated and shows its item.
    await page
      .locator('[id="headroom-dev.headroom.headroom.budget"]')
      .waitFor({ state: 'visible', timeout: 60_000 });
    current = { mock, server, browser, page, workspace };
    return current;
  } catch (err) {
    await browser?.close().catch(() => undefined);
    await server.stop();
    await mock.close();
    throw err;
  }
}

export async function closeSession(): Promise<void> {
  const s = current;
  current = undefined;
  await s?.browser.close().catch(() => undefined);
  await s?.server.stop();
  await s?.mock.close();
  await killAll();
}

/** Saves a screenshot into the artifacts folder and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/**
 * Runs a command from the Command Palette, as a user would (F1, type, Enter). A widget
 * left open (or one still opening) can swallow the keys, so it starts from a closed
 * palette and tries again when the input does not show up.
 */
export async function runCommand(page: Page, title: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  for (let attempt = 0; ; attempt++) {
    try {
      if (await input.isVisible()) await page.keyboard.press('Escape');
      await page.keyboard.press('F1');
      await input.waitFor({ state: 'visible', timeout: 5_000 });
      await input.fill(`>${title}`, { timeout: 5_000 });
      const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
      await row.waitFor({ state: 'visible', timeout: 15_000 });
      await page.keyboard.press('Enter');
      return;
    } catch (err) {
      if (attempt >= 3) throw err;
      await page.keyboard.press('Escape');
      await page.waitForTimeout(500);
    }
  }
}

/** The Headroom status bar item. */
export function statusItem(page: Page) {
  return page.locator('[id="headroom-dev.headroom.headroom.budget"]');
}

/** Opens a workspace file with Go to File, as a user would, and returns its editor. */
export async function openFile(page: Page, name: string) {
  // A file written a moment ago may not be in Go to File's index yet, and on a busy machine
  // Enter can land before the picker has settled on the row: close the picker and ask again,
  // as a user would, until the file's editor is open.
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first();
  const editor = page.locator(`.monaco-editor[data-uri$="${name}"]`).first();
  for (let attempt = 0; ; attempt++) {
    await runCommand(page, 'Go to File');
    await page.keyboard.type(name);
    try {
      await row.waitFor({ timeout: 10_000 });
      await page.keyboard.press('Enter');
      await editor.waitFor({ timeout: 15_000 });
      return editor;
    } catch (err) {
      if (attempt >= 3) throw err;
      await page.keyboard.press('Escape');
    }
  }
}

/**
 * Opens the quick-fix menu (Ctrl+.) at the cursor and waits for the row labelled `label`.
 * The menu waits for every provider, the TypeScript server's too, which is slow to start;
 * until then Ctrl+. can come back empty, so it asks again as a user would.
 */
export async function openQuickFixMenu(page: Page, label: string) {
  const item = page.locator('.action-widget .monaco-list-row', { hasText: label }).first();
  for (let attempt = 0; ; attempt++) {
    await page.keyboard.press('Control+.');
    try {
      await item.waitFor({ state: 'visible', timeout: 5_000 });
      return item;
    } catch (err) {
      if (attempt >= 10) throw err;
      await page.keyboard.press('Escape');
    }
  }
}

/** Types the test key into Set API Key's box (run the command first) and presses Enter. */
export async function enterApiKey(page: Page): Promise<void> {
  const box = page.locator('.quick-input-widget input[type="password"]');
  await box.waitFor({ state: 'visible', timeout: 15_000 });
  // The palette's input turns into the key box; fill it once the box owns it.
  const deadline = Date.now() + 30_000;
  while ((await box.inputValue()) !== E2E_KEY) {
    if (Date.now() > deadline) throw new Error('the key box never took the key');
    await box.fill(E2E_KEY);
  }
  await page.keyboard.press('Enter');
}
