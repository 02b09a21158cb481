/**
 * Keeps a fix's lines within the project's print width (JS/TS): a line the fix wrote or
 * re-indented that no longer fits is broken the way Prettier breaks it — the outermost
 * bracketed list on the line goes one item per line, a call's sole object or array argument
 * hugging its parentheses — and the new lines are checked again. Lines the fix did not
 * change are left alone, and a line this cannot break safely (a trailing comment, several
 * lists side by side, an argument list ending in a function) is left for the formatter.
 * A call wrapped in a broken member chain is laid out by Prettier's chain rule (`wrapChainLayout`).
 */
import { applyEdits } from './edits';
import type { FixFile } from './file';
import { columns } from './style';
import type { TextEdit } from './types';

/** The edits, with the lines they produce broken to fit `file.style.printWidth`. */
export function fitToWidth(file: FixFile, edits: readonly TextEdit[]): TextEdit[] {
  const width = file.style.printWidth;
  if (file.python || width === undefined || !edits.length) {
    return [...edits];
  }
  const { src } = file;
  const text = file.text;
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  // Edits whose lines touch are rewritten together.
  const clusters: Array<{ start: number; end: number; edits: TextEdit[] }> = [];
  for (const e of sorted) {
    const start = src.lineStart(e.start);
    const end = Math.max(src.lineEnd(e.end), e.end);
    const last = clusters[clusters.length - 1];
    if (last && start <= last.end) {
      last.end = Math.max(last.end, end);
      last.edits.push(e);
    } else {
      clusters.push({ start, end, edits: [e] });
    }
  }
  const out: TextEdit[] = [];
  for (const c of clusters) {
    const after = applyEdits(
      text.slice(c.start, c.end),
      c.edits.map((e) => ({ ...e, start: e.start - c.start, end: e.end - c.start })),
    );
    const original = new Set(text.slice(c.start, c.end).split(/\r\n|\n|\r/));
    const lines = after.split(/\r\n|\n|\r/);
    // A line of a block comment (` * text (aside)`) is prose, never code to break.
    const fitted = lines.flatMap((line) =>
      original.has(line) || /^\s*\*/.test(line) ? [line] : fitLine(line, width, file),
    );
    if (fitted.length === lines.length) {
      out.push(...c.edits);
    } else {
      out.push({ start: c.start, end: c.end, newText: fitted.join(file.style.eol) });
    }
  }
  return out;
}

/** A bracketed group on one line: its brackets' offsets and kind. */
interface Group {
  open: number;
  close: number;
  kind: '(' | '[' | '{';
  children: Group[];
}

/**
 * The top-level bracket groups of a line's code, or undefined when the line cannot be read
 * safely (a comment, an unterminated string or template, unbalanced brackets).
 */
function groupsOf(line: string): Group[] | undefined {
  const root: Group = { open: -1, close: line.length, kind: '(', children: [] };
  const stack: Group[] = [root];
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      let depth = 0;
      for (; j < line.length; j++) {
        if (line[j] === '\\') {
          j++;
        } else if (c === '`' && line[j] === '$' && line[j + 1] === '{') {
          depth++;
          j++;
        } else if (c === '`' && depth > 0 && line[j] === '}') {
          depth--;
        } else if (line[j] === c && depth === 0) {
          break;
        }
      }
      if (j >= line.length) {
        return undefined;
      }
      i = j;
    } else if (c === '/' && (line[i + 1] === '/' || line[i + 1] === '*')) {
      return undefined;
    } else if (c === '(' || c === '[' || c === '{') {
      const g: Group = { open: i, close: -1, kind: c, children: [] };
      stack[stack.length - 1].children.push(g);
      stack.push(g);
    } else if (c === ')' || c === ']' || c === '}') {
      const g = stack.pop();
      if (!g || stack.length === 0 || '([{'.indexOf(g.kind) !== ')]}'.indexOf(c)) {
        return undefined;
      }
      g.close = i;
    }
  }
  return stack.length === 1 ? root.children : undefined;
}

