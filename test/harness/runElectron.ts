/**
 * Runs the same integration entry (test/integration/index.ts) in desktop VS Code through
 * @vscode/test-electron. It downloads VS Code, so it only works on machines with internet
 * access; CI here uses the code-server runner (runIntegration.ts) instead.
 */
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { REPO_ROOT } from './codeServer';

async function main(): Promise<void> {
  const code = await runTests({
    version: process.env.HEADROOM_VSCODE_VERSION ?? '1.100.3',
    extensionDevelopmentPath: REPO_ROOT,
    extensionTestsPath: join(REPO_ROOT, 'out/test/integration/index.js'),
    launchArgs: [
      join(REPO_ROOT, 'test/fixtures/workspace'),
      '--disable-extensions',
      '--disable-workspace-trust',
    ],
    extensionTestsEnv: { HEADROOM_TEST_MODE: '1' },
  });
  process.exit(code);
}

main().catch((err: unknown) => {
  console.error(`electron runner: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
