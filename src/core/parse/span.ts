/** A half-open range of UTF-16 offsets into a text (a file, or a notebook cell's text). */
export interface Span {
  start: number;
  end: number;
}
