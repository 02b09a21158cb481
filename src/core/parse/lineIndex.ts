/** A zero-based position: line and UTF-16 character, like VS Code's `Position`. */
export interface Position {
  line: number;
  character: number;
}

/**
 * Maps UTF-16 offsets to lines and characters and back. Line breaks are `\r\n`, `\n`
 * and a lone `\r`, as in VS Code, so positions agree with the editor's.
 */
export class LineIndex {
  private readonly starts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    if (!text.includes('\r')) {
      // Fast path: only `\n` breaks.
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
        starts.push(i + 1);
      }
    } else {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) {
          starts.push(i + 1);
        } else if (c === 13) {
          if (text.charCodeAt(i + 1) === 10) {
            i++;
          }
          starts.push(i + 1);
        }
      }
    }
    this.starts = starts;
  }

  /** The number of lines; an empty text has one. */
  get lineCount(): number {
    return this.starts.length;
  }

  /** The offset where a zero-based line starts. */
  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** The offset just past the last character of a line, before its line break. */
  lineEnd(line: number): number {
    if (line + 1 >= this.starts.length) {
      return this.text.length;
    }
    let end = this.starts[line + 1];
    if (end > 0 && this.text.charCodeAt(end - 1) === 10) {
      end--;
    }
    if (end > 0 && this.text.charCodeAt(end - 1) === 13) {
      end--;
    }
    return end;
  }

  /** The zero-based line containing an offset (clamped into the text). */
  lineAt(offset: number): number {
    const starts = this.starts;
    const target = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= target) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  /** The zero-based position of an offset (clamped into the text and into its line). */
  position(offset: number): Position {
    const line = this.lineAt(offset);
    const target = Math.max(0, Math.min(offset, this.text.length));
    return { line, character: Math.min(target, this.lineEnd(line)) - this.starts[line] };
  }
}
