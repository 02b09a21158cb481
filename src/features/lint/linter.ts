import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { Logger } from '../../core/logger';
import type { LintEngine, LintDocument } from '../../core/lint';
import type { Node } from '../../core/parse/treeSitter';
import { LINT_LANGUAGES, type Finding, type LintLanguage, type LintOptions } from '../../core/lint/types';
import { affectsLintSettings, type LintSettings, readLintSettings } from '../../config';
import { MAX_FILE_BYTES } from '../../core/files/limits';
import { toDiagnostic } from './diagnostics';
import { HARD_CAP_MS, LintBudget, OffThreadLinter, type WorkerFactory } from './budget';
import { workerThreadFactory } from './lintWorker';
import { isDotenvPath, lintDotenv } from '../../core/rules/hardcoded-api-key/dotenv';
import { isGitIgnored } from '../../core/files/gitIgnored';
import type { ModuleLookup } from '../../core/lint/project/moduleIndex';
import { ProjectModules } from './projectModules';

/** Quiet period after the last keystroke before a document is re-linted. */
const DEBOUNCE_MS = 250;
const NOTEBOOK_CELL_SCHEME = 'vscode-notebook-cell';

export interface LinterDeps {
  /** Loads the engine lazily (tree-sitter and grammars are loaded on first use). */
  getEngine(): Promise<LintEngine>;
  collection: vscode.DiagnosticCollection;
  log: Logger;
  /** The folder of the tree-sitter wasm files, for the lint worker (the engine's own folder). */
  grammarDir: string;
  /** Starts lint workers; default real worker threads. Tests inject their own. */
  workerFactory?: WorkerFactory;
  /** The workspace's own modules, for retry wrappers a file imports (cross-file facts). */
  modules?: ProjectModules;
}

/** Findings of the last lint of each document, for code actions. */
export interface FindingIndex {
  /** Findings of `uri` if they were computed for document version `version`. */
  get(uri: vscode.Uri, version: number): readonly Finding[] | undefined;
  /**
   * The root of the syntax tree those findings were made on, while the linter still holds
   * it for `version` (text documents, not notebook cells). Valid until the document changes.
   */
  root(uri: vscode.Uri, version: number): Node | undefined;
}

/** Where a document's lint stands, as far as the editor guard is concerned. */
export type LintGuardStatus = 'idle' | 'inWorker' | 'tooLarge' | 'gaveUp';

/** What the editor guard is doing with a document (tests and diagnostics of the guard). */
export interface LintGuardView {
  guardStatus(uri: vscode.Uri): LintGuardStatus;
}

/** Lints a notebook now and puts the findings on its cells. */
export interface NotebookLinter {
  lintNotebook(notebook: vscode.NotebookDocument): Promise<Finding[]>;
}

/** Every document Headroom lints: files, unsaved files and notebook cells of the five languages. */
export const LINT_DOCUMENT_SELECTOR: vscode.DocumentSelector = LINT_LANGUAGES.map((language) => ({
  language,
}));

/** Whether Headroom lints documents of this language. */
export function isLintLanguage(languageId: string): languageId is LintLanguage {
  return (LINT_LANGUAGES as readonly string[]).includes(languageId);
}

/** Whether a document is a dotenv file on disk or in an editor (by its name; see isDotenvPath). */
export function isDotenvDocument(document: vscode.TextDocument): boolean {
  return document.uri.scheme !== NOTEBOOK_CELL_SCHEME && isDotenvPath(document.uri.path);
}

/** Whether the user's `headroom.lint.exclude` globs match the document. */
export function isExcluded(
  document: vscode.TextDocument | vscode.NotebookDocument,
  exclude: string[],
): boolean {
  if (exclude.length === 0) return false;
  const filters = exclude.map((pattern) => ({ pattern }));
  // A notebook's cells share its path, so the first cell answers for the notebook.
  const probe =
    'languageId' in document ? document : document.cellCount > 0 ? document.cellAt(0).document : undefined;
  return probe !== undefined && vscode.languages.match(filters, probe) > 0;
}

/**
 * Turns settings into engine options. With the file, its workspace-relative path and the
 * test-code setting go along, so test files are told apart (core/lint/facts/testCode.ts),
 * and what it imports from the workspace (`ProjectModules.lookup`), when given.
 */
