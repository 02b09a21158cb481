import { CharKind, type Source, type Span } from './source';

/** One JS/TS import declaration or top-level `require`. */
export interface JsImport {
  span: Span;
  module: string;
  kind: 'import' | 'require';
  /** `import type ...` (usable in types only). */
  typeOnly: boolean;
  /** `import X from` / `const X = require(...)` / `const X = require(...).default`. */
  defaultName?: string;
  /** `import * as X from`. */
  namespace?: string;
  /** `import { a, b as c }` / `const { a, b: c } = require(...)`. */
  named: Array<{ imported: string; local: string; typeOnly: boolean }>;
  /** Offsets of the `{` and `}` around the named imports, when there are braces. */
  braces?: Span;
}

/** One Python top-level import statement. */
export interface PyImport {
  span: Span;
  kind: 'import' | 'from';
  /** `import a, b as c`: each module and the local name it is bound to. */
  modules: Array<{ module: string; local: string }>;
  /** `from m import a, b as c`: the module. */
  from?: string;
  names: Array<{ name: string; local: string }>;
  /** Offsets of the names list (`a, b as c`), inside parentheses when they are used. */
  namesSpan?: Span;
  /** Offsets of the `(` and `)` around the names, when they are used. */
  parens?: Span;
}

/** The top import block of a file. */
export interface ImportBlock<T> {
  imports: T[];
  /**
   * Where code goes "after the imports": the start of the line after the last top import,
   * or (with no imports) the start of the first statement.
   */
  end: number;
  /** The first offset where an import may be added (after a shebang, `'use strict'`, `__future__`, docstring). */
  start: number;
}

