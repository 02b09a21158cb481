import { LineIndex } from '../parse/lineIndex';
import type { Node } from '../parse/treeSitter';
import { type ClaudeCall, findCalls } from './facts/calls';
import { type ClientBinding, findClients } from './facts/clients';
import { type Imports, readImports } from './facts/imports';
import { endOf, isNameChar, kind, leafAt } from './syntax';
import { type Derived, lineLocal, type ScanCache, type ScanPart } from './scanCache';
import type { LintLanguage, LintOptions } from './types';

export type { ClaudeCall } from './facts/calls';
export type { ClientBinding } from './facts/clients';
export type { Imports } from './facts/imports';

/**
 * One parsed file as the rules and fixes see it: the text, the syntax tree, node helpers,
 * and a memo so each fact (see ./facts/) is computed at most once per file, and only when
 * a rule asks for it. The facts most rules need (imports, clients, Claude calls) are
 * getters here; the others are functions of the context in their fact module
 * (limiters, reachability, retry loops, retry libraries, error checks, functions).
 */
export class FileContext {
  readonly python: boolean;
  private linesCache: LineIndex | undefined;
  private readonly memos = new Map<string, unknown>();
  private readonly words = new Map<string, number[]>();
  private readonly nodes = new Map<number, Node | null>();

  constructor(
    readonly text: string,
    readonly language: LintLanguage,
    readonly root: Node,
    /** The options of this lint run (the file's path, test-code settings). */
    readonly options: Readonly<LintOptions> = {},
    /** Scans kept from the document's previous text (the editor path), if any. */
    private readonly scans?: ScanCache,
  ) {
    this.python = language === 'python';
    scans?.use(text);
  }

  /** The file's path relative to its project, when the lint was given one. */
  get path(): string | undefined {
    return this.options.path;
  }

  /** Computes a per-file value once (shared by rules). */
  memo<T>(key: string, compute: () => T): T {
    // (One lookup for a value found: the facts ask their memos thousands of times a lint.)
    const found = this.memos.get(key);
    if (found !== undefined || this.memos.has(key)) {
      return found as T;
    }
    const value = compute();
    this.memos.set(key, value);
    return value;
  }

  /** Line/column lookup for this text. */
  get lines(): LineIndex {
    return (this.linesCache ??= new LineIndex(this.text));
  }

  /** The source text of a node. */
  textOf(node: Node | null | undefined): string {
    return node ? this.text.slice(node.startIndex, endOf(node)) : '';
  }

  /** The smallest node covering an offset. */
  nodeAt(offset: number): Node | null {
    // Memoised: about a quarter of the lookups repeat one (a comment-or-string check, then
    // the node itself), and each is a walk down from the root.
    let node = this.nodes.get(offset);
    if (node === undefined) {
      node = leafAt(this.root, offset) ?? this.root.descendantForIndex(offset, offset + 1);
      this.nodes.set(offset, node);
    }
    return node;
  }

  /** Whether an offset is inside a comment or a string (so a text match there is not code). */
  inCommentOrString(offset: number): boolean {
    // (Read from the node at the offset alone: kept across an edit elsewhere, see `derive`.)
    return this.derive('comment-or-string', offset, () => {
      const node = this.nodeAt(offset);
      if (!node) {
        return { value: false, start: offset, end: offset };
      }
      const t = kind(node);
      const value =
        t === 'comment' ||
        t === 'string_fragment' ||
        t === 'string_content' ||
        t === 'string' ||
        t === 'template_string' ||
        t === 'regex_pattern';
      return { value, start: node.startIndex, end: this.keeps ? endOf(node) : 0 };
    });
  }

  /**
   * Whether values read from the tree can be kept for the next version of the text (an editor
   * document): only then must `derive`'s computations find the range they read.
   */
  get keeps(): boolean {
    return !!this.scans;
  }

