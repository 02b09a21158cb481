import { chromium, type Browser } from 'playwright-core';
import { chromiumPath } from './codeServer';

/**
 * Launches Debian's Chromium headless. The networking flags stop it from calling hosts
 * this machine cannot reach (it would retry them all the time).
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    timeout: 60_000,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}
