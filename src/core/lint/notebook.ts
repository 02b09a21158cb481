import type { LintLanguage } from './types';

/** One notebook cell given to the engine. */
export interface NotebookCell {
  text: string;
  language: LintLanguage;
}

/** Cells of one language joined into one text, so imports and definitions carry across cells. */
export interface JoinedCells {
  language: LintLanguage;
  text: string;
  /** Cell index (into the caller's array) of each part, in order. */
  cells: number[];
  /** Offset where each part starts in `text`. */
  starts: number[];
}

/** Cell magics whose body is not Python. */
const FOREIGN_CELL_MAGIC = /^%%(?!time\b|timeit\b|capture\b|prun\b|debug\b)/;

/**
 * Joins cells by language, separated by a newline. IPython magics (`%pip ...`, `!ls`) and
 * non-Python cell magics (`%%bash`) are blanked with spaces so offsets stay the same and the
 * parser does not see syntax errors that are not there.
 */
export function joinCells(cells: readonly NotebookCell[]): JoinedCells[] {
  const groups = new Map<LintLanguage, JoinedCells>();
  cells.forEach((cell, index) => {
    let group = groups.get(cell.language);
    if (!group) {
      group = { language: cell.language, text: '', cells: [], starts: [] };
      groups.set(cell.language, group);
    }
    if (group.cells.length > 0) {
      group.text += '\n';
    }
    group.cells.push(index);
    group.starts.push(group.text.length);
    group.text += cell.language === 'python' ? blankMagics(cell.text) : cell.text;
  });
  return [...groups.values()];
}

function blankMagics(text: string): string {
  if (FOREIGN_CELL_MAGIC.test(text)) {
    return text.replace(/[^\r\n]/g, ' ');
  }
  return text.replace(
    /^([ \t]*)([%!][^\r\n]*)/gm,
    (_all, indent: string, magic: string) => indent + ' '.repeat(magic.length),
  );
}

/** The part (cell position in the group) that contains an offset. */
export function partAt(group: JoinedCells, offset: number): number {
  let lo = 0;
  let hi = group.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (group.starts[mid] <= offset) {
      lo = mid;
    } else {
      hi = mid - 1;
    }
  }
  return lo;
}

/**
 * Re-bases offset ranges inside finding data onto a cell: `{start, end}` objects and
 * `insertAt` numbers are shifted; ranges that lie in another cell are dropped.
 */
export function rebaseData<T>(data: T, from: number, to: number): T {
  return rebase(data, from, to) as T;
}

function rebase(value: unknown, from: number, to: number): unknown {
  if (Array.isArray(value)) {
    return value.map((v) => rebase(v, from, to)).filter((v) => v !== undefined);
  }
  if (value === null || typeof value !== 'object') {
    return value;
  }
  const obj = value as Record<string, unknown>;
  if (typeof obj.start === 'number' && typeof obj.end === 'number' && Object.keys(obj).length === 2) {
    return obj.start >= from && obj.end <= to ? { start: obj.start - from, end: obj.end - from } : undefined;
  }
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(obj)) {
    if (key === 'insertAt' && typeof v === 'number') {
      out[key] = v >= from && v <= to ? v - from : undefined;
    } else {
      out[key] = rebase(v, from, to);
    }
  }
  return out;
}