  /**
   * A value read from the tree at offset `at` (one value per key and offset): `compute` gives
   * it with the range of the one node whose subtree it read, and nothing outside that subtree
   * (no parent, no sibling, no other fact) may have decided it. In an editor document, the
   * value is kept from the previous version when that subtree is unchanged (see
   * `ScanCache.derive`); `shift` moves it by a number of characters (default: as it is, for
   * values without offsets).
   */
  derive<T>(
    key: string,
    at: number,
    compute: () => Derived<T>,
    shift: (value: T, by: number) => T = same,
  ): T {
    return this.scans ? this.scans.derive(key, at, compute, shift) : compute().value;
  }

  /** Runs a global regex over the text (or a slice) and returns the match indexes and groups. */
  *scan(re: RegExp, from = 0, to = this.text.length): Generator<RegExpExecArray> {
    if (this.scans && from === 0 && to === this.text.length && lineLocal(re)) {
      // An editor document: only the lines changed since its previous text are scanned.
      yield* this.scans.get(`s${re.flags}/${re.source}`, (text, a, b) => scanPart(re, text, a, b), at, shift);
      return;
    }
    // Always run on the whole text (a slice would be flattened, a copy per scan) and stop at `to`.
    const text = this.text;
    re.lastIndex = from;
    for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) {
      if (m[0].length === 0) {
        re.lastIndex++;
      }
      if (m.index + m[0].length <= to) {
        yield m;
      }
    }
  }

  /**
   * What `scan(re)` finds, faster for a pattern that is tried at every offset (one that
   * starts with a look-behind or a class): `re` runs only on the lines where `hint` matches.
   * Holds when neither pattern matches across a newline and every match of `re` contains
   * a match of `hint` (for instance its own tail from a literal character on).
   */
  *scanLines(re: RegExp, hint: RegExp): Generator<RegExpExecArray> {
    if (this.scans && lineLocal(hint)) {
      const key = `l${re.flags}/${re.source}/${hint.flags}/${hint.source}`;
      yield* this.scans.get(key, (text, a, b) => [...scanLinesIn(text, re, hint, a, b)], at, shift);
      return;
    }
    yield* scanLinesIn(this.text, re, hint, 0, this.text.length);
  }

  /**
   * Offsets of the whole-word occurrences of a name (no `[\w$]` character right before or
   * after it), in text order: what `(?<![\w$])name(?![\w$])` finds, several times faster (a
   * plain substring search, where a pattern that starts with a look-behind tries every offset).
   */
  wordsOf(name: string): readonly number[] {
    // Several rules ask about the same few names: each is searched for once per file.
    let out = this.words.get(name);
    if (!out) {
      out = this.findWords(name);
      this.words.set(name, out);
    }
    return out;
  }

  private findWords(name: string): number[] {
    return name && !name.includes('\n')
      ? this.lineScan(
          `w${name}`,
          (text, a, b) => wordsIn(text, name, a, b),
          (n) => n,
          (n, by) => n + by,
        )
      : wordsIn(this.text, name, 0, this.text.length);
  }

  /**
   * What `scan(new RegExp('(?:^|[^\\w$.])' + name + tail.source, 'g'), from, to)` finds, from the
   * name's whole-word occurrences (see `wordsOf`) instead of a pattern tried at every offset:
   * `tail` (sticky, `y`) is tried right after each occurrence not after a `.`. The match's
   * groups are the tail's. Holds when `name` is a plain name and every match of `tail` starts
   * with a character that is not a name character (so every match of the whole pattern is at
   * such an occurrence).
   */
  *scanAfterName(name: string, tail: RegExp, from = 0, to = this.text.length): Generator<RegExpExecArray> {
    const text = this.text;
    // (Matches do not overlap: one starting inside the previous one is not found.)
    let next = from;
    for (const at of this.wordsOf(name)) {
      const start = at === 0 ? 0 : at - 1;
      if (start < next || (at > 0 && text[at - 1] === '.')) {
        continue;
      }
      if (start >= to) {
        break;
      }
      tail.lastIndex = at + name.length;
      const t = tail.exec(text);
      if (!t) {
        continue;
      }
      const end = tail.lastIndex;
      if (end > to) {
        break; // (the scan goes on after it, and finds nothing more before `to`)
      }
      next = end;
      const m = Object.assign([text.slice(start, end), ...t.slice(1)], {
        index: start,
        input: text,
        groups: t.groups,
      }) as RegExpExecArray;
      yield m;
    }
  }

  /**
   * What `scan(re)` finds, from the matches of a cheaper line-local `hint` (see `lineLocal`;
   * in an editor document only the changed lines are scanned for it again): `sticky` (`re`
   * with the `y` flag instead of `g`) is tried at the start of each, past the last match. Holds
   * when every match `scan(re)` finds starts where `scan(hint)` finds one: `\bsleep\s*\(` at
   * the matches of `\bsleep\b` (a hint that matches whole names skips no start of another).
   */
  *scanFromHint(sticky: RegExp, hint: RegExp): Generator<RegExpExecArray> {
    if (!this.scans) {
      // One lint of a text (no scans to keep): the pattern itself, one pass over the text.
      yield* this.scan(globalCopy(sticky));
      return;
    }
    const text = this.text;
    let next = 0;
    for (const h of this.scan(hint)) {
      if (h.index < next) {
        continue;
      }
      sticky.lastIndex = h.index;
      const m = sticky.exec(text);
      if (m) {
        next = m[0].length === 0 ? h.index + 1 : sticky.lastIndex;
        yield m;
      }
    }
  }

  /**
   * What `part(text, 0, text.length)` finds, for a scan whose every item lies on one line
   * (at `at(item)`) and depends on that line's text alone: in an editor document, only the
   * lines changed since its previous text are scanned again (see `ScanCache.get`).
   */
  lineScan<T>(
    key: string,
    part: ScanPart<T>,
    at: (item: T) => number,
    shift: (item: T, by: number) => T,
  ): T[] {
    return this.scans ? this.scans.get(`k${key}`, part, at, shift) : part(this.text, 0, this.text.length);
  }

  /**
   * Where a name is used as a plain name or as `this.name` / `self.name` (not as another
   * object's member): the offset of the name in each match of
   * `(?<![\w$.])(?:(?:this|self)\s*\.\s*)?name(?![\w$])`, found by a substring search.
   */
  usesOf(name: string): number[] {
    const text = this.text;
    if (name === 'this' || name === 'self') {
      const re = new RegExp(`(?<![\\w$.])(?:(?:this|self)\\s*\\.\\s*)?${name}(?![\\w$])`, 'g');
      return [...this.scan(re)].map((m) => m.index + m[0].length - name.length);
    }
    return this.wordsOf(name).filter((at) => text[at - 1] !== '.' || this.receiverStart(at) !== -1);
  }

  /**
   * Where `this.` / `self.` starts before a name at `at` (blanks around the dot allowed, the
   * receiver not itself a member or part of a longer name), or -1.
   */
  private receiverStart(at: number): number {
    const text = this.text;
    let j = at - 1;
    while (j >= 0 && /\s/.test(text[j])) {
      j--;
    }
    if (text[j] !== '.') {
      return -1;
    }
    j--;
    while (j >= 0 && /\s/.test(text[j])) {
      j--;
    }
    const receiver = j >= 3 ? text.slice(j - 3, j + 1) : '';
    return (receiver === 'this' || receiver === 'self') &&
      !isNameChar(text.charCodeAt(j - 4)) &&
      text[j - 4] !== '.'
      ? j - 3
      : -1;
  }

  /**
   * The calls of a name, by a substring search: `start` and `paren` (the offset of its `(`)
   * of each match of `(?<![\w$.])(?:(?:this|self)\s*\.\s*)?name\s*\(`, or with
   * `receiver` false of `(?<![\w$.])name\s*\(`.
   */
  callsOf(name: string, receiver = true): Array<{ start: number; paren: number }> {
    const text = this.text;
    const out: Array<{ start: number; paren: number }> = [];
    const names = receiver ? this.usesOf(name) : this.wordsOf(name).filter((at) => text[at - 1] !== '.');
    for (const at of names) {
      let paren = at + name.length;
      while (paren < text.length && /\s/.test(text[paren])) {
        paren++;
      }
      if (text[paren] === '(') {
        const start = receiver ? this.receiverStart(at) : -1;
        out.push({ start: start === -1 ? at : start, paren });
      }
    }
    return out;
  }

  /** What the file imports. */
  get imports(): Imports {
    return this.memo('imports', () => readImports(this));
  }

  /** Whether Claude calls on unresolved receivers count (the file imports the SDK and not OpenAI). */
  get claudeFile(): boolean {
    return this.imports.anthropic && !this.imports.openai;
  }

  /** Client constructions in the file. */
  get clients(): ClientBinding[] {
    return this.memo('clients', () => findClients(this));
  }

  /** Claude API calls in the file, in text order. */
  get calls(): ClaudeCall[] {
    return this.memo('calls', () => findCalls(this));
  }
}

