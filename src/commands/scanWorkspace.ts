import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { CommandId } from '../constants';
import type { Logger } from '../core/logger';
import type { LintEngine } from '../core/lint';
import type { Finding } from '../core/lint/types';
import { languageForPath } from '../core/lint/languages';
import { GitIgnore } from '../core/files/gitignore';
import { MAX_FILE_BYTES } from '../core/files/limits';
import { isDotenvPath, lintDotenv } from '../core/rules/hardcoded-api-key/dotenv';
import { readLintSettings } from '../config';
import { isExcluded, isLintLanguage, lintOptions, type NotebookLinter } from '../features/lint/linter';
import { toDiagnostic } from '../features/lint/diagnostics';
import type { ProjectModules } from '../features/lint/projectModules';

const INCLUDE = '**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx,py,ipynb}';
/** Dotenv files, read by `hardcoded-api-key` (as the CLI and the live linter read them). */
const INCLUDE_DOTENV = '**/{.env,.env.*,*.env,.envrc}';
/** Never worth linting: dependencies, virtualenvs, build output, caches. */
const ALWAYS_EXCLUDED = [
  '**/node_modules/**',
  '**/.git/**',
  '**/.venv/**',
  '**/venv/**',
  '**/.tox/**',
  '**/__pycache__/**',
  '**/site-packages/**',
  '**/dist/**',
  '**/build/**',
  '**/out/**',
  '**/.next/**',
  '**/coverage/**',
];

export interface ScanDeps {
  getEngine(): Promise<LintEngine>;
  collection: vscode.DiagnosticCollection;
  linter: NotebookLinter;
  log: Logger;
  /** The workspace's own modules (cross-file facts), read as the live linter reads them. */
  modules?: ProjectModules;
}

/**
 * "Headroom: Scan Workspace": lints every supported file of every folder into the
 * Problems panel, with a cancellable progress notification. Open documents keep the live
 * linter's diagnostics (it has their unsaved text) but are counted too, from the same
 * text, so the summary equals what the Problems panel shows for Headroom.
 */
export function registerScanWorkspace(deps: ScanDeps): vscode.Disposable {
  return vscode.commands.registerCommand(CommandId.scanWorkspace, async () => {
    try {
      return await scan(deps);
    } catch (err) {
      deps.log.error(`Scan failed: ${err instanceof Error ? err.message : String(err)}`);
      void vscode.window.showErrorMessage(
        `Headroom: the workspace scan failed. See Headroom: Show Log for details.`,
      );
      return undefined;
    }
  });
}

/** The result the command resolves to (also used by tests). */
export interface ScanSummary {
  files: number;
  findings: number;
  filesWithFindings: number;
  skipped: number;
  cancelled: boolean;
}

async function scan(deps: ScanDeps): Promise<ScanSummary | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showInformationMessage('Headroom: open a folder to scan it.');
    return undefined;
  }
  const engine = await deps.getEngine();
  const summary = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: 'Headroom: scanning workspace',
      cancellable: true,
    },
    async (progress, token) => {
      const result: ScanSummary = {
        files: 0,
        findings: 0,
        filesWithFindings: 0,
        skipped: 0,
        cancelled: false,
      };
      progress.report({ message: 'finding files…' });
      const uris: vscode.Uri[] = [];
      for (const folder of folders) {
        const found = [
          ...(await vscode.workspace.findFiles(
            new vscode.RelativePattern(folder, INCLUDE),
            excludeGlob(folder),
            undefined,
            token,
          )),
          ...(
            await vscode.workspace.findFiles(
              new vscode.RelativePattern(folder, INCLUDE_DOTENV),
              excludeGlob(folder),
              undefined,
              token,
            )
          ).filter((uri) => isDotenvPath(uri.path)),
        ];
        const ignore = await loadGitIgnore(folder);
        for (const uri of found) {
          const rel = vscode.workspace.asRelativePath(uri, false);
          if (!ignore.ignores(rel)) uris.push(uri);
        }
      }
      const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
      const openNotebooks = new Map(vscode.workspace.notebookDocuments.map((n) => [n.uri.toString(), n]));
      const increment = uris.length > 0 ? 100 / uris.length : 100;
      for (const uri of uris) {
        if (token.isCancellationRequested) {
          result.cancelled = true;
          break;
        }
        progress.report({ message: vscode.workspace.asRelativePath(uri), increment });
        // Yield between files so the extension host stays responsive.
        await new Promise((r) => setImmediate(r));
        // An open file is counted with its unsaved text, as the live linter shows it in Problems.
        const doc = open.get(uri.toString());
        const notebook = openNotebooks.get(uri.toString());
        const findings = notebook
          ? await lintOpenNotebook(notebook, deps.linter)
          : doc
            ? lintOpenDocument(doc, engine, deps.log, deps.modules)
            : await lintFile(uri, engine, deps.linter, deps.log, deps.modules);
        if (findings === undefined) {
          result.skipped++;
          continue;
        }
        result.files++;
        result.findings += findings.length;
        if (findings.length > 0) result.filesWithFindings++;
        // Open documents and notebooks keep the live linter's diagnostics (same findings).
        if (!doc && !uri.path.endsWith('.ipynb')) deps.collection.set(uri, findings.map(toDiagnostic));
      }
      return result;
    },
  );
  dropDeletedFiles(deps.collection);
  deps.log.info(
    `Scan ${summary.cancelled ? 'cancelled' : 'done'}: ${summary.files} file(s), ${summary.findings} finding(s) in ${summary.filesWithFindings} file(s), ${summary.skipped} skipped.`,
  );
  const text = summary.cancelled
    ? `Headroom: scan cancelled after ${summary.files} file(s).`
    : `Headroom scanned ${summary.files} file(s): ${summary.findings} finding(s) in ${summary.filesWithFindings} file(s).`;
  void vscode.window.showInformationMessage(text, 'Show Problems').then((choice) => {
    if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
  });
  return summary;
}

