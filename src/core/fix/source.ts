/**
 * A light, error-tolerant scanner over JS/TS or Python source: which characters are code,
 * string or comment, and which brackets match. Fix generators use it to find statement
 * boundaries, list items and imports without a full parse (they must stay synchronous).
 */

/** What a character belongs to. */
export const CharKind = { Code: 0, String: 1, Comment: 2 } as const;
export type CharKind = (typeof CharKind)[keyof typeof CharKind];

/** A half-open range of UTF-16 offsets. */
export interface Span {
  start: number;
  end: number;
}

const OPEN = '([{';
const CLOSE = ')]}';
const JS_REGEX_AFTER_CHAR = new Set('(,=:[!&|?{};+-*%<>~^'.split(''));
const JS_REGEX_AFTER_WORD = new Set([
  'return',
  'typeof',
  'case',
  'do',
  'else',
  'in',
  'of',
  'new',
  'delete',
  'void',
  'throw',
  'yield',
  'await',
  'instanceof',
]);

/** A scanned source text. */
export class Source {
  /** CharKind per UTF-16 code unit. */
  readonly kinds: Uint8Array;
  /** For each bracket in code, the offset of its partner; -1 elsewhere or when unmatched. */
  readonly partner: Int32Array;
  private lineStartsCache: number[] | undefined;

  constructor(
    readonly text: string,
    readonly python: boolean,
  ) {
    this.kinds = new Uint8Array(text.length);
    this.partner = new Int32Array(text.length).fill(-1);
    if (python) {
      this.scanPython();
    } else {
      this.scanJs();
    }
  }

  /** Whether the offset is in code (not in a string or comment). */
  isCode(offset: number): boolean {
    return offset >= 0 && offset < this.text.length && this.kinds[offset] === CharKind.Code;
  }

  /** The offset of the bracket matching the one at `offset`, or -1. */
  match(offset: number): number {
    return offset >= 0 && offset < this.text.length ? this.partner[offset] : -1;
  }

  /** Offsets where lines start. */
  get lineStarts(): number[] {
    if (!this.lineStartsCache) {
      const starts = [0];
      for (let i = this.text.indexOf('\n'); i !== -1; i = this.text.indexOf('\n', i + 1)) {
        starts.push(i + 1);
      }
      this.lineStartsCache = starts;
    }
    return this.lineStartsCache;
  }

  /** The start of the line containing `offset`. */
  lineStart(offset: number): number {
    const i = this.text.lastIndexOf('\n', Math.max(0, offset - 1));
    return offset <= 0 ? 0 : i + 1;
  }

  /** The end of the line containing `offset` (before `\r\n` or `\n`). */
  lineEnd(offset: number): number {
    let i = this.text.indexOf('\n', offset);
    if (i === -1) {
      return this.text.length;
    }
    if (i > 0 && this.text[i - 1] === '\r') {
      i--;
    }
    return i;
  }

  /** The offset just past the line break of the line containing `offset` (or the text end). */
  nextLineStart(offset: number): number {
    const i = this.text.indexOf('\n', offset);
    return i === -1 ? this.text.length : i + 1;
  }

  /** The leading white space of the line containing `offset`. */
  indentAt(offset: number): string {
    const start = this.lineStart(offset);
    let end = start;
    while (end < this.text.length && (this.text[end] === ' ' || this.text[end] === '\t')) {
      end++;
    }
    return this.text.slice(start, end);
  }

  /** Whether the character at `offset` is neither white space (outside strings) nor in a comment. */
  isSignificant(offset: number): boolean {
    const kind = this.kinds[offset];
    return kind === CharKind.String || (kind === CharKind.Code && !/\s/.test(this.text[offset]));
  }

  /** The previous significant offset before `offset` (white space and comments skipped), or -1. */
  prevCode(offset: number): number {
    for (let i = Math.min(offset, this.text.length) - 1; i >= 0; i--) {
      if (this.isSignificant(i)) {
        return i;
      }
    }
    return -1;
  }

  /** The next significant offset at or after `offset` (white space and comments skipped), or the text length. */
  nextCode(offset: number): number {
    for (let i = Math.max(0, offset); i < this.text.length; i++) {
      if (this.isSignificant(i)) {
        return i;
      }
    }
    return this.text.length;
  }

