import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { CachedReader } from '../../core/files/cachedReader';
import { readIfExists } from '../../core/files/readIfExists';
import { PROJECT_FILE_NAMES } from '../../core/fix';

/** A reader of the project files quick fixes consult, cached until a watcher sees them change. */
export interface ProjectFiles extends vscode.Disposable {
  /** A file's text, or undefined when it does not exist (see `projectDepsFor`). */
  readFile(path: string): string | undefined;
}

/**
 * How long a cached project file is trusted without a watcher's event: a bound on staleness
 * when the watcher misses one (a folder created just before the file, a busy machine), short
 * next to the time between quick-fix requests that matter and long next to a lightbulb burst.
 */
const PROJECT_FILES_MAX_AGE_MS = 5_000;

/**
 * Caches the reads of `projectDepsFor` (package.json, Python manifests, Prettier configs,
 * .editorconfig, in every directory above a file), so a quick-fix request does not repeat a
 * few dozen file-system lookups. Only paths a watcher covers are cached, and the watchers
 * are made up front, so none can miss a change while it starts: one watcher of those names
 * across the workspace, and one (not recursive) for each folder above a workspace folder.
 * A path anywhere else (a file opened from outside the workspace) is read each time.
 */
export function watchProjectFiles(): ProjectFiles {
  const cache = new CachedReader(readIfExists, undefined, PROJECT_FILES_MAX_AGE_MS);
  const names = `{${PROJECT_FILE_NAMES.join(',')}}`;
  const forget = (uri: vscode.Uri): void => cache.invalidate(uri.fsPath);
  const watch = (pattern: vscode.GlobPattern): vscode.Disposable => {
    const watcher = vscode.workspace.createFileSystemWatcher(pattern);
    return vscode.Disposable.from(
      watcher,
      watcher.onDidCreate(forget),
      watcher.onDidChange(forget),
      watcher.onDidDelete(forget),
    );
  };
  const inWorkspace = watch(`**/${names}`);
  /** The folders above the workspace folders, each with its watcher. */
  const above = new Map<string, vscode.Disposable>();
  const watchAbove = (): void => {
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      if (folder.uri.scheme !== 'file') continue;
      for (let dir = folder.uri.fsPath, up = dirname(dir); up !== dir; dir = up, up = dirname(up)) {
        if (!above.has(up)) above.set(up, watch(new vscode.RelativePattern(vscode.Uri.file(up), names)));
      }
    }
  };
  watchAbove();
  const folders = vscode.workspace.onDidChangeWorkspaceFolders(() => {
    cache.clear(); // what was read outside the old folders was not watched
    watchAbove();
  });
  const watched = (dir: string): boolean =>
    above.has(dir) || vscode.workspace.getWorkspaceFolder(vscode.Uri.file(dir)) !== undefined;

  return {
    readFile: (path) => (watched(dirname(path)) ? cache.readFile(path) : readIfExists(path)),
    dispose: () => {
      inWorkspace.dispose();
      folders.dispose();
      for (const w of above.values()) w.dispose();
      above.clear();
      cache.clear();
    },
  };
}
