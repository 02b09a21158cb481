/**
 * `npm start`: a real VS Code (code-server 4.100.3 = VS Code 1.100.3) on 127.0.0.1 with
 * the packaged Headroom installed from its .vsix, opened on a copy of demo/workspace.
 * Runs until Ctrl+C, then stops every process it started.
 */
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, startCodeServer } from './codeServer';
import { installCleanup, killAll } from './processes';

async function main(): Promise<void> {
  installCleanup();
  const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
    version: string;
  };
  const vsix = join(REPO_ROOT, `headroom-${version}.vsix`);
  // A fresh copy, so trying quick fixes never edits the repository.
  const workspace = mkdtempSync(join(tmpdir(), 'headroom-demo-'));
  cpSync(join(REPO_ROOT, 'demo/workspace'), workspace, { recursive: true });

  const port = process.env.HEADROOM_DEMO_PORT ? Number(process.env.HEADROOM_DEMO_PORT) : 8080;
  const server = await startCodeServer({ workspace, installVsix: vsix, port, env: {} });
  const url = `${server.url}/?folder=${encodeURIComponent(workspace)}`;
  console.log(`\nHeadroom demo is running (VS Code 1.100.3 with headroom-${version}.vsix installed).`);
  console.log(`Open: ${url}`);
  console.log(`Workspace copy: ${workspace}`);
  console.log('Press Ctrl+C to stop.\n');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.stop();
  await killAll();
}

main().catch(async (err: unknown) => {
  console.error(`demo: ${err instanceof Error ? err.message : String(err)}`);
  await killAll();
  process.exit(1);
});