/** The items of a group: its text split at top-level commas, trimmed, a trailing comma dropped. */
function itemsOf(line: string, g: Group): string[] {
  const parts: string[] = [];
  let start = g.open + 1;
  let k = 0;
  let quote = '';
  for (let i = g.open + 1; i < g.close; i++) {
    const c = line[i];
    const child = g.children[k];
    if (quote) {
      if (c === '\\') {
        i++;
      } else if (c === quote) {
        quote = '';
      }
    } else if (child && i === child.open) {
      i = child.close;
      k++;
    } else if (c === '"' || c === "'" || c === '`') {
      quote = c; // a template's ${...} holds no top-level comma of this group
    } else if (c === ',') {
      parts.push(line.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(line.slice(start, g.close).trim());
  if (parts[parts.length - 1] === '') {
    parts.pop();
  }
  return parts;
}

/** Whether a `{` / `[` at `open` starts a literal (not a block, an index or a destructuring target). */
function isLiteral(line: string, g: Group): boolean {
  const before = line.slice(0, g.open).trimEnd();
  if (g.kind === '{') {
    return before === '' || /(?:[:(,[=?]|\breturn|=>\s*\()$/.test(before);
  }
  return before === '' || /(?:[:(,[=?]|\breturn)$/.test(before);
}

/** Breaks one line into lines that fit in `width`, where it safely can; else returns it as it is. */
function fitLine(line: string, width: number, file: FixFile): string[] {
  const { tabWidth, indent: unit } = file.style;
  if (columns(line, tabWidth) <= width) {
    return [line];
  }
  const groups = groupsOf(line);
  if (!groups) {
    return [line];
  }
  const target = breakable(line, groups);
  if (!target) {
    return [line];
  }
  const items = itemsOf(line, target);
  if (!items.length) {
    return [line];
  }
  const indent = /^[ \t]*/.exec(line)?.[0] ?? '';
  const comma = target.kind === '(' ? file.style.trailingCommas : file.style.literalTrailingCommas;
  const head = line.slice(0, target.open + 1).trimEnd();
  const tail = line.slice(target.close);
  const body = items.map((item, i) => `${indent}${unit}${item}${i < items.length - 1 || comma ? ',' : ''}`);
  return [head, ...body.flatMap((l) => fitLine(l, width, file)), `${indent}${tail}`];
}

/**
 * The group to break: the line's only non-empty top-level group when it is an object or array
 * literal, or an argument list — entered when its sole argument is such a literal (Prettier
 * hugs it), broken one argument per line when no argument is a function, object or array.
 */
function breakable(line: string, groups: Group[]): Group | undefined {
  const nonEmpty = groups.filter((g) => line.slice(g.open + 1, g.close).trim() !== '');
  // Parentheses count when they hold arguments or parameters (not `if (`, `(a + b)`).
  const candidates = nonEmpty.filter(
    (g) =>
      g.kind !== '(' ||
      (/[\w$)\]>]\s*$/.test(line.slice(0, g.open)) &&
        !/\b(?:if|while|for|switch|catch|return|typeof|await|in|of|void|yield)\s*$/.test(
          line.slice(0, g.open),
        )),
  );
  if (candidates.length !== 1) {
    return undefined;
  }
  const g = candidates[candidates.length - 1];
  if (g.kind !== '(') {
    return isLiteral(line, g) ? g : undefined;
  }
  const inner = line.slice(g.open + 1, g.close).trim();
  const sole = g.children.length === 1 ? g.children[0] : undefined;
  if (sole && sole.kind !== '(' && inner === line.slice(sole.open, sole.close + 1)) {
    return breakable(line, [sole]);
  }
  if (/=>|\bfunction\b/.test(inner) || g.children.some((c) => c.kind !== '(')) {
    return undefined;
  }
  return g;
}

/** One link of a JS member chain: its head (a name or `this`, or a name's call), `.name`, `(...)`, `[...]`, `!`. */
interface Link {
  kind: 'head' | 'member' | 'call' | 'index' | 'bang';
  start: number;
  end: number;
  name?: string;
  /** An index by a number (`[0]`), which Prettier keeps with the group before it. */
  numeric?: boolean;
  /** A head that is a call (`limit(...)`): Prettier's chain then starts with the call. */
  called?: boolean;
}

/**
 * The links of the member chain `text.slice(start, end)` when it is one (a name or `this`
 * followed by member accesses and calls), else undefined. A chain without a head
 * (`start` at a `.`: the continuation of a chain) is read from its first member.
 */
function chainLinks(file: FixFile, start: number, end: number, head = true): Link[] | undefined {
  const { src, text } = file;
  const links: Link[] = [];
  let p = start;
  if (head) {
    const m = /^(?:this\b|[A-Za-z_$][\w$]*)/.exec(text.slice(start, start + 200));
    if (!m) {
      return undefined;
    }
    links.push({ kind: 'head', start, end: start + m[0].length, name: m[0] });
    p = start + m[0].length;
  }
  for (let j = src.nextCode(p); j < end; j = src.nextCode(p)) {
    const c = text[j];
    if (c === '(' || c === '[') {
      const close = src.match(j);
      if (close < 0 || close >= end) {
        return undefined;
      }
      const numeric = c === '[' && /^\[\s*\d+\s*\]$/.test(text.slice(j, close + 1));
      links.push({ kind: c === '(' ? 'call' : 'index', start: j, end: close + 1, numeric });
      p = close + 1;
    } else if (c === '!' && text[j + 1] !== '=') {
      links.push({ kind: 'bang', start: j, end: j + 1 });
      p = j + 1;
    } else {
      const id = /^\??\.\s*(#?[\w$]+)/.exec(text.slice(j, j + 200));
      if (!id || (c === '?' && text[j + 1] !== '.')) {
        return undefined;
      }
      links.push({ kind: 'member', start: j, end: j + id[0].length, name: id[1] });
      p = j + id[0].length;
    }
  }
  return links.length ? links : undefined;
}

const memberish = (l: Link): boolean => l.kind === 'member' || l.kind === 'index';

/**
 * Prettier's groups of a member chain (printMemberChain): the first group is the head with
 * its calls, numeric indexes and all its member accesses but the last (`this.client.messages`);
 * each later group is member accesses followed by calls (`.create({...})`).
 */
function chainGroups(links: Link[]): Link[][] {
  const nodes =
    links[0]?.kind === 'head' && links[1]?.kind === 'call'
      ? [{ ...links[0], end: links[1].end, called: true }, ...links.slice(2)]
      : links;
  const first = [nodes[0]];
  let i = 1;
  for (; i < nodes.length; i++) {
    const n = nodes[i];
    if (n.kind === 'call' || n.kind === 'bang' || (n.kind === 'index' && n.numeric)) {
      first.push(n);
    } else {
      break;
    }
  }
  if (!nodes[0].called) {
    for (; i + 1 < nodes.length && memberish(nodes[i]) && memberish(nodes[i + 1]); i++) {
      first.push(nodes[i]);
    }
  }
  const groups = [first];
  let current: Link[] = [];
  let called = false;
  for (; i < nodes.length; i++) {
    const n = nodes[i];
    if (called && memberish(n)) {
      if (n.numeric) {
        current.push(n);
        continue;
      }
      groups.push(current);
      current = [];
      called = false;
    }
    called ||= n.kind === 'call';
    current.push(n);
  }
  if (current.length) {
    groups.push(current);
  }
  return groups;
}

/**
 * How many groups Prettier prints on the chain's first line before it breaks (1, or 2 when the
 * first group is merged with the second: a factory `Object.keys(...)`, `this.x(...)`, or a
 * short name in an expression statement), and whether the chain stays on one line: a chain
 * of at most `merged + 1` groups is never broken.
 */
function chainShape(
  groups: Link[][],
  statement: boolean,
  tabWidth: number,
): { merged: boolean; oneLine: boolean } {
  const factory = (name = ''): boolean => /^[A-Z]|^[$_]+$/.test(name);
  let merged = false;
  if (groups.length >= 2) {
    const computed = groups[1][0].kind === 'index';
    const first = groups[0];
    if (first.length === 1) {
      const f = first[0];
      merged =
        !f.called &&
        (f.name === 'this' ||
          factory(f.name) ||
          (statement && (f.name ?? '').length <= tabWidth) ||
          computed);
    } else {
      const last = first[first.length - 1];
      merged = last.kind === 'member' && (factory(last.name) || computed);
    }
  }
  return { merged, oneLine: groups.length <= (merged ? 3 : 2) };
}

/** A broken call's lines joined as Prettier prints them flat, or undefined when it would not be. */
function flatten(lines: string[]): string | undefined {
  if (lines.some((l) => /[{[]\s*$|\/\/|\/\*/.test(l))) {
    return undefined; // a broken object or block stays broken; comments are not moved
  }
  const parts = lines.map((l) => l.trim());
  let out = parts[0];
  for (let i = 1; i < parts.length; i++) {
    let part = parts[i];
    if (/^[)\]}]/.test(part)) {
      out = out.replace(/,$/, '');
    } else if (out.endsWith('=>')) {
      // An arrow's body: a conditional one is parenthesized when it joins the arrow's line.
      let k = i;
      while (k + 1 < parts.length && !/^[)\]}]/.test(parts[k + 1])) {
        k++;
      }
      const body = parts
        .slice(i, k + 1)
        .join(' ')
        .replace(/,$/, '');
      const groups = groupsOf(body);
      if (!groups) {
        return undefined;
      }
      let depthZero = body;
      for (const g of [...groups].reverse()) {
        depthZero = depthZero.slice(0, g.open) + depthZero.slice(g.close + 1);
      }
      const conditional = /\s\?\s[\s\S]*\s:\s/.test(depthZero.replace(/(["'`])(?:\\.|(?!\1).)*\1/g, '""'));
      part = conditional ? `(${body})` : body;
      i = k;
      out += ' ';
    } else if (!/[([]$/.test(out)) {
      out += ' ';
    }
    out += part;
  }
  return groupsOf(out) ? out : undefined;
}

/**
 * The text that wraps `file.text.slice(start, end)`, a member chain spanning lines, in
 * `open ... close` (a call taking an arrow, `limit(() => `), laid out as Prettier lays it out
 * when that differs from the plain wrap (the call's lines one level deeper). Prettier's
 * member-chain rule decides: a chain of at most two groups (three when the first two merge)
 * stays on one line, a longer one whose calls break is broken one group per line. So the
 * wrapped chain is joined when it is alone short enough (`this.client.messages.create({` where
 * `.then` had broken it before `.create`), and hugs the wrapper when it then fits on its
 * line; a continuation (`.then(...)`) is joined to the wrapper's `)` (flat when it fits, else
 * with its arrow's body on the next line) or, when the wrapper's chain is now too long, the
 * wrapper is broken before its method (`limit\n  .run(() =>`). Returns `{ end, text }` to
 * replace `[start, end)`, or undefined when the plain wrap is already Prettier's layout or the
 * code is not a plain member chain (comments, computed heads, multi-line strings after it).
 */
export function wrapChainLayout(
  file: FixFile,
  start: number,
  end: number,
  open: string,
  close: string,
): { end: number; text: string } | undefined {
  const { src, text } = file;
  const { indent: unit, tabWidth } = file.style;
  const links = chainLinks(file, start, end);
  const wrapper = /^([A-Za-z_$][\w$]*)((?:\.[\w$]+)*)\(/.exec(open);
  if (!links || !wrapper || src.codeText(start, end) !== text.slice(start, end)) {
    return undefined;
  }
  // The continuation: `.then(...)` and the like after the wrapped call, up to the statement's rest.
  let contEnd = end;
  for (;;) {
    const j = src.nextCode(contEnd);
    const m = /^\??\.\s*[\w$]+/.exec(text.slice(j, j + 200));
    const paren = m ? src.nextCode(j + m[0].length) : -1;
    if (!m || text[paren] !== '(' || src.match(paren) < 0) {
      break;
    }
    contEnd = src.match(paren) + 1;
  }
  const after = text[src.nextCode(contEnd)];
  if (
    after === '.' ||
    after === '[' ||
    after === '(' ||
    src.codeText(end, contEnd) !== text.slice(end, contEnd) ||
    src.hasMultilineString(end, contEnd)
  ) {
    return undefined;
  }
  const cont = contEnd > end ? chainLinks(file, src.nextCode(end), contEnd, false) : [];
  if (!cont) {
    return undefined;
  }
  const indent = src.indentAt(start);
  // The wrapped chain alone, in the arrow's body: joined when Prettier keeps it on one line.
  const own = chainShape(chainGroups(links), false, tabWidth);
  const breaks = own.oneLine
    ? links.filter(
        (l, i) => i > 0 && l.kind === 'member' && text.slice(links[i - 1].end, l.start).includes('\n'),
      )
    : [];
  // The wrapper's chain: `limit(...)` or `limit.run(...)`, then the continuation.
  const names = wrapper[2].split('.').slice(1);
  const wrapperLinks: Link[] = [
    { kind: 'head', start: -1, end: -1, name: wrapper[1] },
    ...names.map((name): Link => ({ kind: 'member', start: -1, end: -1, name })),
    { kind: 'call', start: -1, end: -1 },
  ];
  const before = src.prevCode(start);
  const statement = before < 0 || ';{}'.includes(text[before]);
  const outerGroups = chainGroups([...wrapperLinks, ...cont]);
  const outer = chainShape(outerGroups, statement, tabWidth);
  const contBroken = cont.length > 0 && text.slice(end, cont[0].start).includes('\n');
  const joinCont = outer.oneLine && contBroken;
  // Broken, the wrapper's chain puts each group after the first (or the merged two) on its line.
  const callGroup = outerGroups.findIndex((g) => g.some((l) => l.kind === 'call' && l.start === -1));
  const split = !outer.oneLine && names.length > 0 && callGroup >= (outer.merged ? 2 : 1);
  if (!breaks.length && !joinCont && !split) {
    return undefined;
  }
  if (!outer.oneLine && cont.length && !contBroken) {
    return undefined; // `}).then(` would have to be broken onto lines: left to the formatter
  }
  // The wrapped chain's lines: one level deeper (two under a broken wrapper), one less after a joined break.
  const depth = split ? 2 : 1;
  const edits: TextEdit[] = breaks.map((l) => ({
    start: src.prevCode(l.start) + 1 - start,
    end: l.start - start,
    newText: '',
  }));
  for (let p = src.nextLineStart(start); p < end; p = src.nextLineStart(p)) {
    if (
      breaks.some((l) => p > src.prevCode(l.start) && p <= l.start) ||
      text.slice(p, src.lineEnd(p)).trim() === ''
    ) {
      continue;
    }
    const shift = depth - (breaks.length && p > breaks[0].start ? 1 : 0);
    if (shift > 0) {
      edits.push({ start: p - start, end: p - start, newText: unit.repeat(shift) });
    }
  }
  const body = applyEdits(text.slice(start, end), edits);
  const inner = split ? indent + unit : indent;
  const method = split ? wrapper[1].length + wrapper[2].lastIndexOf('.') : -1;
  const head = split ? `${open.slice(0, method)}\n${inner}${open.slice(method).trimEnd()}` : open.trimEnd();
  const comma = file.style.trailingCommas ? ',' : '';
  const width = file.style.printWidth;
  // The continuation joins the wrapper's `)`: its lines one level less, flat when that fits.
  const contLines = joinCont ? text.slice(cont[0].start, contEnd).split(/\r?\n/) : [];
  if (contLines.some((l, i) => i > 0 && l.trim() !== '' && !l.startsWith(indent + unit))) {
    return undefined;
  }
  const dedented = contLines.map((l, i) =>
    i > 0 && l.trim() !== '' ? indent + l.slice(indent.length + unit.length) : l,
  );
  const flat = contLines.length > 1 ? flatten(contLines) : undefined;
  // Joined onto one line, the wrapped chain hugs the wrapper (`limit(() => x.create({ ... }))`) when that fits.
  const firstRest = joinCont
    ? contLines[0].slice(0, contLines[0].indexOf('(') + 1)
    : text.slice(end, src.lineEnd(end));
  const prefix = text.slice(src.lineStart(start), start);
  const inline =
    !split &&
    !body.includes('\n') &&
    width !== undefined &&
    columns(`${prefix}${open}${body}${close}${firstRest}`, tabWidth) <= width;
  // Under a broken wrapper, a one-line chain hugs the method (`  .run(() => x.create(y))`) when that fits.
  const hug = split ? `${inner}${open.slice(method)}${body}${close}` : undefined;
  if (hug !== undefined && !body.includes('\n') && width !== undefined && columns(hug, tabWidth) <= width) {
    return { end, text: `${open.slice(0, method)}\n${hug}` };
  }
  const out = inline ? `${open}${body}${close}` : `${head}\n${inner}${unit}${body}${comma}\n${inner}${close}`;
  if (!joinCont) {
    return { end, text: out };
  }
  const lead = inline ? `${prefix}${out}` : `${inner}${close}`;
  const rest = text.slice(contEnd, src.lineEnd(contEnd));
  if (flat !== undefined && width !== undefined && columns(`${lead}${flat}${rest}`, tabWidth) <= width) {
    return { end: contEnd, text: out + flat };
  }
  // A last-argument arrow (`.then((r) => body)`) too long for the joined line: its body goes on the next.
  const arrow = /^(\??\.[\w$]+\((?:async\s+)?(?:\([^()]*\)|[\w$]+)\s*=>)\s*([^{\s].*)\)$/.exec(contLines[0]);
  if (
    contLines.length === 1 &&
    arrow &&
    width !== undefined &&
    columns(`${lead}${contLines[0]}${rest}`, tabWidth) > width
  ) {
    const groups = groupsOf(arrow[2]);
    const whole =
      groups?.length === 1 &&
      groups[0].kind === '(' &&
      groups[0].open === 0 &&
      groups[0].close === arrow[2].length - 1;
    const line = `${indent}${unit}${whole ? arrow[2].slice(1, -1) : arrow[2]}${comma}`;
    if (groups && columns(line, tabWidth) <= width) {
      return { end: contEnd, text: out + [arrow[1], line, `${indent})`].join('\n') };
    }
  }
  // A last-argument arrow (`.then((r) =>` body `)`): its body, one level less deep now, re-fitted.
  const last = dedented.length - 1;
  if (width !== undefined && last >= 2 && /=>$/.test(dedented[0]) && /^\s*\)$/.test(dedented[last])) {
    const body = flatten(dedented.slice(1, last));
    const line = body !== undefined ? `${indent}${unit}${body}` : undefined;
    if (line !== undefined && columns(line, tabWidth) <= width) {
      return { end: contEnd, text: out + [dedented[0], line, dedented[last]].join('\n') };
    }
  }
  return { end: contEnd, text: out + dedented.join('\n') };
}
