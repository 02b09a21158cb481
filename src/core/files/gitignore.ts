/**
 * A .gitignore matcher (the subset of gitignore(5) that real projects use): comments,
 * blank lines, `!` negation, trailing-`/` directory patterns, leading-`/` and
 * middle-`/` anchoring, `*`, `?`, `[...]` classes, `**` in any position, and escaped
 * `\#`/`\!`/trailing spaces. Patterns from nested .gitignore files are added with their
 * directory as base. Paths are relative to the repository root with `/` separators.
 */
interface Rule {
  base: string;
  regex: RegExp;
  negate: boolean;
  dirOnly: boolean;
}

export class GitIgnore {
  private readonly rules: Rule[] = [];

  /** Adds the patterns of one .gitignore found in `base` ('' for the root). */
  add(content: string, base = ''): this {
    const dir = base.replace(/^\/+|\/+$/g, '');
    for (const raw of content.split(/\r?\n/)) {
      const rule = parseLine(raw, dir);
      if (rule) this.rules.push(rule);
    }
    return this;
  }

  /**
   * Whether `path` is ignored. A path inside an ignored directory is ignored too (git
   * does not look inside it, so a later negation cannot re-include it).
   */
  ignores(path: string, isDirectory = false): boolean {
    const parts = path
      .replace(/\\/g, '/')
      .replace(/^\.\/+/, '')
      .replace(/^\/+|\/+$/g, '')
      .split('/')
      .filter(Boolean);
    for (let i = 1; i < parts.length; i++) {
      if (this.matchOne(parts.slice(0, i).join('/'), true)) return true;
    }
    return parts.length > 0 && this.matchOne(parts.join('/'), isDirectory);
  }

  private matchOne(path: string, isDirectory: boolean): boolean {
    let ignored = false;
    for (const rule of this.rules) {
      if (rule.negate !== ignored) continue; // Only a rule that could flip the result matters.
      if (rule.dirOnly && !isDirectory) continue;
      let rel = path;
      if (rule.base) {
        if (!path.startsWith(rule.base + '/')) continue;
        rel = path.slice(rule.base.length + 1);
      }
      if (rule.regex.test(rel)) ignored = !rule.negate;
    }
    return ignored;
  }
}

function parseLine(raw: string, base: string): Rule | undefined {
  let line = raw;
  // Trailing spaces are ignored unless escaped.
  line = line.replace(/(?<!\\)\s+$/, '');
  if (line === '' || line.startsWith('#')) return undefined;
  let negate = false;
  if (line.startsWith('!')) {
    negate = true;
    line = line.slice(1);
  } else if (line.startsWith('\\!') || line.startsWith('\\#')) {
    line = line.slice(1);
  }
  let dirOnly = false;
  if (line.endsWith('/')) {
    dirOnly = true;
    line = line.replace(/\/+$/, '');
  }
  if (line === '') return undefined;
  // A slash at the start or in the middle anchors the pattern to the .gitignore's folder.
  const anchored = line.includes('/');
  line = line.replace(/^\/+/, '');
  const body = globToRegex(line);
  const regex = new RegExp(anchored ? `^${body}$` : `^(?:.*/)?${body}$`);
  return { base, regex, negate, dirOnly };
}

function globToRegex(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const atStart = i === 0 || glob[i - 1] === '/';
        const atEnd = i + 2 === glob.length || glob[i + 2] === '/';
        if (atStart && atEnd) {
          // `**/` matches zero or more folders; a trailing `/**` matches everything inside.
          if (i + 2 === glob.length) out += '.*';
          else {
            out += '(?:.*/)?';
            i++; // Skip the slash too.
          }
          i++;
          continue;
        }
      }
      out += '[^/]*';
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close === -1) {
        out += '\\[';
      } else {
        let cls = glob.slice(i + 1, close).replace(/\\/g, '\\\\');
        if (cls.startsWith('!')) cls = '^' + cls.slice(1);
        out += `[${cls}]`;
        i = close;
      }
    } else if (c === '\\' && i + 1 < glob.length) {
      out += escapeRegex(glob[++i]!);
    } else {
      out += escapeRegex(c);
    }
  }
  return out;
}

function escapeRegex(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}