export function lintOptions(
  rules: LintOptions['rules'],
  log: Logger,
  file?: {
    uri: vscode.Uri;
    settings: Pick<LintSettings, 'retriesDisabledInTests'>;
    modules?: ModuleLookup | undefined;
  },
): LintOptions {
  return {
    rules,
    onRuleError: (rule, err) =>
      log.error(`Rule ${rule} failed: ${err instanceof Error ? err.message : String(err)}`),
    ...(file && {
      path: vscode.workspace.asRelativePath(file.uri, false),
      retriesDisabledInTests: file.settings.retriesDisabledInTests,
    }),
    ...(file?.modules && { modules: file.modules }),
  };
}

/**
 * A saved file-backed document whose file is gone: VS Code keeps its model for a while, but
 * a deleted file should not keep its problems (an unsaved one is still being edited).
 */
function deletedOnDisk(document: vscode.TextDocument): boolean {
  return document.uri.scheme === 'file' && !document.isDirty && !fs.existsSync(document.uri.fsPath);
}

/**
 * Lints open JS/TS/Python documents and Jupyter notebooks as they open and change.
 * Text documents keep an incremental tree-sitter session so a keystroke costs a reparse
 * of the edited region only; results from older document versions are dropped.
 *
 * The extension-host thread is shared by every extension, so a lint expected or measured
 * to take longer than `headroom.lint.timeBudgetMs` runs in a worker thread instead
 * (budget.ts), one past the hard cap is terminated, and documents over the CLI's size cap
 * are not linted at all.
 */
