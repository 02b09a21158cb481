import type { Edit, Point } from './treeSitter';

/**
 * One content change with VS Code `TextDocumentContentChangeEvent` semantics: replace
 * `rangeLength` UTF-16 code units at `rangeOffset` with `text`.
 */
export interface ContentChange {
  rangeOffset: number;
  rangeLength: number;
  text: string;
}

/** The tree-sitter point (rows split on `\n` only, UTF-16 columns) of an offset. */
export function treeSitterPoint(text: string, offset: number): Point {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}

function pointAfter(start: Point, inserted: string): Point {
  const last = inserted.lastIndexOf('\n');
  if (last === -1) {
    return { row: start.row, column: start.column + inserted.length };
  }
  let rows = 0;
  for (let i = inserted.indexOf('\n'); i !== -1; i = inserted.indexOf('\n', i + 1)) {
    rows++;
  }
  return { row: start.row + rows, column: inserted.length - last - 1 };
}

/**
 * Applies one change to `text`, returning the new text and the matching tree-sitter
 * edit. Out-of-range offsets and lengths are clamped, so a bad event cannot throw.
 */
export function applyChange(text: string, change: ContentChange): { text: string; edit: Edit } {
  const start = clamp(Math.floor(change.rangeOffset), 0, text.length);
  const oldEnd = clamp(start + Math.max(0, Math.floor(change.rangeLength)), start, text.length);
  const startPosition = treeSitterPoint(text, start);
  const oldEndPosition = pointAfter(startPosition, text.slice(start, oldEnd));
  const newText = text.slice(0, start) + change.text + text.slice(oldEnd);
  return {
    text: newText,
    edit: {
      startIndex: start,
      oldEndIndex: oldEnd,
      newEndIndex: start + change.text.length,
      startPosition,
      oldEndPosition,
      newEndPosition: pointAfter(startPosition, change.text),
    },
  };
}

function clamp(n: number, lo: number, hi: number): number {
  return Number.isFinite(n) ? Math.max(lo, Math.min(n, hi)) : lo;
}
