/**
 * Runs the integration suite (test/integration) inside the real extension host of
 * VS Code 1.100.3, served by code-server and opened in headless Chromium. The page
 * passes extensionDevelopmentPath/extensionTestsPath through the workbench's `payload`
 * parameter, exactly as the desktop flags do.
 *
 * The host streams JSON-line events (test/integration/index.ts). Only a complete stream
 * counts: a `start` event, one event per test, and an `end` event whose counts match the
 * events seen. The tally, with the log audit as one more test, is written to the results
 * file the runner reads (`--results <file>`, see ./results.ts); a crash writes none.
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
import { writeResults, type TestResults } from './results';

const DEADLINE_MS = Number(process.env.HEADROOM_INTEGRATION_TIMEOUT_MS ?? 10 * 60_000);
const ARTIFACTS = join(REPO_ROOT, 'test-artifacts', 'integration');

export interface Event {
  event: 'start' | 'pass' | 'fail' | 'pending' | 'end';
  /** With `start`: the tests mocha means to run, and the grep that narrowed them. */
  total?: number;
  grep?: string;
  title?: string;
  duration?: number;
  error?: string;
  passes?: number;
  failures?: number;
  pending?: number;
}

export type Tally = Omit<TestResults, 'format' | 'version'>;

/**
 * `restricted`: the Restricted Mode pass (test/restricted) in its own server, with
 * workspace trust on and the folder untrusted.
 */
export async function runIntegration(options: { restricted?: boolean } = {}): Promise<Tally> {
  installCleanup();
  mkdirSync(ARTIFACTS, { recursive: true });
  const resultsFile = join(ARTIFACTS, options.restricted ? 'results-restricted.jsonl' : 'results.jsonl');
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
        ...(options.restricted && { HEADROOM_TEST_DIR: join(REPO_ROOT, 'out/test/restricted') }),
      },
      logFile: join(ARTIFACTS, options.restricted ? 'code-server-restricted.log' : 'code-server.log'),
      ...(options.restricted && {
        workspaceTrust: true,
        userSettings: {
          'security.workspace.trust.enabled': true,
          // No trust prompt: the folder simply opens in Restricted Mode.
          'security.workspace.trust.startupPrompt': 'never',
        },
      }),
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
    let start: Event | undefined;
    const tally: Tally = { planned: 0, grep: '', passes: [], failures: [], pending: [] };
    const deadline = Date.now() + DEADLINE_MS;
    for (;;) {
      // Only whole lines: the host may be halfway through writing the last one.
      const text = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8') : '';
      const lines = text
        .slice(0, text.lastIndexOf('\n') + 1)
        .split('\n')
        .filter(Boolean);
      for (const line of lines.slice(seen)) {
        const e = JSON.parse(line) as Event;
        if (e.event === 'start') {
          start = e;
          tally.planned = e.total ?? 0;
          tally.grep = e.grep ?? '';
          if (tally.grep) {
            console.log(`  (narrowed by HEADROOM_TEST_GREP="${tally.grep}": ${tally.planned} tests)`);
          }
        } else if (e.event === 'pass') {
          tally.passes.push(e.title ?? '');
          console.log(`  ✔ ${e.title} (${e.duration ?? 0} ms)`);
        } else if (e.event === 'pending') {
          tally.pending.push(e.title ?? '');
          console.log(`  - ${e.title} (pending)`);
        } else if (e.event === 'fail') {
          tally.failures.push({ title: e.title ?? '', error: e.error ?? '' });
          console.log(`  ✘ ${e.title}\n${indent(e.error ?? '')}`);
        } else if (e.event === 'end') {
          await page.screenshot({ path: join(ARTIFACTS, 'final.png') }).catch(() => undefined);
          for (const p of streamProblems(start, e, tally)) {
            console.log(`  ✘ ${p}`);
            tally.failures.push({ title: 'integration results', error: p });
          }
          const userDataDir = server.userDataDir;
          addLogAudit(tally, () => auditLogs(userDataDir), console.log);
          return tally;
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

/** What makes a finished event stream incomplete or inconsistent (each one a failure). */
export function streamProblems(start: Event | undefined, end: Event, tally: Tally): string[] {
  const problems: string[] = [];
  if (end.error) problems.push(`the integration tests did not run: ${end.error}`);
  if (!start) problems.push('no start event: the host never began the run it reported');
  const seen = {
    passes: tally.passes.length,
    failures: tally.failures.length,
    pending: tally.pending.length,
  };
  const said = { passes: end.passes ?? -1, failures: end.failures ?? -1, pending: end.pending ?? -1 };
  if (seen.passes !== said.passes || seen.failures !== said.failures || seen.pending !== said.pending) {
    problems.push(
      `the end event says ${JSON.stringify(said)} but the events streamed ${JSON.stringify(seen)}`,
    );
  }
  return problems;
}

/**
 * Adds the log audit to a finished pass's tally, as one more test. A pass that ran no test
 * (a `--grep` matching none of its tests, as the Restricted Mode pass in most narrowed runs)
 * never activated the extension, so it wrote no log to audit: the audit is skipped and says
 * so, instead of failing for the missing log.
 */
export function addLogAudit(tally: Tally, audit: () => string[], log: (line: string) => void): void {
  const ran = tally.passes.length + tally.failures.length + tally.pending.length;
  if (ran === 0) {
    const why = tally.grep ? ` (--grep "${tally.grep}" matched none of its tests)` : '';
    log(`  - log audit skipped: this pass ran no test${why}, so the extension never activated`);
    return;
  }
  const problems = audit();
  for (const p of problems) log(`  ✘ log audit: ${p}`);
  tally.planned += 1;
  if (problems.length === 0) {
    log('  ✔ log audit: no API key and no unhandled rejection in any log or settings file');
    tally.passes.push('log audit');
  } else tally.failures.push({ title: 'log audit', error: problems.join('\n') });
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
  // `--results <file>`: where to write the tally for the runner (scripts/test.mjs).
  const at = process.argv.indexOf('--results');
  const results = at > 0 ? process.argv[at + 1] : join(ARTIFACTS, 'results.json');
  const both = async (): Promise<Tally> => {
    const main = await runIntegration();
    // The Restricted Mode pass runs whenever the whole suite does (a --grep run may target it).
    console.log('\n  Restricted Mode pass (workspace trust on, folder untrusted):');
    const restricted = await runIntegration({ restricted: true });
    return {
      planned: main.planned + restricted.planned,
      grep: main.grep,
      passes: [...main.passes, ...restricted.passes],
      failures: [...main.failures, ...restricted.failures],
      pending: [...main.pending, ...restricted.pending],
    };
  };
  both().then(
    (r) => {
      writeResults(results, r);
      const { passes, failures, pending } = {
        passes: r.passes.length,
        failures: r.failures.length,
        pending: r.pending.length,
      };
      console.log(
        `\nintegration: ${passes} passed, ${failures} failed${pending ? `, ${pending} skipped` : ''}`,
      );
      process.exit(failures > 0 || pending > 0 || passes === 0 ? 1 : 0);
    },
    (err: unknown) => {
      console.error(`integration: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
