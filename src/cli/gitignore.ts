/**
 * A small `.gitignore` matcher (gitignore(5)): comments and blank lines, `\#`/`\!`
 * escapes, trailing-space trimming, `!` negation, directory-only patterns (`dir/`),
 * anchored patterns (a `/` at the start or in the middle), `*`, `?`, `[...]` and `**`
 * (leading, trailing and between slashes). The last matching pattern wins.
 */
export interface IgnoreRule {
  regex: RegExp;
  negate: boolean;
  dirOnly: boolean;
}

/** The rules of one `.gitignore`, matched against paths relative to its directory. */
export class GitignoreFile {
  readonly rules: IgnoreRule[];

  /**
   * @param base the directory holding the file, relative to the scan root ('' for the root itself), '/'-separated
   * @param prefix for a .gitignore above the scan root: the scan root's path relative to it
   */
  constructor(
    readonly base: string,
    content: string,
    readonly prefix = '',
  ) {
    this.rules = parseGitignore(content);
  }

  /**
   * Whether a path (relative to the scan root, '/'-separated) is ignored by this file:
   * true (ignored), false (re-included by a `!` pattern), or undefined (no pattern matches).
   */
  match(relPath: string, isDir: boolean): boolean | undefined {
    let rel: string;
    if (this.prefix !== '') {
      rel = `${this.prefix}/${relPath}`;
    } else if (this.base === '') {
      rel = relPath;
    } else if (relPath.startsWith(`${this.base}/`)) {
      rel = relPath.slice(this.base.length + 1);
    } else {
      return undefined;
    }
    let result: boolean | undefined;
    for (const rule of this.rules) {
      if ((!rule.dirOnly || isDir) && rule.regex.test(rel)) {
        result = !rule.negate;
      }
    }
    return result;
  }
}

/** Whether a path is ignored by a stack of .gitignore files (outermost first). */
export function isIgnored(stack: readonly GitignoreFile[], relPath: string, isDir: boolean): boolean {
  let ignored = false;
  for (const file of stack) {
    const m = file.match(relPath, isDir);
    if (m !== undefined) {
      ignored = m;
    }
  }
  return ignored;
}

/** Parses .gitignore text into rules. */
export function parseGitignore(content: string): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  for (const rawLine of content.split(/\r?\n/)) {
    let line = rawLine;
    // Trailing spaces are ignored unless escaped with a backslash.
    line = line.replace(/(?<!\\)\s+$/, '');
    if (line === '' || line.startsWith('#')) {
      continue;
    }
    let negate = false;
    if (line.startsWith('!')) {
      negate = true;
      line = line.slice(1);
    } else if (line.startsWith('\\!') || line.startsWith('\\#')) {
      line = line.slice(1);
    }
    let dirOnly = false;
    if (line.endsWith('/') && !line.endsWith('\\/')) {
      dirOnly = true;
      line = line.replace(/\/+$/, '');
    }
    if (line === '') {
      continue;
    }
    const anchored = line.includes('/');
    if (line.startsWith('/')) {
      line = line.slice(1);
    }
    const body = globToRegex(line);
    const regex = new RegExp(anchored ? `^${body}$` : `^(?:.*/)?${body}$`);
    rules.push({ regex, negate, dirOnly });
  }
  return rules;
}

/** Converts one gitignore glob (without anchoring or trailing slash) to a regex body. */
export function globToRegex(glob: string): string {
  let out = '';
  let i = 0;
  while (i < glob.length) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const atStart = i === 0 || glob[i - 1] === '/';
        const atEnd = i + 2 === glob.length || glob[i + 2] === '/';
        if (atStart && atEnd) {
          if (i + 2 === glob.length) {
            // `x/**`: everything inside (at least one more segment); `**` alone: everything.
            out += i === 0 ? '.*' : '.+';
            i += 2;
          } else {
            // `**/`: zero or more directories.
            out += '(?:.*/)?';
            i += 3;
          }
          continue;
        }
        // Other consecutive asterisks are regular asterisks.
        while (glob[i] === '*') {
          i++;
        }
        out += '[^/]*';
        continue;
      }
      out += '[^/]*';
      i++;
    } else if (c === '?') {
      out += '[^/]';
      i++;
    } else if (c === '[') {
      const close = findClassEnd(glob, i);
      if (close === -1) {
        out += '\\[';
        i++;
        continue;
      }
      let cls = glob.slice(i + 1, close);
      let negated = false;
      if (cls.startsWith('!') || cls.startsWith('^')) {
        negated = true;
        cls = cls.slice(1);
      }
      cls = cls.replace(/\\/g, '\\\\').replace(/\]/g, '\\]');
      out += negated ? `[^/${cls}]` : `[${cls}]`;
      i = close + 1;
    } else if (c === '\\' && i + 1 < glob.length) {
      out += escapeChar(glob[i + 1]);
      i += 2;
    } else {
      out += escapeChar(c);
      i++;
    }
  }
  return out;
}

function findClassEnd(glob: string, open: number): number {
  let j = open + 1;
  if (glob[j] === '!' || glob[j] === '^') {
    j++;
  }
  if (glob[j] === ']') {
    j++; // a leading ] is literal
  }
  for (; j < glob.length; j++) {
    if (glob[j] === ']') {
      return j;
    }
  }
  return -1;
}

function escapeChar(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}