/** The whole-word occurrences of `name` starting in `text[from, to)` (see `FileContext.wordsOf`). */
function wordsIn(text: string, name: string, from: number, to: number): number[] {
  const out: number[] = [];
  // (Searched in the range only: a search of the text from `from` on would read on to its
  // end when the name is not in the range, as on the few lines an edit changed.)
  const end = Math.min(text.length, to + name.length);
  const hay = from === 0 && end === text.length ? text : text.slice(from, end);
  for (let i = hay.indexOf(name); i !== -1 && i + from < to && name; i = hay.indexOf(name, i + 1)) {
    const at = i + from;
    if (!isNameChar(text.charCodeAt(at - 1)) && !isNameChar(text.charCodeAt(at + name.length))) {
      out.push(at);
    }
  }
  return out;
}

/**
 * The matches of a line-local global pattern (see `lineLocal`) in `text[from, to)`, whose
 * ends are line ends: what a scan of the whole text finds there.
 */
function scanPart(re: RegExp, text: string, from: number, to: number): RegExpExecArray[] {
  const part = from === 0 && to === text.length ? text : text.slice(from, to);
  const out: RegExpExecArray[] = [];
  re.lastIndex = 0;
  // (As `FileContext.scan`, nothing at the very end of the text: an empty match there.)
  for (let m = re.exec(part); m && m.index + from < text.length; m = re.exec(part)) {
    if (m[0].length === 0) {
      re.lastIndex++;
    }
    m.index += from;
    out.push(m);
  }
  return out;
}

