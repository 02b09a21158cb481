import * as vscode from 'vscode';
import type { LintEngine } from '../../core/lint';
import { ModuleIndex, type ModuleLookup } from '../../core/lint/project/moduleIndex';
import { readIfExists } from '../../core/files/readIfExists';

/** Files whose change can change what a module offers its importers (sources, and tsconfig/jsconfig). */
const MODULE_GLOB = '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs,py,json}';

/**
 * The workspace's own modules for cross-file facts (see core/lint/project): one `ModuleIndex`
 * per workspace folder, reading an open document's text (unsaved edits included) and the
 * disk otherwise, never outside the folder. Disk reads are kept until a file of the folder
 * changes on disk; `onDidChange` then names it, so the files that read it are linted again.
 */
export class ProjectModules implements vscode.Disposable {
  private readonly indexes = new Map<string, ModuleIndex>();
  private readonly disk = new Map<string, string | undefined>();
  private engine: LintEngine | undefined;
  private readonly changed = new vscode.EventEmitter<string>();
  private readonly subscriptions: vscode.Disposable;
  /** A module file (absolute path) changed on disk, or was created or deleted. */
  readonly onDidChange = this.changed.event;

  constructor() {
    const watcher = vscode.workspace.createFileSystemWatcher(MODULE_GLOB);
    const onDisk = (uri: vscode.Uri): void => {
      this.disk.delete(uri.fsPath);
      for (const index of this.indexes.values()) {
        index.invalidate(); // (a new or deleted file can change where an import leads)
      }
      this.changed.fire(uri.fsPath);
    };
    this.subscriptions = vscode.Disposable.from(
      watcher,
      watcher.onDidChange(onDisk),
      watcher.onDidCreate(onDisk),
      watcher.onDidDelete(onDisk),
      this.changed,
    );
  }

  /**
   * What a document imports from its workspace folder, for one lint with `engine` (the modules
   * read go to `reads`); undefined for a document outside every folder or not on disk.
   */
  lookup(
    uri: vscode.Uri,
    python: boolean,
    engine: LintEngine,
    reads?: Set<string>,
  ): ModuleLookup | undefined {
    const project = ProjectModules.projectOf(uri);
    if (!project) {
      return undefined;
    }
    this.engine = engine;
    const root = project.root;
    let index = this.indexes.get(root);
    if (!index) {
      index = new ModuleIndex({ root, read: (file) => this.read(file) }, (text, language, path) =>
        this.engine?.summarize(text, language, path),
      );
      this.indexes.set(root, index);
    }
    return index.forFile(uri.fsPath, python, reads);
  }

  /**
   * The workspace folder a document's modules are read from, and its file: a file on disk in a
   * folder on disk, else undefined (an untitled document, a remote folder).
   */
  static projectOf(uri: vscode.Uri): { root: string; file: string } | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return uri.scheme === 'file' && folder && folder.uri.scheme === 'file'
      ? { root: folder.uri.fsPath, file: uri.fsPath }
      : undefined;
  }

  /** An open document's current text, else the file on disk (kept until it changes). */
  private read(file: string): string | undefined {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === file);
    if (open) {
      return open.getText();
    }
    if (!this.disk.has(file)) {
      this.disk.set(file, readIfExists(file));
    }
    return this.disk.get(file);
  }

  dispose(): void {
    this.subscriptions.dispose();
    this.indexes.clear();
    this.disk.clear();
  }
}
