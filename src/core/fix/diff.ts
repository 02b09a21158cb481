/** Unified diffs for `headroom lint --fix --dry-run`. */

type Op = { kind: ' ' | '-' | '+'; line: string };

/** Myers' O(ND) diff of two line arrays, as a list of kept, removed and added lines. */
function diffLines(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let done = false;
  for (let d = 0; d <= max && !done; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1])
          ? v[offset + k + 1]
          : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        done = true;
        break;
      }
    }
  }
  // Walk the trace back from (n, m).
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && vd[offset + k - 1] < vd[offset + k + 1]) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : vd[offset + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push({ kind: ' ', line: a[--x] });
      y--;
    }
    if (d > 0) {
      if (x === prevX) {
        ops.push({ kind: '+', line: b[--y] });
      } else {
        ops.push({ kind: '-', line: a[--x] });
      }
    }
  }
  while (x > 0 && y > 0) {
    ops.push({ kind: ' ', line: a[--x] });
    y--;
  }
  return ops.reverse();
}

function splitLines(text: string): { lines: string[]; finalNewline: boolean } {
  if (text === '') {
    return { lines: [], finalNewline: true };
  }
  const finalNewline = text.endsWith('\n');
  const lines = (finalNewline ? text.slice(0, -1) : text).split('\n');
  return { lines, finalNewline };
}

/**
 * A unified diff (`--- a/path`, `+++ b/path`, hunks with 3 lines of context) from
 * `before` to `after`; the empty string when they are equal.
 */
export function unifiedDiff(path: string, before: string, after: string, context = 3): string {
  if (before === after) {
    return '';
  }
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = diffLines(a.lines, b.lines);
  const out: string[] = [`--- a/${path}`, `+++ b/${path}`];
  const changes = ops.map((o, i) => (o.kind !== ' ' ? i : -1)).filter((i) => i >= 0);
  let i = 0;
  while (i < changes.length) {
    const from = Math.max(0, changes[i] - context);
    let to = Math.min(ops.length, changes[i] + context + 1);
    let j = i + 1;
    while (j < changes.length && changes[j] - context <= to) {
      to = Math.min(ops.length, changes[j] + context + 1);
      j++;
    }
    // Line numbers at `from`.
    let aLine = 1;
    let bLine = 1;
    for (let k = 0; k < from; k++) {
      if (ops[k].kind !== '+') {
        aLine++;
      }
      if (ops[k].kind !== '-') {
        bLine++;
      }
    }
    const hunk = ops.slice(from, to);
    const aCount = hunk.filter((o) => o.kind !== '+').length;
    const bCount = hunk.filter((o) => o.kind !== '-').length;
    out.push(`@@ -${aCount ? aLine : aLine - 1},${aCount} +${bCount ? bLine : bLine - 1},${bCount} @@`);
    let aSeen = aLine - 1;
    let bSeen = bLine - 1;
    for (const o of hunk) {
      out.push(o.kind + o.line.replace(/\r$/, ''));
      if (o.kind !== '+') {
        aSeen++;
      }
      if (o.kind !== '-') {
        bSeen++;
      }
      const aLast = o.kind !== '+' && aSeen === a.lines.length && !a.finalNewline;
      const bLast = o.kind !== '-' && bSeen === b.lines.length && !b.finalNewline;
      if (aLast || bLast) {
        out.push('\\ No newline at end of file');
      }
    }
    i = j;
  }
  return out.join('\n') + '\n';
}