  /** Whether `[start, end)` holds only white space and comments. */
  isBlank(start: number, end: number): boolean {
    for (let i = start; i < end; i++) {
      if (this.isSignificant(i)) {
        return false;
      }
    }
    return true;
  }

  /** The text of `[start, end)` with comments blanked out (offsets unchanged). */
  codeText(start: number, end: number): string {
    let out = '';
    for (let i = start; i < end; i++) {
      out += this.kinds[i] === CharKind.Comment ? ' ' : this.text[i];
    }
    return out;
  }

  /** Whether any character of `[start, end)` is a string with a line break inside it. */
  hasMultilineString(start: number, end: number): boolean {
    for (let i = start; i < end; i++) {
      if (this.text[i] === '\n' && this.kinds[i] === CharKind.String) {
        return true;
      }
    }
    return false;
  }

  /**
   * The top-level, comma-separated items between an opening bracket at `open` and its
   * partner, trimmed of white space and comments. Empty trailing items are dropped.
   */
  items(open: number): Span[] {
    const close = this.match(open);
    if (close < 0) {
      return [];
    }
    const out: Span[] = [];
    let itemStart = open + 1;
    const push = (end: number): void => {
      const s = this.nextCode(itemStart);
      const last = this.prevCode(end);
      if (s < end && last >= s) {
        out.push({ start: s, end: last + 1 });
      }
    };
    for (let i = open + 1; i < close; i++) {
      if (this.kinds[i] !== CharKind.Code) {
        continue;
      }
      const c = this.text[i];
      if (OPEN.includes(c) && this.partner[i] > i) {
        i = this.partner[i];
      } else if (c === ',') {
        push(i);
        itemStart = i + 1;
      }
    }
    push(close);
    return out;
  }

  /** Occurrences of a whole word in code. */
  wordOffsets(word: string): number[] {
    const out: number[] = [];
    const re = new RegExp(`(?<![\\w$])${escapeRegExp(word)}(?![\\w$])`, 'g');
    for (const m of this.text.matchAll(re)) {
      if (m.index !== undefined && this.isCode(m.index)) {
        out.push(m.index);
      }
    }
    return out;
  }

  /** Whether a word is used anywhere in code. */
  usesWord(word: string): boolean {
    return this.wordOffsets(word).length > 0;
  }

  /** All matches of a regular expression (global) that start in code. */
  codeMatches(re: RegExp): RegExpMatchArray[] {
    const out: RegExpMatchArray[] = [];
    for (const m of this.text.matchAll(re)) {
      if (m.index !== undefined && this.isCode(m.index)) {
        out.push(m);
      }
    }
    return out;
  }

  // ---- scanners ---------------------------------------------------------------------------

  private mark(start: number, end: number, kind: CharKind): void {
    this.kinds.fill(kind, start, Math.min(end, this.text.length));
  }

