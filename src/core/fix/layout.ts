/**
 * Keeps a fix's lines within the project's print width (JS/TS): a line the fix wrote or
 * re-indented that no longer fits is broken the way Prettier breaks it — the outermost
 * bracketed list on the line goes one item per line, a call's sole object or array argument
 * hugging its parentheses — and the new lines are checked again. Lines the fix did not
 * change are left alone, and a line this cannot break safely (a trailing comment, several
 * lists side by side, an argument list ending in a function) is left for the formatter.
 */
import { applyEdits } from './edits';
import type { FixFile } from './file';
import { columns } from './style';
import type { TextEdit } from './types';

/** The edits, with the lines they produce broken to fit `file.style.printWidth`. */
export function fitToWidth(file: FixFile, edits: readonly TextEdit[]): TextEdit[] {
  const width = file.style.printWidth;
  if (file.python || width === undefined || !edits.length) {
    return [...edits];
  }
  const { src } = file;
  const text = file.text;
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  // Edits whose lines touch are rewritten together.
  const clusters: Array<{ start: number; end: number; edits: TextEdit[] }> = [];
  for (const e of sorted) {
    const start = src.lineStart(e.start);
    const end = Math.max(src.lineEnd(e.end), e.end);
    const last = clusters[clusters.length - 1];
    if (last && start <= last.end) {
      last.end = Math.max(last.end, end);
      last.edits.push(e);
    } else {
      clusters.push({ start, end, edits: [e] });
    }
  }
  const out: TextEdit[] = [];
  for (const c of clusters) {
    const after = applyEdits(
      text.slice(c.start, c.end),
      c.edits.map((e) => ({ ...e, start: e.start - c.start, end: e.end - c.start })),
    );
    const original = new Set(text.slice(c.start, c.end).split(/\r\n|\n|\r/));
    const lines = after.split(/\r\n|\n|\r/);
    // A line of a block comment (` * text (aside)`) is prose, never code to break.
    const fitted = lines.flatMap((line) =>
      original.has(line) || /^\s*\*/.test(line) ? [line] : fitLine(line, width, file),
    );
    if (fitted.length === lines.length) {
      out.push(...c.edits);
    } else {
      out.push({ start: c.start, end: c.end, newText: fitted.join(file.style.eol) });
    }
  }
  return out;
}

/** A bracketed group on one line: its brackets' offsets and kind. */
interface Group {
  open: number;
  close: number;
  kind: '(' | '[' | '{';
  children: Group[];
}

/**
 * The top-level bracket groups of a line's code, or undefined when the line cannot be read
 * safely (a comment, an unterminated string or template, unbalanced brackets).
 */
function groupsOf(line: string): Group[] | undefined {
  const root: Group = { open: -1, close: line.length, kind: '(', children: [] };
  const stack: Group[] = [root];
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      let depth = 0;
      for (; j < line.length; j++) {
        if (line[j] === '\\') {
          j++;
        } else if (c === '`' && line[j] === '$' && line[j + 1] === '{') {
          depth++;
          j++;
        } else if (c === '`' && depth > 0 && line[j] === '}') {
          depth--;
        } else if (line[j] === c && depth === 0) {
          break;
        }
      }
      if (j >= line.length) {
        return undefined;
      }
      i = j;
    } else if (c === '/' && (line[i + 1] === '/' || line[i + 1] === '*')) {
      return undefined;
    } else if (c === '(' || c === '[' || c === '{') {
      const g: Group = { open: i, close: -1, kind: c, children: [] };
      stack[stack.length - 1].children.push(g);
      stack.push(g);
    } else if (c === ')' || c === ']' || c === '}') {
      const g = stack.pop();
      if (!g || stack.length === 0 || '([{'.indexOf(g.kind) !== ')]}'.indexOf(c)) {
        return undefined;
      }
      g.close = i;
    }
  }
  return stack.length === 1 ? root.children : undefined;
}

/** The items of a group: its text split at top-level commas, trimmed, a trailing comma dropped. */
function itemsOf(line: string, g: Group): string[] {
  const parts: string[] = [];
  let start = g.open + 1;
  let k = 0;
  let quote = '';
  for (let i = g.open + 1; i < g.close; i++) {
    const c = line[i];
    const child = g.children[k];
    if (quote) {
      if (c === '\\') {
        i++;
      } else if (c === quote) {
        quote = '';
      }
    } else if (child && i === child.open) {
      i = child.close;
      k++;
    } else if (c === '"' || c === "'" || c === '`') {
      quote = c; // a template's ${...} holds no top-level comma of this group
    } else if (c === ',') {
      parts.push(line.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(line.slice(start, g.close).trim());
  if (parts[parts.length - 1] === '') {
    parts.pop();
  }
  return parts;
}

/** Whether a `{` / `[` at `open` starts a literal (not a block, an index or a destructuring target). */
function isLiteral(line: string, g: Group): boolean {
  const before = line.slice(0, g.open).trimEnd();
  if (g.kind === '{') {
    return before === '' || /(?:[:(,[=?]|\breturn|=>\s*\()$/.test(before);
  }
  return before === '' || /(?:[:(,[=?]|\breturn)$/.test(before);
}

/** Breaks one line into lines that fit in `width`, where it safely can; else returns it as it is. */
function fitLine(line: string, width: number, file: FixFile): string[] {
  const { tabWidth, indent: unit } = file.style;
  if (columns(line, tabWidth) <= width) {
    return [line];
  }
  const groups = groupsOf(line);
  if (!groups) {
    return [line];
  }
  const target = breakable(line, groups);
  if (!target) {
    return [line];
  }
  const items = itemsOf(line, target);
  if (!items.length) {
    return [line];
  }
  const indent = /^[ \t]*/.exec(line)?.[0] ?? '';
  const comma = target.kind === '(' ? file.style.trailingCommas : file.style.literalTrailingCommas;
  const head = line.slice(0, target.open + 1).trimEnd();
  const tail = line.slice(target.close);
  const body = items.map((item, i) => `${indent}${unit}${item}${i < items.length - 1 || comma ? ',' : ''}`);
  return [head, ...body.flatMap((l) => fitLine(l, width, file)), `${indent}${tail}`];
}

/**
 * The group to break: the line's only non-empty top-level group when it is an object or array
 * literal, or an argument list — entered when its sole argument is such a literal (Prettier
 * hugs it), broken one argument per line when no argument is a function, object or array.
 */
function breakable(line: string, groups: Group[]): Group | undefined {
  const nonEmpty = groups.filter((g) => line.slice(g.open + 1, g.close).trim() !== '');
  // Parentheses count when they hold arguments or parameters (not `if (`, `(a + b)`).
  const candidates = nonEmpty.filter(
    (g) =>
      g.kind !== '(' ||
      (/[\w$)\]>]\s*$/.test(line.slice(0, g.open)) &&
        !/\b(?:if|while|for|switch|catch|return|typeof|await|in|of|void|yield)\s*$/.test(
          line.slice(0, g.open),
        )),
  );
  if (candidates.length !== 1) {
    return undefined;
  }
  const g = candidates[candidates.length - 1];
  if (g.kind !== '(') {
    return isLiteral(line, g) ? g : undefined;
  }
  const inner = line.slice(g.open + 1, g.close).trim();
  const sole = g.children.length === 1 ? g.children[0] : undefined;
  if (sole && sole.kind !== '(' && inner === line.slice(sole.open, sole.close + 1)) {
    return breakable(line, [sole]);
  }
  if (/=>|\bfunction\b/.test(inner) || g.children.some((c) => c.kind !== '(')) {
    return undefined;
  }
  return g;
}