const JS_IMPORT_START = /^(?:import(?![\w$])(?!\s*[(.])|export\s+(?:type\s+)?(?:\*|\{[^}]*\})\s*from\b)/;
const JS_REQUIRE_START = /^(?:const|let|var)\s+(?:[\w$]+|\{[^}]*\})\s*=\s*require\s*\(/;

/** Parses the top import block of a JS/TS file. */
export function jsImports(src: Source): ImportBlock<JsImport> {
  const text = src.text;
  let p = 0;
  if (text.startsWith('#!')) {
    p = src.nextLineStart(0);
  }
  const imports: JsImport[] = [];
  let start = -1;
  let end = -1;
  for (;;) {
    p = src.nextCode(p);
    if (p >= text.length) {
      break;
    }
    const rest = text.slice(p, p + 400);
    if (/^(['"])use strict\1;?/.test(rest)) {
      p = src.nextLineStart(p);
      continue;
    }
    if (start === -1) {
      start = src.lineStart(p);
    }
    let parsed: JsImport | undefined;
    if (JS_IMPORT_START.test(rest)) {
      parsed = parseJsImport(src, p);
    } else if (JS_REQUIRE_START.test(rest)) {
      parsed = parseJsRequire(src, p);
    }
    if (!parsed) {
      break;
    }
    imports.push(parsed);
    end = src.nextLineStart(parsed.span.end);
    p = end;
  }
  if (start === -1) {
    start = text.length;
  }
  return { imports, end: end === -1 ? start : end, start };
}

/** The offset just past the statement's `;` if it directly follows `at` (same line), else `at`. */
function afterSemicolon(src: Source, at: number): number {
  let i = at;
  while (i < src.text.length && (src.text[i] === ' ' || src.text[i] === '\t')) {
    i++;
  }
  return src.text[i] === ';' ? i + 1 : at;
}

/** The first string literal at or after `from` that is in code position, as [start, end). */
function nextString(src: Source, from: number, limit: number): Span | undefined {
  for (let i = from; i < limit; i++) {
    if (src.kinds[i] === CharKind.String && (src.text[i] === "'" || src.text[i] === '"')) {
      let j = i + 1;
      while (
        j < src.text.length &&
        src.kinds[j] === CharKind.String &&
        !(src.text[j] === src.text[i] && src.text[j - 1] !== '\\')
      ) {
        j++;
      }
      return { start: i, end: Math.min(j + 1, src.text.length) };
    }
  }
  return undefined;
}

function parseJsImport(src: Source, p: number): JsImport | undefined {
  const text = src.text;
  // The specifier is the first string that is not inside braces of the clause.
  let i = p;
  let braces: Span | undefined;
  const limit = Math.min(text.length, p + 4000);
  while (i < limit) {
    if (src.kinds[i] === CharKind.Code && text[i] === '{') {
      const close = src.match(i);
      if (close < 0) {
        return undefined;
      }
      braces = { start: i, end: close };
      i = close + 1;
      continue;
    }
    if (src.kinds[i] === CharKind.String) {
      break;
    }
    if (src.kinds[i] === CharKind.Code && text[i] === ';') {
      return undefined;
    }
    i++;
  }
  const spec = nextString(src, i, limit);
  if (!spec) {
    return undefined;
  }
  let end = spec.end;
  // Import attributes: `with { type: 'json' }` / `assert { ... }`.
  const attrs = /^\s*(?:with|assert)\s*\{/.exec(text.slice(end, end + 40));
  if (attrs) {
    const close = src.match(end + attrs[0].length - 1);
    if (close > 0) {
      end = close + 1;
    }
  }
  const clause = text.slice(p, spec.start);
  const module = text.slice(spec.start + 1, spec.end - 1);
  const result: JsImport = {
    span: { start: p, end: afterSemicolon(src, end) },
    module,
    kind: 'import',
    typeOnly: /^import\s+type\s/.test(clause),
    named: [],
  };
  if (/^export/.test(clause)) {
    return { ...result, typeOnly: true }; // re-exports bind no local names
  }
  // `import x = require('y')` (TypeScript).
  const eqRequire = /^import\s+([\w$]+)\s*=\s*require\s*\($/.exec(clause.trim());
  if (eqRequire) {
    result.defaultName = eqRequire[1];
    result.span.end = afterSemicolon(src, src.match(text.indexOf('(', p)) + 1 || end);
    return result;
  }
  const head = clause.replace(/^import\s+(?:type\s+)?/, '');
  const def = /^([\w$]+)\s*(?:,|from\b)/.exec(head);
  if (def && def[1] !== 'type') {
    result.defaultName = def[1];
  }
  const ns = /\*\s*as\s+([\w$]+)/.exec(head);
  if (ns) {
    result.namespace = ns[1];
  }
  if (braces) {
    result.braces = braces;
    for (const item of text.slice(braces.start + 1, braces.end).split(',')) {
      const m = /^\s*(type\s+)?([\w$]+)(?:\s+as\s+([\w$]+))?\s*$/.exec(
        item.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, ''),
      );
      if (m) {
        result.named.push({ imported: m[2], local: m[3] ?? m[2], typeOnly: !!m[1] || result.typeOnly });
      }
    }
  }
  return result;
}

function parseJsRequire(src: Source, p: number): JsImport | undefined {
  const text = src.text;
  const m = /^(?:const|let|var)\s+([\w$]+|\{[^}]*\})\s*=\s*require\s*\(/.exec(text.slice(p, p + 2000));
  if (!m) {
    return undefined;
  }
  const open = p + m[0].length - 1;
  const close = src.match(open);
  const spec = nextString(src, open, close);
  if (close < 0 || !spec) {
    return undefined;
  }
  let end = close + 1;
  const member = /^\s*\.\s*([\w$]+)/.exec(text.slice(end, end + 60));
  if (member) {
    end += member[0].length;
  }
  const result: JsImport = {
    span: { start: p, end: afterSemicolon(src, end) },
    module: text.slice(spec.start + 1, spec.end - 1),
    kind: 'require',
    typeOnly: false,
    named: [],
  };
  const binding = m[1];
  if (binding.startsWith('{')) {
    const braceStart = p + m[0].indexOf('{');
    result.braces = { start: braceStart, end: src.match(braceStart) };
    for (const item of binding.slice(1, -1).split(',')) {
      const nm = /^\s*([\w$]+)(?:\s*:\s*([\w$]+))?\s*$/.exec(item);
      if (nm) {
        result.named.push({ imported: nm[1], local: nm[2] ?? nm[1], typeOnly: false });
      }
    }
  } else if (!member || member[1] === 'default') {
    result.defaultName = binding;
  } else {
    result.named.push({ imported: member[1], local: binding, typeOnly: false });
  }
  return result;
}

/** Parses the top import block of a Python file. */
export function pyImports(src: Source): ImportBlock<PyImport> {
  const text = src.text;
  const imports: PyImport[] = [];
  let start = -1;
  let end = -1;
  let p = 0;
  let first = true;
  for (;;) {
    p = src.nextCode(p);
    if (p >= text.length) {
      break;
    }
    if (src.lineStart(p) !== p) {
      break; // an indented line at the top level: not part of the import block
    }
    const rest = text.slice(p, p + 200);
    if (first && src.kinds[p] === CharKind.String) {
      // Module docstring.
      let j = p;
      while (j < text.length && src.kinds[j] === CharKind.String) {
        j++;
      }
      p = src.nextLineStart(j);
      first = false;
      continue;
    }
    first = false;
    if (/^from\s+__future__\s+import\b/.test(rest)) {
      p = src.nextLineStart(pyStatementEnd(src, p));
      continue;
    }
    if (start === -1) {
      start = p;
    }
    const parsed = parsePyImport(src, p);
    if (!parsed) {
      break;
    }
    imports.push(parsed);
    end = src.nextLineStart(parsed.span.end);
    p = end;
  }
  if (start === -1) {
    start = Math.min(p, text.length);
  }
  return { imports, end: end === -1 ? start : end, start };
}

/** The end of the logical line (statement) starting at `p`: brackets and backslash continuations followed. */
export function pyStatementEnd(src: Source, p: number): number {
  const text = src.text;
  let i = p;
  while (i < text.length) {
    const c = text[i];
    if (src.kinds[i] === CharKind.Code) {
      if ('([{'.includes(c) && src.match(i) > i) {
        i = src.match(i) + 1;
        continue;
      }
      if (c === '\\' && (text[i + 1] === '\n' || text[i + 1] === '\r')) {
        i = src.nextLineStart(i);
        continue;
      }
      if (c === '\n' || (c === '\r' && text[i + 1] === '\n')) {
        return i;
      }
      if (c === ';') {
        return i;
      }
    } else if (c === '\n' && src.kinds[i] === CharKind.Comment) {
      return i;
    } else if (c === '\n' && src.kinds[i] !== CharKind.String) {
      return i;
    }
    i++;
  }
  return text.length;
}

function parsePyImport(src: Source, p: number): PyImport | undefined {
  const text = src.text;
  const stmtEnd = pyStatementEnd(src, p);
  let codeEnd = stmtEnd;
  while (codeEnd > p && !src.isSignificant(codeEnd - 1)) {
    codeEnd--;
  }
  const stmt = text.slice(p, codeEnd);
  const imp = /^import\s+/.exec(stmt);
  if (imp) {
    const modules: PyImport['modules'] = [];
    for (const part of stmt.slice(imp[0].length).split(',')) {
      const m = /^\s*([\w.]+)(?:\s+as\s+(\w+))?\s*$/.exec(part.replace(/\\\r?\n/g, ' '));
      if (!m) {
        return undefined;
      }
      modules.push({ module: m[1], local: m[2] ?? m[1].split('.')[0] });
    }
    return { span: { start: p, end: codeEnd }, kind: 'import', modules, names: [] };
  }
  const from = /^from\s+([\w.]+)\s+import\s+/.exec(stmt);
  if (!from) {
    return undefined;
  }
  const namesStart = p + from[0].length;
  let namesSpan: Span = { start: namesStart, end: codeEnd };
  let parens: Span | undefined;
  if (text[namesStart] === '(') {
    const close = src.match(namesStart);
    if (close < 0) {
      return undefined;
    }
    parens = { start: namesStart, end: close };
    namesSpan = { start: namesStart + 1, end: close };
  }
  const names: PyImport['names'] = [];
  const raw = text
    .slice(namesSpan.start, namesSpan.end)
    .replace(/#[^\n]*/g, '')
    .replace(/\\\r?\n/g, ' ');
  for (const part of raw.split(',')) {
    if (part.trim() === '') {
      continue;
    }
    const m = /^\s*(\w+|\*)(?:\s+as\s+(\w+))?\s*$/.exec(part);
    if (!m) {
      return undefined;
    }
    names.push({ name: m[1], local: m[2] ?? m[1] });
  }
  return {
    span: { start: p, end: codeEnd },
    kind: 'from',
    modules: [],
    from: from[1],
    names,
    namesSpan,
    parens,
  };
}
