/** The text up to and including the first `.`, `!` or `?` followed by a space or the end. */
export function firstSentence(message: string): string {
  const m = /[.!?](?=\s|$)/.exec(message);
  return m ? message.slice(0, m.index + 1) : message;
}