/**
 * Problems of files deleted on disk since they were linted (VS Code can keep a deleted
 * file's document a while): the scan did not find them, so the panel drops them too.
 */
function dropDeletedFiles(collection: vscode.DiagnosticCollection): void {
  const dirty = new Set(vscode.workspace.textDocuments.filter((d) => d.isDirty).map((d) => d.uri.toString()));
  const gone: vscode.Uri[] = [];
  collection.forEach((uri) => {
    if (uri.scheme === 'file' && !dirty.has(uri.toString()) && !fs.existsSync(uri.fsPath)) gone.push(uri);
  });
  for (const uri of gone) collection.delete(uri);
}

/** Lints an open document's current text, as the live linter does; undefined when it is not linted. */
function lintOpenDocument(
  doc: vscode.TextDocument,
  engine: LintEngine,
  log: Logger,
  projectModules?: ProjectModules,
): Finding[] | undefined {
  const settings = readLintSettings(doc.uri);
  if (!settings.enable || isExcluded(doc, settings.exclude)) return undefined;
  const modules = projectModules?.lookup(doc.uri, doc.languageId === 'python', engine);
  const options = lintOptions(settings.rules, log, { uri: doc.uri, settings, modules });
  if (isDotenvPath(doc.uri.path)) return lintDotenv(doc.getText(), options);
  if (!isLintLanguage(doc.languageId)) return undefined;
  return engine.lint(doc.getText(), doc.languageId, options);
}

/** Lints an open notebook now (its cells' diagnostics are refreshed with it). */
async function lintOpenNotebook(
  notebook: vscode.NotebookDocument,
  linter: NotebookLinter,
): Promise<Finding[] | undefined> {
  const settings = readLintSettings(notebook.uri);
  if (!settings.enable || isExcluded(notebook, settings.exclude)) return undefined;
  return linter.lintNotebook(notebook);
}

/** Lints one file from disk; undefined when it is skipped (too big, unreadable, excluded). */
async function lintFile(
  uri: vscode.Uri,
  engine: LintEngine,
  linter: NotebookLinter,
  log: Logger,
  projectModules?: ProjectModules,
): Promise<Finding[] | undefined> {
  const settings = readLintSettings(uri);
  if (!settings.enable) return undefined;
  if (
    settings.exclude.length > 0 &&
    isExcluded({ uri, languageId: 'plaintext' } as vscode.TextDocument, settings.exclude)
  ) {
    return undefined;
  }
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.size > MAX_FILE_BYTES) {
      log.info(
        `Skipped ${vscode.workspace.asRelativePath(uri)}: ${(stat.size / 1048576).toFixed(1)} MB is over the 2 MB limit.`,
      );
      return undefined;
    }
    if (uri.path.endsWith('.ipynb')) {
      // Cells exist as documents only in an open notebook; opening it (without showing
      // it) lets the live linter put findings on the right cell and line.
      return await linter.lintNotebook(await vscode.workspace.openNotebookDocument(uri));
    }
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    if (isDotenvPath(uri.path)) return lintDotenv(text, lintOptions(settings.rules, log, { uri, settings }));
    const language = languageForPath(uri.path);
    if (!language) return undefined;
    const modules = projectModules?.lookup(uri, language === 'python', engine);
    return engine.lint(text, language, lintOptions(settings.rules, log, { uri, settings, modules }));
  } catch (err) {
    log.warn(
      `Skipped ${vscode.workspace.asRelativePath(uri)}: ${err instanceof Error ? err.message : String(err)}`,
    );
    return undefined;
  }
}

function excludeGlob(folder: vscode.WorkspaceFolder): string {
  // Passing our own exclude replaces files.exclude, so merge the user's patterns in.
  const filesExclude =
    vscode.workspace.getConfiguration('files', folder.uri).get<Record<string, unknown>>('exclude') ?? {};
  const user = Object.entries(filesExclude)
    .filter(([, on]) => on === true)
    .flatMap(([glob]) => expandBraces(glob));
  return `{${[...ALWAYS_EXCLUDED, ...user].join(',')}}`;
}

/** Globs cannot nest brace groups, so `**\/*.{js,map}` becomes two patterns. */
export function expandBraces(glob: string): string[] {
  const m = /\{([^{}]*)\}/.exec(glob);
  if (!m) return [glob];
  return m[1]!
    .split(',')
    .flatMap((alt) => expandBraces(glob.slice(0, m.index) + alt + glob.slice(m.index + m[0].length)));
}

async function loadGitIgnore(folder: vscode.WorkspaceFolder): Promise<GitIgnore> {
  const ignore = new GitIgnore();
  try {
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, '.gitignore'));
    ignore.add(new TextDecoder().decode(bytes), '');
  } catch {
    // No .gitignore at the root.
  }
  return ignore;
}
