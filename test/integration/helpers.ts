import * as vscode from 'vscode';

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
