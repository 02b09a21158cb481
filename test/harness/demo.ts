/**
 * `npm start`: a real VS Code (code-server 4.100.3 = VS Code 1.100.3) on 127.0.0.1 with
 * the packaged Headroom installed from its .vsix, opened on a copy of demo/workspace.
 * Runs until Ctrl+C, then stops every process it started.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { REPO_ROOT, startCodeServer } from './codeServer';
import { installCleanup, killAll } from './processes';
import { startMockAnthropic, type MockAnthropic } from '../mock-anthropic/server';

/** The key the demo gives VS Code when it runs against the simulated API. Not a real key. */
const DEMO_KEY = 'sk-ant-api03-FAKE-NOT-A-REAL-KEY-DEMO-' + '0'.repeat(70) + 'AA';

async function main(): Promise<void> {
  installCleanup();
  const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
    version: string;
  };
  const vsix = join(REPO_ROOT, `headroom-${version}.vsix`);
  // A fresh copy, so trying quick fixes never edits the repository.
  const workspace = mkdtempSync(join(tmpdir(), 'headroom-demo-'));
  cpSync(join(REPO_ROOT, 'demo/workspace'), workspace, { recursive: true });
  // Link the libraries the samples import, so the editor resolves their types.
  for (const pkg of ['@anthropic-ai/sdk', 'p-limit', 'yocto-queue']) {
    const target = join(REPO_ROOT, 'node_modules', pkg);
    if (!existsSync(target)) continue;
    mkdirSync(dirname(join(workspace, 'node_modules', pkg)), { recursive: true });
    symlinkSync(target, join(workspace, 'node_modules', pkg), 'dir');
  }

  const port = process.env.HEADROOM_DEMO_PORT ? Number(process.env.HEADROOM_DEMO_PORT) : 8080;
  // With a real key the monitor talks to the real API; without one, to the local simulated API.
  let mock: MockAnthropic | undefined;
  const realKey = process.env.ANTHROPIC_API_KEY?.trim();
  if (!realKey) {
    mock = await startMockAnthropic({ apiKey: DEMO_KEY, limits: { rpm: 50, itpm: 40_000, otpm: 8_000 } });
  }
  const server = await startCodeServer({
    workspace,
    installVsix: vsix,
    port,
    env: mock ? { ANTHROPIC_API_KEY: DEMO_KEY } : {},
    userSettings: mock
      ? { 'headroom.monitor.baseUrl': mock.url, 'headroom.monitor.pollIntervalSeconds': 15 }
      : {},
  }).catch(async (err: unknown) => {
    await mock?.close();
    throw err;
  });
  const url = `${server.url}/?folder=${encodeURIComponent(workspace)}`;
  console.log(`\nHeadroom demo is running (VS Code 1.100.3 with headroom-${version}.vsix installed).`);
  console.log(`Open: ${url}`);
  console.log(`Workspace copy: ${workspace}`);
  console.log(
    mock
      ? `Budget monitor: simulated API at ${mock.url} (no ANTHROPIC_API_KEY set). Click "Headroom: start monitor" in the status bar.`
      : 'Budget monitor: the real Anthropic API with your ANTHROPIC_API_KEY (each poll costs about 10 tokens).',
  );
  console.log('Press Ctrl+C to stop.\n');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.stop();
  await mock?.close();
  await killAll();
}

main().catch(async (err: unknown) => {
  console.error(`demo: ${err instanceof Error ? err.message : String(err)}`);
  await killAll();
  process.exit(1);
});
