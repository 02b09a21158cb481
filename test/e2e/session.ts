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

export const ARTIFACTS = join(REPO_ROOT, 'test-artifacts', 'e2e');

export interface Session {
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
  const server = await startCodeServer({
    workspace,
    installVsix: vsix,
    logFile: join(ARTIFACTS, 'code-server.log'),
    env: { ANTHROPIC_API_KEY: '' },
  });
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
    await page.waitForSelector('.statusbar', { timeout: 60_000 });
    current = { server, browser, page, workspace };
    return current;
  } catch (err) {
    await browser?.close().catch(() => undefined);
    await server.stop();
    throw err;
  }
}

export async function closeSession(): Promise<void> {
  const s = current;
  current = undefined;
  await s?.browser.close().catch(() => undefined);
  await s?.server.stop();
  await killAll();
}

/** Saves a screenshot into the artifacts folder and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}