export function registerLinter(
  deps: LinterDeps,
): vscode.Disposable & FindingIndex & NotebookLinter & LintGuardView {
  const { collection, log } = deps;
  const sessions = new Map<string, { doc: LintDocument; version: number; language: LintLanguage }>();
  const timers = new Map<string, NodeJS.Timeout>();
  const results = new Map<string, { version: number; findings: readonly Finding[] }>();
  /** The workspace modules each document's last lint read (absolute paths), by document key. */
  const reads = new Map<string, Set<string>>();
  let engine: LintEngine | undefined;
  let disposed = false;
  const budget = new LintBudget(MAX_FILE_BYTES);
  const offThread = new OffThreadLinter(
    deps.workerFactory ?? workerThreadFactory(deps.grammarDir),
    HARD_CAP_MS,
  );
  /** Documents over the size cap, told about once while they stay over it. */
  const overCap = new Set<string>();
  /** Documents whose lint ran past the hard cap: not linted again until reopened. */
  const gaveUp = new Set<string>();
  let toldOverCap = false;

  const ensureEngine = async (): Promise<LintEngine | undefined> => {
    if (engine) return engine;
    try {
      engine = await deps.getEngine();
      return engine;
    } catch (err) {
      log.error(`Could not load the lint engine: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  };

  const dropSession = (key: string): void => {
    sessions.get(key)?.doc.dispose();
    sessions.delete(key);
  };

  const clear = (uri: vscode.Uri): void => {
    const key = uri.toString();
    clearTimeout(timers.get(key));
    timers.delete(key);
    dropSession(key);
    offThread.cancel(key);
    results.delete(key);
    reads.delete(key);
    collection.delete(uri);
  };

  /** Forgets everything about a closed document, including that it was over the cap. */
  const forget = (uri: vscode.Uri): void => {
    clear(uri);
    const key = uri.toString();
    budget.forget(key);
    overCap.delete(key);
    gaveUp.delete(key);
  };

  const tellOverCap = (document: vscode.TextDocument, bytes: number): void => {
    const key = document.uri.toString();
    if (overCap.has(key)) return;
    overCap.add(key);
    const name = vscode.workspace.asRelativePath(document.uri);
    const limit = `${MAX_FILE_BYTES / 1024 / 1024} MB`;
    log.warn(`Not linting ${name}: ${(bytes / 1024 / 1024).toFixed(1)} MB is over the ${limit} limit.`);
    if (!toldOverCap) {
      toldOverCap = true; // Once per session: the log names every later one.
      void vscode.window.showInformationMessage(
        `Headroom does not lint ${name}: files over ${limit} are skipped (as by the CLI).`,
      );
    }
  };

  const lintOffThread = async (
    document: vscode.TextDocument,
    text: string,
    bytes: number,
    settings: ReturnType<typeof readLintSettings>,
  ): Promise<void> => {
    const key = document.uri.toString();
    const version = document.version;
    const language = document.languageId as LintLanguage;
    dropSession(key); // The tree lives in the worker; the host keeps none for this document.
    const { path, retriesDisabledInTests } = lintOptions(settings.rules, log, {
      uri: document.uri,
      settings,
    });
    // (the worker reads the retry wrappers this file imports from the disk: no editor text there)
    const project = deps.modules ? ProjectModules.projectOf(document.uri) : undefined;
    const outcome = await offThread.submit({
      key,
      language,
      text,
      rules: settings.rules,
      path,
      retriesDisabledInTests,
      ...(project && { project }),
    });
    const name = vscode.workspace.asRelativePath(document.uri);
    switch (outcome.status) {
      case 'done':
        budget.record(key, bytes, outcome.ms);
        for (const message of outcome.ruleErrors) log.error(message);
        if (disposed || document.isClosed || document.version !== version) return;
        results.set(key, { version, findings: outcome.findings });
        collection.set(document.uri, outcome.findings.map(toDiagnostic));
        log.trace(
          `Linted ${name} v${version} in the worker: ${outcome.total} finding(s) in ${outcome.ms.toFixed(1)} ms`,
        );
        if (outcome.total > outcome.findings.length) {
          log.info(
            `${name}: showing the first ${outcome.findings.length} of ${outcome.total} findings (a file this large is linted in the background).`,
          );
        }
        return;
      case 'timedOut':
        gaveUp.add(key);
        results.delete(key);
        collection.delete(document.uri);
        log.warn(
          `Stopped linting ${name}: the lint ran ${(outcome.ms / 1000).toFixed(1)} s, past the ${HARD_CAP_MS / 1000} s cap. It is not linted again until reopened.`,
        );
        return;
      case 'failed':
        log.error(`Linting ${name} in the worker failed: ${outcome.error}`);
        return;
      case 'stale':
        return;
    }
  };

  /**
   * `settle`: lint with `LintDocument.lint` (text with a syntax error parsed afresh) instead
   * of `lintNow`, whose findings on such text are published at once and settled once idle.
   */
  const lintText = async (document: vscode.TextDocument, settle = false): Promise<void> => {
    if (disposed || document.isClosed) return;
    if (deletedOnDisk(document)) {
      forget(document.uri);
      return;
    }
    const key = document.uri.toString();
    const settings = readLintSettings(document.uri);
    if (!isLintLanguage(document.languageId) || !settings.enable || isExcluded(document, settings.exclude)) {
      clear(document.uri);
      return;
    }
    const language = document.languageId;
    if (gaveUp.has(key)) return;
    const text = document.getText();
    const bytes = Buffer.byteLength(text, 'utf8');
    const plan = budget.plan(key, bytes, settings.timeBudgetMs);
    if (plan.kind === 'tooLarge') {
      clear(document.uri);
      tellOverCap(document, bytes);
      return;
    }
    overCap.delete(key);
    if (plan.kind === 'worker') {
      await lintOffThread(document, text, bytes, settings);
      return;
    }
    const eng = await ensureEngine();
    if (!eng || disposed || document.isClosed) return;
    let session = sessions.get(key);
    if (!session || session.language !== language || session.version !== document.version) {
      // No session yet, or it missed changes (e.g. made while the engine was loading).
      dropSession(key);
      session = { doc: eng.openDocument(language, text), version: document.version, language };
      sessions.set(key, session);
    }
    const started = performance.now();
    const read = new Set<string>();
    const modules = deps.modules?.lookup(document.uri, language === 'python', eng, read);
    const options = lintOptions(settings.rules, log, { uri: document.uri, settings, modules });
    const findings = settle ? session.doc.lint(options) : session.doc.lintNow(options);
    reads.set(key, read);
    const ms = performance.now() - started;
    budget.record(key, bytes, ms); // Over the budget: the next lint of it runs in the worker.
    results.set(key, { version: document.version, findings });
    collection.set(document.uri, findings.map(toDiagnostic));
    log.trace(
      `Linted ${vscode.workspace.asRelativePath(document.uri)} v${document.version}: ${findings.length} finding(s) in ${ms.toFixed(1)} ms`,
    );
    if (!session.doc.settled) {
      // Text with a syntax error, analysed on the incremental tree: parsed afresh once idle
      // (an edit before then reschedules the lint and cancels this).
      schedule(key, () => lintText(document, true), `Linting ${key}`);
    }
  };

  /**
   * A dotenv file (`.env`, `.env.local`; VS Code calls `.env` "properties" and the others
   * plain text, so it is recognised by name): read for API keys by `hardcoded-api-key`
   * unless git ignores it (then its keys are not committed). No tree, no quick fix.
   */
  const lintDotenvDocument = async (document: vscode.TextDocument): Promise<void> => {
    if (disposed || document.isClosed) return;
    if (deletedOnDisk(document)) {
      forget(document.uri);
      return;
    }
    const settings = readLintSettings(document.uri);
    if (
      !settings.enable ||
      isExcluded(document, settings.exclude) ||
      (document.uri.scheme === 'file' && isGitIgnored(document.uri.fsPath))
    ) {
      clear(document.uri);
      return;
    }
    const findings = lintDotenv(
      document.getText(),
      lintOptions(settings.rules, log, { uri: document.uri, settings }),
    );
    results.set(document.uri.toString(), { version: document.version, findings });
    collection.set(document.uri, findings.map(toDiagnostic));
  };

  const lintNotebook = async (notebook: vscode.NotebookDocument): Promise<Finding[]> => {
    if (disposed || notebook.isClosed) return [];
    const settings = readLintSettings(notebook.uri);
    const cells = notebook
      .getCells()
      .filter((c) => c.kind === vscode.NotebookCellKind.Code && isLintLanguage(c.document.languageId));
    if (!settings.enable || isExcluded(notebook, settings.exclude)) {
      for (const c of notebook.getCells()) collection.delete(c.document.uri);
      return [];
    }
    const eng = await ensureEngine();
    if (!eng || disposed || notebook.isClosed) return [];
    const versions = cells.map((c) => c.document.version);
    const read = new Set<string>();
    const python = cells.some((c) => c.document.languageId === 'python');
    const modules = deps.modules?.lookup(notebook.uri, python, eng, read);
    const findings = eng.lintNotebook(
      cells.map((c) => ({ text: c.document.getText(), language: c.document.languageId as LintLanguage })),
      lintOptions(settings.rules, log, { uri: notebook.uri, settings, modules }),
    );
    reads.set(notebook.uri.toString(), read);
    for (const c of notebook.getCells()) collection.delete(c.document.uri);
    cells.forEach((cell, i) => {
      const own = findings.filter((f) => f.cell === i);
      results.set(cell.document.uri.toString(), { version: versions[i] ?? 0, findings: own });
      collection.set(cell.document.uri, own.map(toDiagnostic));
    });
    return findings;
  };

  const safely = (what: string, task: () => Promise<void>): void => {
    task().catch((err: unknown) =>
      log.error(`${what}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`),
    );
  };

  const schedule = (key: string, run: () => Promise<void>, what: string): void => {
    clearTimeout(timers.get(key));
    timers.set(
      key,
      setTimeout(() => {
        timers.delete(key);
        safely(what, run);
      }, DEBOUNCE_MS),
    );
  };

  const notebookOfCell = (uri: vscode.Uri): vscode.NotebookDocument | undefined =>
    vscode.workspace.notebookDocuments.find((nb) =>
      nb.getCells().some((c) => c.document.uri.toString() === uri.toString()),
    );

  const onOpen = (document: vscode.TextDocument): void => {
    if (document.uri.scheme === NOTEBOOK_CELL_SCHEME) return; // Linted with its notebook.
    if (isDotenvDocument(document)) {
      safely(`Linting ${document.uri.toString()}`, () => lintDotenvDocument(document));
      return;
    }
    if (!isLintLanguage(document.languageId)) return;
    safely(`Linting ${document.uri.toString()}`, () => lintText(document));
  };

  /**
   * Lints again the documents whose last lint read a module of the workspace that changed
   * (its editor text, or the file on disk): a retry wrapper they import may have changed.
   */
  const lintDependents = (file: string): void => {
    for (const [key, read] of reads) {
      if (!read.has(file)) continue;
      const notebook = vscode.workspace.notebookDocuments.find((nb) => nb.uri.toString() === key);
      if (notebook) {
        schedule(key, async () => void (await lintNotebook(notebook)), 'Linting notebook');
        continue;
      }
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
      if (document) schedule(key, () => lintText(document), `Linting ${key}`);
    }
  };

  const onChange = (e: vscode.TextDocumentChangeEvent): void => {
    const { document } = e;
    if (document.uri.scheme === 'file' && e.contentChanges.length > 0) lintDependents(document.uri.fsPath);
    if (document.uri.scheme === NOTEBOOK_CELL_SCHEME) {
      const notebook = notebookOfCell(document.uri);
      if (notebook) {
        schedule(
          notebook.uri.toString(),
          async () => void (await lintNotebook(notebook)),
          'Linting notebook',
        );
      }
      return;
    }
    if (isDotenvDocument(document) && e.contentChanges.length > 0) {
      schedule(
        document.uri.toString(),
        () => lintDotenvDocument(document),
        `Linting ${document.uri.toString()}`,
      );
      return;
    }
    if (!isLintLanguage(document.languageId) || e.contentChanges.length === 0) return;
    const key = document.uri.toString();
    const session = sessions.get(key);
    if (session && session.version === document.version - 1) {
      // Keep the tree in step with every edit; the lint itself waits for a pause.
      session.doc.update(
        e.contentChanges.map((c) => ({
          rangeOffset: c.rangeOffset,
          rangeLength: c.rangeLength,
          text: c.text,
        })),
      );
      session.version = document.version;
    }
    schedule(key, () => lintText(document), `Linting ${key}`);
  };

  const lintAllOpen = (): void => {
    for (const document of vscode.workspace.textDocuments) onOpen(document);
    for (const notebook of vscode.workspace.notebookDocuments) {
      safely('Linting notebook', async () => void (await lintNotebook(notebook)));
    }
  };

  // Deletions only: a file deleted on disk keeps its document model (and so its problems)
  // until VS Code drops it, unless it is still being edited.
  const deletions = vscode.workspace.createFileSystemWatcher('**/*', true, true, false);
  const subscriptions = vscode.Disposable.from(
    deletions,
    deletions.onDidDelete((uri) => {
      const key = uri.toString();
      const editing = vscode.workspace.textDocuments.some((d) => d.uri.toString() === key && d.isDirty);
      if (!editing) forget(uri);
    }),
    vscode.workspace.onDidOpenTextDocument(onOpen),
    ...(deps.modules ? [deps.modules.onDidChange(lintDependents)] : []),
    vscode.workspace.onDidChangeTextDocument(onChange),
    vscode.workspace.onDidCloseTextDocument((d) => {
      if (d.uri.scheme !== NOTEBOOK_CELL_SCHEME) forget(d.uri);
    }),
    vscode.workspace.onDidOpenNotebookDocument((nb) =>
      safely('Linting notebook', async () => void (await lintNotebook(nb))),
    ),
    vscode.workspace.onDidChangeNotebookDocument((e) =>
      schedule(
        e.notebook.uri.toString(),
        async () => void (await lintNotebook(e.notebook)),
        'Linting notebook',
      ),
    ),
    vscode.workspace.onDidCloseNotebookDocument((nb) => {
      for (const c of nb.getCells()) forget(c.document.uri);
      reads.delete(nb.uri.toString());
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!affectsLintSettings(e)) return;
      gaveUp.clear(); // New settings (fewer rules, a larger budget) deserve another try.
      lintAllOpen();
    }),
  );
  lintAllOpen();

  return {
    lintNotebook,
    guardStatus: (uri) => {
      const key = uri.toString();
      if (overCap.has(key)) return 'tooLarge';
      if (gaveUp.has(key)) return 'gaveUp';
      return offThread.has(key) ? 'inWorker' : 'idle';
    },
    get: (uri, version) => {
      const r = results.get(uri.toString());
      return r && r.version === version ? r.findings : undefined;
    },
    root: (uri, version) => {
      const session = sessions.get(uri.toString());
      const r = results.get(uri.toString());
      return session?.version === version && r?.version === version
        ? (session.doc.root ?? undefined)
        : undefined;
    },
    dispose: () => {
      disposed = true;
      subscriptions.dispose();
      offThread.dispose();
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
      for (const key of [...sessions.keys()]) dropSession(key);
      results.clear();
      reads.clear();
    },
  };
}
