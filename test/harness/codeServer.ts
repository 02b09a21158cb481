import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execFileSync, type ChildProcess } from 'node:child_process';
import { freePort, killGroup, run, spawnTracked, waitFor } from './processes';

/** code-server 4.100.3 ships VS Code 1.100.3 and is the newest that runs on Node 20. */
export const CODE_SERVER_VERSION = '4.100.3';
export const REPO_ROOT = resolve(__dirname, '../../..');
const CACHE = join(REPO_ROOT, '.vscode-test', `code-server-${CODE_SERVER_VERSION}`);
const ENTRY = join(CACHE, 'node_modules/code-server/out/node/entry.js');
const READY_MARKER = join(CACHE, '.provisioned');

/** The Debian packages the harness needs, each with the file that proves it is installed. */
const DEBIAN_REQUIREMENTS: Array<{ pkg: string; present: () => boolean; why: string }> = [
  {
    pkg: 'ripgrep',
    present: () => which('rg') !== undefined,
    why: 'VS Code search (replaces the rg download)',
  },
  {
    pkg: 'libkrb5-dev',
    present: () => existsSync('/usr/include/gssapi/gssapi.h') || existsSync('/usr/include/krb5.h'),
    why: "headers for code-server's kerberos module",
  },
  { pkg: 'chromium', present: () => existsSync(chromiumPath()), why: 'the browser that drives VS Code' },
];