/** `FileContext.scanLines` on the lines of `text[from, to)` that hold a match of `hint`. */
function* scanLinesIn(
  text: string,
  re: RegExp,
  hint: RegExp,
  from: number,
  to: number,
): Generator<RegExpExecArray> {
  // (The hint runs on the range alone, whose ends are line ends when it is not the whole text:
  // run on the text from `from`, it would read on to the end where the range holds no match.)
  const part = from === 0 && to === text.length ? text : text.slice(from, to);
  hint.lastIndex = 0;
  for (let h = hint.exec(part); h; h = hint.exec(part)) {
    const at = h.index + from;
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    let lineEnd = text.indexOf('\n', at);
    if (lineEnd === -1) {
      lineEnd = text.length;
    }
    // On the line alone: `^`/`$` (multiline), `\b` and look-behinds read a newline or
    // the ends of the input the same way.
    const line = text.slice(lineStart, lineEnd);
    re.lastIndex = 0;
    for (let m = re.exec(line); m; m = re.exec(line)) {
      if (m[0].length === 0) {
        re.lastIndex++;
      }
      m.index += lineStart;
      yield m;
    }
    hint.lastIndex = lineEnd + 1 - from;
  }
}

const globalCopies = new WeakMap<RegExp, RegExp>();

/**
 * A pattern's global copy, made once per pattern (for `scan`, which needs the `g` flag): of a
 * sticky one (see `FileContext.scanFromHint`), or of a one-match one kept for `test`.
 */
export function globalCopy(sticky: RegExp): RegExp {
  let re = globalCopies.get(sticky);
  if (!re) {
    re = new RegExp(sticky.source, `${sticky.flags.replace('y', '')}g`);
    globalCopies.set(sticky, re);
  }
  return re;
}

function same<T>(value: T): T {
  return value;
}

function at(m: RegExpExecArray): number {
  return m.index;
}

/** A copy of a match moved by `by` characters. */
function shift(m: RegExpExecArray, by: number): RegExpExecArray {
  return Object.assign([...m], { index: m.index + by, input: m.input, groups: m.groups }) as RegExpExecArray;
}
