/**
 * Text scans kept across the versions of an editor document (issue 17): after an edit,
 * only the lines the edit touched are scanned again; what was found on the other lines is
 * kept (shifted past the edit). Used for scans whose results depend on each line's text
 * alone (`lineLocal`), so the result is always exactly what a scan of the whole new text
 * finds: it never depends on the edit history.
 */

/** A function computing a scan's results over `text[from, to)`, with offsets into `text`. */
export type ScanPart<T> = (text: string, from: number, to: number) => T[];

interface Entry {
  /** The text version the items were found in. */
  version: number;
  items: unknown[];
}

/**
 * A value derived from the syntax tree by reading only the subtree of one node, whose range
 * is `start`..`end` (see `ScanCache.derive`).
 */
export interface Derived<T> {
  value: T;
  start: number;
  end: number;
}

/** A half-open range of offsets. */
interface Range {
  start: number;
  end: number;
}

/**
 * The lines that changed between two texts: `text[start, newEnd)` replaced
 * `previous[start, oldEnd)`, both ends at a newline or the end of the text. Everything
 * before `start` is the same in both, and so is everything from the ends on.
 */
interface Window {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/**
 * Scan results of one document, by key, for its last text and the one before. Feed it each
 * text before it is analysed (`use`); results of the previous text are then brought up to
 * date on first use by rescanning the changed lines only, and older ones are dropped.
 */
export class ScanCache {
  private text: string | undefined;
  private version = 0;
  private window: Window | undefined;
  private entries = new Map<string, Entry>();
  /** Derived values of the tree analysed last, by key and offset (see `derive`). */
  private derivedNow = new Map<string, Map<number, Derived<unknown>>>();
  /** Those of the tree before it, when the current one was parsed incrementally from it. */
  private derivedBefore: Map<string, Map<number, Derived<unknown>>> | undefined;
  /**
   * The ranges of the current text where the tree may differ from the one before (tree-sitter's
   * changed ranges and the edits), sorted; valid with `derivedBefore`.
   */
  private dirty: Range[] = [];
  /** The text window between the tree before and the current one (see `Window`). */
  private treeWindow: Window | undefined;
  /** Derived values kept from the tree before and computed, since the cache was made. */
  readonly derived = { kept: 0, computed: 0 };

  /** Moves the cache to `text` (a no-op when it is the current text). */
  use(text: string): void {
    if (text === this.text) {
      return;
    }
    const previous = this.text;
    this.text = text;
    this.version++;
    this.window = previous === undefined ? undefined : changedLines(previous, text);
    for (const [key, entry] of this.entries) {
      if (entry.version < this.version - 1) {
        this.entries.delete(key);
      }
    }
  }

  /**
   * Moves the derived values (see `derive`) to a new tree of the current text (call after
   * `use`). `changed`: where it differs from the tree analysed before it (in current offsets:
   * tree-sitter's changed ranges and the edited ranges) when it was parsed incrementally from
   * that tree; undefined when not (a fresh parse): then nothing derived is kept.
   */
  useTree(changed: ReadonlyArray<Range> | undefined): void {
    const window = this.window;
    const sameText = this.treeText === this.text;
    this.derivedBefore = changed && (sameText || window) ? this.derivedNow : undefined;
    this.treeWindow = sameText ? undefined : window;
    this.treeText = this.text;
    this.dirty = changed ? merged(changed) : [];
    this.derivedNow = new Map();
  }

  private treeText: string | undefined;

  /**
   * A value derived from the tree at offset `at`: `compute()` gives it with the range of the
   * one node whose subtree it was read from (nothing outside that subtree may be read). Kept
   * from the tree before (shifted past the edit by `shift`) when that node lay outside the
   * edited lines and outside every changed range: then the new tree holds the same subtree, so
   * `compute()` would find the same value. Otherwise, and for a fresh parse, computed.
   * Values hold offsets and plain data, never nodes (the tree they belong to is freed).
   */
  derive<T>(key: string, at: number, compute: () => Derived<T>, shift: (value: T, by: number) => T): T {
    let now = this.derivedNow.get(key);
    if (!now) {
      now = new Map();
      this.derivedNow.set(key, now);
    }
    const hit = now.get(at);
    if (hit) {
      return hit.value as T;
    }
    const kept = this.kept(key, at, shift);
    if (kept) {
      this.derived.kept++;
    } else {
      this.derived.computed++;
    }
    const d = kept ?? compute();
    now.set(at, d);
    return d.value;
  }

  private kept<T>(key: string, at: number, shift: (value: T, by: number) => T): Derived<T> | undefined {
    const before = this.derivedBefore?.get(key);
    if (!before) {
      return undefined;
    }
    const w = this.treeWindow;
    const by = w ? w.newEnd - w.oldEnd : 0;
    let old: number;
    if (!w || at < w.start) {
      old = at;
    } else if (at >= w.newEnd) {
      old = at - by;
    } else {
      return undefined;
    }
    const d = before.get(old) as Derived<T> | undefined;
    if (!d) {
      return undefined;
    }
    // The node's text is unchanged (wholly before or after the edited lines, a character apart)...
    let delta = 0;
    if (w && !(d.end < w.start)) {
      if (!(d.start > w.oldEnd)) {
        return undefined;
      }
      delta = by;
    }
    const start = d.start + delta;
    const end = d.end + delta;
    // ... and so is its subtree (no changed range touches it).
    if (this.touchesDirty(start, end)) {
      return undefined;
    }
    return delta === 0 ? d : { value: shift(d.value, delta), start, end };
  }

