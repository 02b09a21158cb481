/**
 * A file reader that remembers what it read — a file's text, or that it does not exist —
 * until told the file changed. The quick-fix path reads the same few dozen manifest and
 * formatter-config paths (most of them absent) on every request; with this in front, a
 * request reads none of them again until a watcher reports a change, or, since a watcher
 * can miss an event (a folder created a moment before, a busy machine), until the entry is
 * `maxAgeMs` old. No `vscode` here: the editor wires `invalidate` to a file-system watcher,
 * the CLI keeps one for a run.
 */
export class CachedReader {
  private readonly entries = new Map<string, { text: string | undefined; at: number }>();

  /**
   * @param read the reader behind the cache: a file's text, or undefined when it does not exist
   * @param capacity the most paths remembered (the oldest read goes first)
   * @param maxAgeMs how long an entry is trusted without a watcher's word (default: for ever)
   * @param now the clock, ms
   */
  constructor(
    private readonly read: (path: string) => string | undefined,
    private readonly capacity = 4096,
    private readonly maxAgeMs = Infinity,
    private readonly now: () => number = Date.now,
  ) {}

  /** The text of `path`, or undefined when it does not exist: from the cache when known. */
  readonly readFile = (path: string): string | undefined => {
    const known = this.entries.get(path);
    const now = this.now();
    if (known && now - known.at <= this.maxAgeMs) {
      return known.text;
    }
    const text = this.read(path);
    this.entries.delete(path);
    if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(path, { text, at: now });
    return text;
  };

  /** Forgets `path`: it was created, changed or deleted; the next read goes to the file. */
  invalidate(path: string): void {
    this.entries.delete(path);
  }

  /** Forgets everything (a watcher may have missed events, e.g. after a folder was moved). */
  clear(): void {
    this.entries.clear();
  }

  /** How many paths are remembered. */
  get size(): number {
    return this.entries.size;
  }
}
