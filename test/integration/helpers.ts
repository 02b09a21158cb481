import * as vscode from 'vscode';
import type { HeadroomApi } from '../../src/extension';
import { startMockAnthropic, type MockAnthropic } from '../mock-anthropic/server';
import { TEST_KEY } from './testKey';

export const EXTENSION_ID = 'headroom-dev.headroom';

/** Returns the Headroom extension, activated. */
export async function activateHeadroom(): Promise<vscode.Extension<unknown>> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not loaded in this extension host.`);
  await ext.activate();
  return ext;
}

/** Polls `check` until it returns a truthy value (no fixed sleeps), or throws after `timeoutMs`. */
export async function eventually<T>(
  check: () => T | false | undefined | null | Promise<T | false | undefined | null>,
  timeoutMs = 10_000,
  what = 'condition',
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
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`,
      );
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The monitor settings the tests set globally, so they can all be restored. */
const MONITOR_TEST_SETTINGS = ['baseUrl', 'model', 'notifications', 'pollIntervalSeconds'] as const;

/**
 * Points the monitor at a fresh local Anthropic-compatible server with the test key, no
 * notifications and automatic polls an hour apart (tests move it with Refresh Now, and a
 * timed poll would race the requests they count), and waits for the first reading.
 */
export async function monitorAgainstMock(
  model: string,
): Promise<{ api: HeadroomApi; testing: NonNullable<HeadroomApi['testing']>; mock: MockAnthropic }> {
  const api = (await activateHeadroom()).exports as HeadroomApi;
  if (!api.testing) throw new Error('the harness runs the extension in test mode (HEADROOM_TEST_MODE=1)');
  const testing = api.testing;
  const mock = await startMockAnthropic({ apiKey: TEST_KEY });
  const config = vscode.workspace.getConfiguration('headroom.monitor');
  await config.update('baseUrl', mock.url, vscode.ConfigurationTarget.Global);
  await config.update('model', model, vscode.ConfigurationTarget.Global);
  await config.update('notifications', 'off', vscode.ConfigurationTarget.Global);
  await config.update('pollIntervalSeconds', 3600, vscode.ConfigurationTarget.Global);
  await testing.setApiKey(TEST_KEY);
  await eventually(
    () => mock.stats().requests >= 1 && api.monitorView().state.kind === 'ok',
    20_000,
    'the first poll',
  );
  return { api, testing, mock };
}

/** Undoes {@link monitorAgainstMock}: clears the key and the settings, stops the server. */
export async function releaseMonitor(
  testing: NonNullable<HeadroomApi['testing']> | undefined,
  mock: MockAnthropic | undefined,
): Promise<void> {
  await testing?.clearApiKey();
  const config = vscode.workspace.getConfiguration('headroom.monitor');
  for (const key of MONITOR_TEST_SETTINGS) {
    await config.update(key, undefined, vscode.ConfigurationTarget.Global);
  }
  await mock?.close();
}
