import * as fs from 'node:fs';
import * as path from 'node:path';
import { GitIgnore } from './gitignore';
import { readIfExists } from './readIfExists';

/**
 * Whether git ignores a file: the `.gitignore` files from its repository's root down to its
 * folder and `.git/info/exclude`, as `git check-ignore` reads them (the global excludes file
 * is not read). A file outside any repository is not ignored: nothing keeps it out of a
 * commit once one is made. Used for dotenv files, which are linted only when not ignored.
 */
export function isGitIgnored(file: string): boolean {
  const abs = path.resolve(file);
  let repoRoot: string | undefined;
  for (let dir = path.dirname(abs), prev = ''; dir !== prev; prev = dir, dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, '.git'))) {
      repoRoot = dir;
      break;
    }
  }
  if (repoRoot === undefined) {
    return false;
  }
  const ignore = new GitIgnore();
  const exclude = readIfExists(path.join(repoRoot, '.git', 'info', 'exclude'));
  if (exclude !== undefined) {
    ignore.add(exclude, '');
  }
  const rel = path.relative(repoRoot, abs).split(path.sep);
  for (let i = 0; i < rel.length; i++) {
    const dir = rel.slice(0, i);
    const content = readIfExists(path.join(repoRoot, ...dir, '.gitignore'));
    if (content !== undefined) {
      ignore.add(content, dir.join('/'));
    }
  }
  return ignore.ignores(rel.join('/'), false);
}