  private scanJs(): void {
    const t = this.text;
    const n = t.length;
    // Open brackets; a `${` of a template literal is pushed as '$'.
    const stack: Array<{ c: string; at: number }> = [];
    let prevChar = '';
    let prevWord = '';
    let i = 0;
    const templateFrom = (start: number): number => {
      // Scans template text from `start` (just past a backtick or a `}` closing `${`).
      let j = start;
      while (j < n) {
        const c = t[j];
        if (c === '\\') {
          j += 2;
        } else if (c === '`') {
          this.mark(start, j + 1, CharKind.String);
          return j + 1;
        } else if (c === '$' && t[j + 1] === '{') {
          this.mark(start, j, CharKind.String);
          stack.push({ c: '$', at: j + 1 });
          return j + 2;
        } else {
          j++;
        }
      }
      this.mark(start, n, CharKind.String);
      return n;
    };
    while (i < n) {
      const c = t[i];
      if (c === '/' && t[i + 1] === '/') {
        const end = this.lineEnd(i);
        this.mark(i, end, CharKind.Comment);
        i = end;
        continue;
      }
      if (c === '/' && t[i + 1] === '*') {
        const close = t.indexOf('*/', i + 2);
        const end = close === -1 ? n : close + 2;
        this.mark(i, end, CharKind.Comment);
        i = end;
        continue;
      }
      if (c === "'" || c === '"') {
        let j = i + 1;
        while (j < n && t[j] !== c && t[j] !== '\n') {
          j += t[j] === '\\' ? 2 : 1;
        }
        const end = Math.min(n, t[j] === c ? j + 1 : j);
        this.mark(i, end, CharKind.String);
        i = end;
        prevChar = c;
        prevWord = '';
        continue;
      }
      if (c === '`') {
        this.kinds[i] = CharKind.String;
        i = templateFrom(i + 1);
        prevChar = '`';
        prevWord = '';
        continue;
      }
      if (
        c === '/' &&
        (prevChar === '' || JS_REGEX_AFTER_CHAR.has(prevChar) || JS_REGEX_AFTER_WORD.has(prevWord))
      ) {
        let j = i + 1;
        let inClass = false;
        while (j < n && t[j] !== '\n') {
          if (t[j] === '\\') {
            j += 2;
            continue;
          }
          if (t[j] === '[') {
            inClass = true;
          } else if (t[j] === ']') {
            inClass = false;
          } else if (t[j] === '/' && !inClass) {
            break;
          }
          j++;
        }
        if (t[j] === '/') {
          j++;
          while (j < n && /[a-z]/i.test(t[j])) {
            j++;
          }
          this.mark(i, j, CharKind.String);
          i = j;
          prevChar = '/';
          prevWord = '';
          continue;
        }
      }
      if (OPEN.includes(c)) {
        stack.push({ c, at: i });
      } else if (CLOSE.includes(c)) {
        const top = stack[stack.length - 1];
        if (top && top.c === '$' && c === '}') {
          stack.pop();
          this.partner[top.at] = i;
          this.partner[i] = top.at;
          i = templateFrom(i + 1);
          prevChar = '`';
          prevWord = '';
          continue;
        }
        // Pop to the matching opener (tolerates stray closers).
        for (let k = stack.length - 1; k >= 0; k--) {
          if (stack[k].c === OPEN[CLOSE.indexOf(c)]) {
            this.partner[stack[k].at] = i;
            this.partner[i] = stack[k].at;
            stack.length = k;
            break;
          }
          if (stack[k].c === '$') {
            break;
          }
        }
      }
      if (/[\w$]/.test(c)) {
        let j = i;
        while (j < n && /[\w$]/.test(t[j])) {
          j++;
        }
        prevWord = t.slice(i, j);
        prevChar = 'a';
        i = j;
        continue;
      }
      if (!/\s/.test(c)) {
        prevChar = c;
        prevWord = '';
      }
      i++;
    }
  }

  private scanPython(): void {
    const t = this.text;
    const n = t.length;
    const stack: number[] = [];
    let i = 0;
    while (i < n) {
      const c = t[i];
      if (c === '#') {
        const end = this.lineEnd(i);
        this.mark(i, end, CharKind.Comment);
        i = end;
        continue;
      }
      if (c === "'" || c === '"') {
        // Include a string prefix (r, b, f, u and pairs) written just before the quote.
        let start = i;
        while (start > 0 && /[rRbBuUfF]/.test(t[start - 1]) && i - start < 2) {
          start--;
        }
        if (start > 0 && /[\w]/.test(t[start - 1])) {
          start = i;
        }
        const triple = t.startsWith(c.repeat(3), i);
        let j = i + (triple ? 3 : 1);
        while (j < n) {
          if (t[j] === '\\') {
            j += 2;
            continue;
          }
          if (triple ? t.startsWith(c.repeat(3), j) : t[j] === c) {
            j += triple ? 3 : 1;
            break;
          }
          if (!triple && t[j] === '\n') {
            break;
          }
          j++;
        }
        const end = Math.min(j, n);
        this.mark(start, end, CharKind.String);
        i = end;
        continue;
      }
      if (OPEN.includes(c)) {
        stack.push(i);
      } else if (CLOSE.includes(c)) {
        for (let k = stack.length - 1; k >= 0; k--) {
          if (t[stack[k]] === OPEN[CLOSE.indexOf(c)]) {
            this.partner[stack[k]] = i;
            this.partner[i] = stack[k];
            stack.length = k;
            break;
          }
        }
      }
      i++;
    }
  }
}

/** Escapes a string for use in a RegExp. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
