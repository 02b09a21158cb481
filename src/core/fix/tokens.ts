/**
 * The tokens of a parsed text, read from the engine's tree-sitter tree (no lexer of its
 * own): which characters are code, string or comment, and which brackets match. Fix
 * generators use it for statement boundaries, list items and layout around syntax nodes.
 */
import { escapeRegExp } from '../parse/escapeRegExp';
import type { Span } from '../parse/span';
import type { Node } from '../parse/treeSitter';

/** What a character belongs to. */
export const CharKind = { Code: 0, String: 1, Comment: 2 } as const;
export type CharKind = (typeof CharKind)[keyof typeof CharKind];

const OPEN = '([{';
const CLOSE = ')]}';
/** Token classes of a text, from its syntax tree. */
export class Tokens {
  /** CharKind per UTF-16 code unit. */
  readonly kinds: Uint8Array;
  /** For each bracket in code, the offset of its partner; -1 elsewhere or when unmatched. */
  readonly partner: Int32Array;
  private lineStartsCache: number[] | undefined;

  /** `root` must be the tree of exactly `text` (it is read here and not kept). */
  constructor(
    readonly text: string,
    readonly python: boolean,
    root: Node,
  ) {
    this.kinds = new Uint8Array(text.length);
    this.partner = new Int32Array(text.length).fill(-1);
    this.readTree(root);
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

  // ---- reading the tree ---------------------------------------------------------------------

  private mark(start: number, end: number, kind: CharKind): void {
    this.kinds.fill(kind, start, Math.min(end, this.text.length));
  }

  /**
   * Strings, regular expressions and comments are marked from their nodes (template
   * substitutions are code again, nested strings strings again: the nodes come in document
   * order); then the brackets left in code are paired, so unmatched ones in broken code
   * stay unpaired.
   */
  private readTree(root: Node): void {
    const classes = classesOf(root, this.python);
    const substitutions = new Set<number>();
    for (const node of root.descendantsOfType(this.python ? PY_TYPES : JS_TYPES)) {
      if (!node) {
        continue;
      }
      const cls = classes.get(node.typeId);
      const start = node.startIndex;
      if (cls === SUBSTITUTION) {
        substitutions.add(start);
      }
      this.mark(
        start,
        node.endIndex,
        cls === COMMENT ? CharKind.Comment : cls === SUBSTITUTION ? CharKind.Code : CharKind.String,
      );
    }
    this.pairBrackets(substitutions);
  }

  /** Pairs the brackets in code; a template substitution's `${` only closes with its `}`. */
  private pairBrackets(substitutions: ReadonlySet<number>): void {
    const text = this.text;
    const stack: Array<{ c: string; at: number }> = [];
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (this.kinds[i] !== CharKind.Code || !(OPEN.includes(c) || CLOSE.includes(c))) {
        continue;
      }
      if (c === '{' && substitutions.has(i - 1)) {
        stack.push({ c: '$', at: i });
      } else if (OPEN.includes(c)) {
        stack.push({ c, at: i });
      } else {
        const top = stack[stack.length - 1];
        if (top && top.c === '$' && c === '}') {
          stack.pop();
          this.pair(top.at, i);
          continue;
        }
        // Pop to the matching opener (tolerates stray closers).
        for (let k = stack.length - 1; k >= 0; k--) {
          if (stack[k].c === OPEN[CLOSE.indexOf(c)]) {
            this.pair(stack[k].at, i);
            stack.length = k;
            break;
          }
          if (stack[k].c === '$') {
            break;
          }
        }
      }
    }
  }

  private pair(open: number, close: number): void {
    this.partner[open] = close;
    this.partner[close] = open;
  }
}

const COMMENT = 1;
const STRING = 2;
const SUBSTITUTION = 3;

const JS_CLASSES: Record<string, number> = {
  comment: COMMENT,
  html_comment: COMMENT,
  hash_bang_line: COMMENT,
  string: STRING,
  regex: STRING,
  template_string: STRING,
  template_substitution: SUBSTITUTION,
};
const PY_CLASSES: Record<string, number> = { comment: COMMENT, string: STRING };
const JS_TYPES = Object.keys(JS_CLASSES);
const PY_TYPES = Object.keys(PY_CLASSES);

type Language = Node['tree']['language'];
const classCache = new WeakMap<Language, Map<number, number>>();

/** The token class of the grammar's node type ids that matter here. */
function classesOf(root: Node, python: boolean): Map<number, number> {
  const language = root.tree.language;
  let classes = classCache.get(language);
  if (!classes) {
    const table = python ? PY_CLASSES : JS_CLASSES;
    classes = new Map();
    for (let id = 0; id < language.nodeTypeCount; id++) {
      const type = language.nodeTypeForId(id);
      if (type !== null && table[type] !== undefined) {
        classes.set(id, table[type]);
      }
    }
    classCache.set(language, classes);
  }
  return classes;
}
