/**
 * Runs the integration suite (test/integration) inside the real extension host of
 * VS Code 1.100.3, served by code-server and opened in headless Chromium. The page
 * passes extensionDevelopmentPath/extensionTestsPath through the workbench's `payload`
 * parameter, exactly as the desktop flags do.
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { REPO_ROOT, startCodeServer, type RunningCodeServer } from './codeServer';
import { launchChromium } from './browser';
import { installCleanup, killAll } from './processes';
import { APP_KEY, TEST_KEY } from '../integration/testKey';

const DEADLINE_MS = Number(process.env.HEADROOM_INTEGRATION_TIMEOUT_MS ?? 10 * 60_000);
const ARTIFACTS = join(REPO_ROOT, 'test-artifacts', 'integration');

interface Event {
  event: 'pass' | 'fail' | 'pending' | 'end';
  title?: string;
  duration?: number;
  error?: string;
  passes?: number;
  failures?: number;
  pending?: number;
}

export async function runIntegration(): Promise<{ passes: number; failures: number; pending: number }> {
  installCleanup();
  mkdirSync(ARTIFACTS, { recursive: true });
  const resultsFile = join(ARTIFACTS, 'results.jsonl');
  // A previous run's results must never be mistaken for this one's.
  rmSync(resultsFile, { force: true });
  // Tests change settings and files, so they run on a copy of the fixture workspace.
  const workspace = mkdtempSync(join(tmpdir(), 'headroom-it-ws-'));
  cpSync(join(REPO_ROOT, 'test/fixtures/workspace'), workspace, { recursive: true });
  const testsEntry = join(REPO_ROOT, 'out/test/integration/index.js');
  if (!existsSync(testsEntry)) {
    throw new Error(`${testsEntry} is missing: run "node scripts/build.mjs --tests" first.`);
  }
  if (!existsSync(join(REPO_ROOT, 'dist/extension.js'))) {
    throw new Error('dist/extension.js is missing: run the build first.');
  }

  let server: RunningCodeServer | undefined;
  let browser: Browser | undefined;
  try {
    server = await startCodeServer({
      workspace,
      env: {
        HEADROOM_TEST_RESULTS: resultsFile,
        HEADROOM_TEST_MODE: '1',
        HEADROOM_POLL_TIMEOUT_MS: '1500',
        ANTHROPIC_API_KEY: '',
      },
      logFile: join(ARTIFACTS, 'code-server.log'),
    });
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const remote = `vscode-remote://127.0.0.1:${server.port}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', `${remote}${REPO_ROOT}`],
      ['extensionTestsPath', `${remote}${testsEntry}`],
    ]);
    await page.goto(
      `${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`,
    );

    // Follow the results file as the host writes it, echoing each test as it ends.
    let seen = 0;
    const deadline = Date.now() + DEADLINE_MS;
    for (;;) {
      const lines = existsSync(resultsFile)
        ? readFileSync(resultsFile, 'utf8').split('\n').filter(Boolean)
        : [];
      for (const line of lines.slice(seen)) {
        const e = JSON.parse(line) as Event;
        if (e.event === 'pass') console.log(`  ✔ ${e.title} (${e.duration ?? 0} ms)`);
        else if (e.event === 'pending') console.log(`  - ${e.title} (pending)`);
        else if (e.event === 'fail') console.log(`  ✘ ${e.title}\n${indent(e.error ?? '')}`);
        else if (e.event === 'end') {
          await page.screenshot({ path: join(ARTIFACTS, 'final.png') }).catch(() => undefined);
          const problems = auditLogs(server.userDataDir);
          for (const p of problems) console.log(`  ✘ log audit: ${p}`);
          if (problems.length === 0) {
            console.log('  ✔ log audit: no API key and no unhandled rejection in any log or settings file');
          }
          return {
            passes: (e.passes ?? 0) + (problems.length === 0 ? 1 : 0),
            failures: (e.failures ?? 0) + problems.length,
            pending: e.pending ?? 0,
          };
        }
      }
      seen = lines.length;
      // The host exits when the tests end; exiting without an end event means they never ran.
      if (/Extension Host Process exited/.test(server.output())) {
        await new Promise((r) => setTimeout(r, 1000)); // Let a last write land.
        const last = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8') : '';
        if (!last.includes('"event":"end"')) {
          throw new Error(
            `The extension host exited before the tests finished (${seen} events seen). ` +
              `Last server output:\n${server.output().slice(-1500)}`,
          );
        }
        continue;
      }
      if (Date.now() > deadline) {
        await page.screenshot({ path: join(ARTIFACTS, 'timeout.png') }).catch(() => undefined);
        throw new Error(
          `The integration suite did not finish within ${DEADLINE_MS / 1000} s (${seen} events seen). ` +
            `See ${join(ARTIFACTS, 'code-server.log')} and timeout.png.`,
        );
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    await killAll();
    rmSync(workspace, { recursive: true, force: true });
  }
}

/**
 * Reads every file VS Code wrote for this run (logs, settings, state) and reports the
 * test API key anywhere, and any unhandled promise rejection the extension host logged.
 */
function auditLogs(userDataDir: string): string[] {
  const problems: string[] = [];
  let sawHeadroomLog = false;
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const stat = statSync(path);
      if (stat.isDirectory()) walk(path);
      else if (stat.isFile() && stat.size < 20 * 1024 * 1024) {
        const text = readFileSync(path).toString('latin1');
        if (/Headroom\.log$/.test(name)) {
          sawHeadroomLog = true;
          // Report the extension's own activation figures.
          for (const line of text.split('\n')) {
            if (/activated in|Lint engine ready/.test(line)) console.log(`  ⏱ ${line.trim()}`);
          }
        }
        for (const key of [TEST_KEY, APP_KEY]) {
          if (text.includes(key)) problems.push(`an API key appears in ${path}`);
        }
        if (/exthost|remoteexthost/i.test(path)) {
          for (const line of text.split('\n')) {
            if (/unhandled|rejected promise not handled/i.test(line)) {
              problems.push(`${name}: ${line.trim().slice(0, 300)}`);
            }
          }
        }
      }
    }
  };
  walk(userDataDir);
  // An audit that found no Headroom log proves nothing.
  if (!sawHeadroomLog) {
    problems.push(`no Headroom output log found under ${userDataDir}; the audit could not run`);
  }
  return problems;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `      ${l}`)
    .join('\n');
}

if (require.main === module) {
  runIntegration().then(
    (r) => {
      console.log(
        `\nintegration: ${r.passes} passed, ${r.failures} failed${r.pending ? `, ${r.pending} skipped` : ''}`,
      );
      process.exit(r.failures > 0 || r.passes === 0 ? 1 : 0);
    },
    (err: unknown) => {
      console.error(`integration: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