function which(cmd: string): string | undefined {
  try {
    return execFileSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Path of the Debian Chromium (overridable with HEADROOM_CHROMIUM). */
export function chromiumPath(): string {
  return process.env.HEADROOM_CHROMIUM ?? '/usr/bin/chromium';
}

/** Throws a message naming every missing Debian package and the command that installs them. */
export function checkDebianPackages(): void {
  const missing = DEBIAN_REQUIREMENTS.filter((r) => !r.present());
  if (missing.length === 0) return;
  const lines = missing.map((m) => `  - ${m.pkg}: ${m.why}`).join('\n');
  throw new Error(
    `Missing Debian packages:\n${lines}\nInstall them with:\n  sudo apt-get update && sudo apt-get install -y ${missing
      .map((m) => m.pkg)
      .join(' ')}`,
  );
}

/**
 * Makes sure the Debian packages are there. As root with apt-get (a fresh CI or dev
 * machine), a missing package is installed, so the README's two commands work as they
 * are; otherwise the message names the packages and the command that installs them.
 */
export async function ensureDebianPackages(log: (m: string) => void): Promise<void> {
  const missing = DEBIAN_REQUIREMENTS.filter((r) => !r.present()).map((r) => r.pkg);
  if (missing.length === 0) return;
  if (process.getuid?.() === 0 && which('apt-get') !== undefined && process.env.HEADROOM_NO_APT !== '1') {
    log(`Installing Debian packages: ${missing.join(' ')} (apt-get)…`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    await run('apt-get', ['update', '-qq'], { env, timeoutMs: 10 * 60_000 }).catch(() => undefined);
    await run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
      env,
      timeoutMs: 15 * 60_000,
    }).catch((err: unknown) =>
      log(
        `apt-get could not install them: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`,
      ),
    );
  }
  checkDebianPackages();
}

/**
 * Installs the pinned code-server into the git-ignored cache, once. code-server's own
 * postinstall refuses root and downloads ripgrep, so its steps are done here by hand
 * with scripts off (see ../shared/reference/testing-in-real-vscode.md).
 */
export async function provisionCodeServer(log: (m: string) => void = () => undefined): Promise<string> {
  await ensureDebianPackages(log);
  if (existsSync(READY_MARKER) && readFileSync(READY_MARKER, 'utf8').trim() === CODE_SERVER_VERSION) {
    return ENTRY;
  }
  log(`Provisioning code-server ${CODE_SERVER_VERSION} into ${CACHE} (first run only, about 2 minutes)…`);
  rmSync(CACHE, { recursive: true, force: true });
  mkdirSync(CACHE, { recursive: true });
  writeFileSync(join(CACHE, 'package.json'), JSON.stringify({ name: 'code-server-cache', private: true }));
  const npm = 'npm';
  const quiet = ['--no-audit', '--no-fund', '--loglevel=error'];
  const timeoutMs = 15 * 60_000;
  await run(npm, ['install', `code-server@${CODE_SERVER_VERSION}`, '--ignore-scripts', ...quiet], {
    cwd: CACHE,
    timeoutMs,
  });
  const vscodeDir = join(CACHE, 'node_modules/code-server/lib/vscode');
  await run(npm, ['install', '--omit=dev', '--ignore-scripts', ...quiet], { cwd: vscodeDir, timeoutMs });
  await run(
    npm,
    [
      'rebuild',
      '@parcel/watcher',
      '@vscode/deviceid',
      '@vscode/spdlog',
      'kerberos',
      'native-watchdog',
      'node-pty',
    ],
    { cwd: vscodeDir, timeoutMs, env: { ...process.env, npm_config_yes: 'true' } },
  );
  const rgDir = join(vscodeDir, 'node_modules/@vscode/ripgrep/bin');
  mkdirSync(rgDir, { recursive: true });
  rmSync(join(rgDir, 'rg'), { force: true });
  symlinkSync(which('rg') as string, join(rgDir, 'rg'));
  rmSync(join(vscodeDir, 'node_modules.asar'), { force: true });
  symlinkSync('node_modules', join(vscodeDir, 'node_modules.asar'));
  await run(npm, ['install', '--omit=dev', '--ignore-scripts', ...quiet], {
    cwd: join(vscodeDir, 'extensions'),
    timeoutMs,
  });
  await run(npm, ['rebuild', 'argon2', ...quiet], { cwd: CACHE, timeoutMs });
  const { stdout } = await run(process.execPath, [ENTRY, '--version'], { timeoutMs: 60_000 });
  if (!stdout.includes(CODE_SERVER_VERSION)) {
    throw new Error(`code-server reports an unexpected version: ${stdout}`);
  }
  writeFileSync(READY_MARKER, CODE_SERVER_VERSION);
  log(`code-server ready: ${stdout.trim().split('\n')[0]}`);
  return ENTRY;
}

export interface CodeServerOptions {
  workspace: string;
  /** A .vsix to install first, exactly as a user would. */
  installVsix?: string;
  /** Extra environment for the server and its extension host. */
  env?: NodeJS.ProcessEnv;
  /** Settings written to the user settings.json before start. */
  userSettings?: Record<string, unknown>;
  /** Where to write the server's own log (stdout and stderr). */
  logFile?: string;
  /** A fixed port (the demo); by default a free one is picked. */
  port?: number;
  /** Keep workspace trust on (the Restricted Mode pass); off by default. */
  workspaceTrust?: boolean;
}

export interface RunningCodeServer {
  url: string;
  port: number;
  userDataDir: string;
  extensionsDir: string;
  /** Everything code-server printed so far. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts code-server on a free 127.0.0.1 port with its own user-data and extensions
 * folders. Retries once on a busy port; fails with the server's output if it does not
 * listen within the deadline.
 */
export async function startCodeServer(options: CodeServerOptions): Promise<RunningCodeServer> {
  const entry = await provisionCodeServer((m) => console.log(m));
  const base = mkdtempSync(join(tmpdir(), 'headroom-cs-'));
  const userDataDir = join(base, 'user');
  const extensionsDir = join(base, 'ext');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(
    join(userDataDir, 'User/settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'security.workspace.trust.enabled': false,
        'telemetry.telemetryLevel': 'off',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'update.mode': 'none',
        'chat.disableAIFeatures': true,
        'workbench.colorTheme': 'Default Dark Modern',
        'git.openRepositoryInParentFolders': 'never',
        ...options.userSettings,
      },
      null,
      2,
    ),
  );
  const env = { ...process.env, ...options.env };
  const common = ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  if (options.installVsix) {
    await run(process.execPath, [entry, ...common, '--install-extension', options.installVsix], {
      env,
      timeoutMs: 120_000,
    });
  }

  let lastError: unknown;
  for (let attempt = 0; attempt < 2; attempt++) {
    const port = options.port ?? (await freePort());
    let output = '';
    const child: ChildProcess = spawnTracked(
      process.execPath,
      [
        entry,
        '--auth',
        'none',
        '--bind-addr',
        `127.0.0.1:${port}`,
        '--disable-telemetry',
        '--disable-update-check',
        ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
        '--disable-getting-started-override',
        ...common,
        options.workspace,
      ],
      { env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const onData = (d: Buffer): void => {
      output += d.toString();
      if (options.logFile) writeFileSync(options.logFile, output);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    try {
      await waitFor(
        () => {
          if (child.exitCode !== null) {
            throw new Error(`code-server exited with ${child.exitCode}:\n${output.slice(-2000)}`);
          }
          return /HTTP server listening on/.test(output);
        },
        30_000,
        `code-server to listen on 127.0.0.1:${port}`,
      );
    } catch (err) {
      await killGroup(child);
      lastError = err;
      if (/EADDRINUSE/.test(output)) {
        if (options.port !== undefined) {
          lastError = new Error(`Port ${options.port} on 127.0.0.1 is already in use; choose another one.`);
          break;
        }
        continue;
      }
      break;
    }
    return {
      url: `http://127.0.0.1:${port}`,
      port,
      userDataDir,
      extensionsDir,
      output: () => output,
      stop: async () => {
        await killGroup(child);
        rmSync(base, { recursive: true, force: true });
      },
    };
  }
  rmSync(base, { recursive: true, force: true });
  throw lastError instanceof Error ? lastError : new Error(String(lastError));
}