  /** Whether `start..end`, widened by a character each side, meets a changed range. */
  private touchesDirty(start: number, end: number): boolean {
    const dirty = this.dirty;
    let lo = 0;
    let hi = dirty.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (dirty[mid].start <= end + 1) lo = mid + 1;
      else hi = mid;
    }
    // The last range starting at or before end + 1 ends last of those (they are disjoint).
    return lo > 0 && dirty[lo - 1].end >= start - 1;
  }

  /**
   * What `part(text, 0, text.length)` finds in the current text. `part` must depend only on
   * the lines of its range: each item found on one line, by that line's text alone (see
   * `lineLocal`), at offset `at(item)`; `shift` moves an item by a number of characters.
   */
  get<T>(key: string, part: ScanPart<T>, at: (item: T) => number, shift: (item: T, by: number) => T): T[] {
    const text = this.text;
    if (text === undefined) {
      throw new Error('ScanCache.get before use');
    }
    const entry = this.entries.get(key);
    if (entry?.version === this.version) {
      return entry.items as T[];
    }
    let items: T[];
    const w = this.window;
    if (entry && entry.version === this.version - 1 && w) {
      const old = entry.items as T[];
      const by = w.newEnd - w.oldEnd;
      items = [];
      let i = 0;
      for (; i < old.length && at(old[i]) < w.start; i++) {
        items.push(old[i]);
      }
      for (const item of part(text, w.start, w.newEnd)) {
        items.push(item);
      }
      for (; i < old.length && at(old[i]) <= w.oldEnd; i++);
      for (; i < old.length; i++) {
        items.push(by === 0 ? old[i] : shift(old[i], by));
      }
    } else {
      items = part(text, 0, text.length);
    }
    this.entries.set(key, { version: this.version, items });
    return items;
  }
}

/** Ranges sorted by start, overlapping ones joined. */
function merged(ranges: ReadonlyArray<Range>): Range[] {
  const out: Range[] = [];
  for (const r of [...ranges].sort((a, b) => a.start - b.start)) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) {
      last.end = Math.max(last.end, r.end);
    } else {
      out.push({ start: r.start, end: r.end });
    }
  }
  return out;
}

/** The changed lines between two texts (see `Window`), from their common prefix and suffix. */
export function changedLines(previous: string, text: string): Window {
  const prefix = commonPrefix(previous, text);
  const suffix = commonSuffix(previous, text, Math.min(previous.length, text.length) - prefix);
  const start = prefix > 0 ? text.lastIndexOf('\n', prefix - 1) + 1 : 0;
  const nl = text.indexOf('\n', text.length - suffix);
  const newEnd = nl === -1 ? text.length : nl;
  return { start, oldEnd: nl === -1 ? previous.length : newEnd - (text.length - previous.length), newEnd };
}

/** The length of the common prefix (native comparisons of halving slices). */
function commonPrefix(a: string, b: string): number {
  let lo = 0;
  let hi = Math.min(a.length, b.length);
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (a.slice(lo, mid) === b.slice(lo, mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The length of the common suffix, at most `max`. */
function commonSuffix(a: string, b: string, max: number): number {
  let lo = 0;
  let hi = max;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (a.slice(a.length - mid, a.length - lo) === b.slice(b.length - mid, b.length - lo)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** A global pattern's sticky copy (for `FileContext.scanFromHint`). */
export function sticky(re: RegExp): RegExp {
  return new RegExp(re.source, `${re.flags.replace('g', '')}y`);
}

const lineLocalMemo = new Map<string, boolean>();

/**
 * Whether every match of a global pattern lies within one line and is found from that
 * line's text alone (so a scan of each line finds what a scan of the whole text finds), by
 * a conservative reading of its source: nothing in it can match a newline (no `\s`, `\W`,
 * `\D`, `\n` or code escapes, a negated class only with `\n` in it, no `s` flag), `^`/`$`
 * only with the `m` flag, no `u`/`v`/`y` flags. Look-arounds follow the same rules, so
 * at a line's ends they see the newline as they would see the ends of the input.
 */
export function lineLocal(re: RegExp): boolean {
  const key = `${re.flags}/${re.source}`;
  let out = lineLocalMemo.get(key);
  if (out === undefined) {
    out = readLineLocal(re.source, re.flags);
    lineLocalMemo.set(key, out);
  }
  return out;
}

/** Escapes that can match a newline, or encode any character. */
const NEWLINE_ESCAPES = new Set(['s', 'W', 'D', 'n', 'u', 'x', 'c', '0']);
/** Escapes, in a class, of characters below the newline. */
const LOW_ESCAPES = new Set(['t', 'b']);

function readLineLocal(source: string, flags: string): boolean {
  if (!flags.includes('g') || /[suvy]/.test(flags)) {
    return false;
  }
  const multiline = flags.includes('m');
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (source.charCodeAt(i) <= 10) {
      return false;
    }
    if (c === '\\') {
      if (NEWLINE_ESCAPES.has(source[++i])) {
        return false;
      }
    } else if (c === '^' || c === '$') {
      if (!multiline) {
        return false;
      }
    } else if (c === '[') {
      const negated = source[i + 1] === '^';
      let newline = false;
      for (i += negated ? 2 : 1; i < source.length && source[i] !== ']'; i++) {
        if (source.charCodeAt(i) <= 10) {
          return false;
        }
        if (source[i] === '\\') {
          const e = source[++i];
          if (negated) {
            newline ||= e === 'n' || e === 's' || e === 'W' || e === 'D';
          } else if (
            NEWLINE_ESCAPES.has(e) ||
            (LOW_ESCAPES.has(e) && source[i + 1] === '-' && source[i + 2] !== ']')
          ) {
            return false; // (a range from \t or \b would span the newline)
          }
        }
      }
      if (negated && !newline) {
        return false;
      }
    }
  }
  return true;
}
