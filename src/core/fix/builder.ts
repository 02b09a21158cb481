/**
 * Collects the edits of one fix: replacements, plus imports and top-level code placed after
 * the file's imports in the file's style.
 */
import type { FixFile } from './file';
import type { JsImport, PyImport } from './imports';
import { semi } from './style';
import { wrapChainLayout } from './layout';
import type { Span } from '../parse/span';
import type { Tokens } from './tokens';
import type { TextEdit } from './types';

interface Block {
  code: string;
  /** The block must come after this offset (e.g. after a class it instantiates). */
  after?: number;
}

/**
 * Collects the edits of one fix: plain replacements plus imports and top-level code that
 * go after the file's imports. Several requests for the same import are merged.
 */
export class EditBuilder {
  private readonly edits: TextEdit[] = [];
  private readonly blocks: Block[] = [];
  /** New JS import statements: module → named imports (imported → local), or a default name. */
  private readonly jsNew = new Map<string, { named: Map<string, string>; defaultName?: string }>();
  /** Names to add to an existing JS import's braces, by the import's brace start. */
  private readonly jsAddNamed = new Map<number, { imp: JsImport; names: Map<string, string> }>();
  /** New Python `import x` modules. */
  private readonly pyNewModules = new Set<string>();
  /** Names to add to an existing `from m import ...`, by statement start; or new `from m import` lines. */
  private readonly pyAddNames = new Map<number, { imp: PyImport; names: Set<string> }>();
  private readonly pyNewFrom = new Map<string, Set<string>>();

  constructor(readonly file: FixFile) {}

  replace(start: number, end: number, newText: string): this {
    this.edits.push({ start, end, newText });
    return this;
  }

  insert(at: number, newText: string): this {
    return this.replace(at, at, newText);
  }

  /** Adds top-level code after the imports (blocks keep their order). */
  addBlock(code: string, after?: number): this {
    // One action may ask for the same helper once per call it fixes: insert it once.
    if (this.blocks.some((b) => b.code === code && b.after === after)) {
      return this;
    }
    this.blocks.push({ code, after });
    return this;
  }

  // ---- JS imports ---------------------------------------------------------------------------

  /** Adds (or finds) `import local from 'module'` / `const local = require('module')`; returns the local name. */
  jsDefault(module: string, preferredLocal: string): string {
    const existing = this.file.js.imports.find((i) => i.module === module && !i.typeOnly && i.defaultName);
    if (existing?.defaultName) {
      return existing.defaultName;
    }
    const pending = this.jsNew.get(module);
    if (pending?.defaultName) {
      return pending.defaultName;
    }
    const local = this.file.freshName(preferredLocal);
    this.jsNew.set(module, { named: pending?.named ?? new Map(), defaultName: local });
    return local;
  }

  /** Adds (or finds) a value import of a named export; returns the local name. */
  jsNamed(module: string, name: string, aliasIfTaken: string): string {
    for (const imp of this.file.js.imports) {
      const hit = imp.module === module && imp.named.find((n) => n.imported === name && !n.typeOnly);
      if (hit) {
        return hit.local;
      }
    }
    const local = this.file.src.usesWord(name) ? this.file.freshName(aliasIfTaken) : name;
    const target = this.file.js.imports.find(
      (i) =>
        i.module === module &&
        !i.typeOnly &&
        i.braces &&
        (i.kind === 'import' || this.file.style.module === 'commonjs') &&
        !this.file.text.slice(i.braces.start, i.braces.end).includes('\n'),
    );
    if (target?.braces) {
      const entry = this.jsAddNamed.get(target.braces.start) ?? {
        imp: target,
        names: new Map<string, string>(),
      };
      entry.names.set(name, local);
      this.jsAddNamed.set(target.braces.start, entry);
      return local;
    }
    const pending = this.jsNew.get(module) ?? { named: new Map<string, string>() };
    pending.named.set(name, local);
    this.jsNew.set(module, pending);
    return local;
  }

  // ---- Python imports -----------------------------------------------------------------------

  /** Adds (or finds) `import module`; returns the name to use. */
  pyModule(module: string): string {
    for (const imp of this.file.py.imports) {
      const hit = imp.modules.find((m) => m.module === module);
      if (hit) {
        return hit.local;
      }
    }
    this.pyNewModules.add(module);
    return module;
  }

  /** The local name of `module` when it is imported as a module, else undefined. */
  pyModuleIfImported(module: string): string | undefined {
    for (const imp of this.file.py.imports) {
      const hit = imp.modules.find((m) => m.module === module);
      if (hit) {
        return hit.local;
      }
    }
    return this.pyNewModules.has(module) ? module : undefined;
  }

  /** Adds (or finds) `from module import name`; returns the local name. */
  pyFrom(module: string, name: string): string {
    for (const imp of this.file.py.imports) {
      const hit = imp.from === module && imp.names.find((n) => n.name === name);
      if (hit) {
        return hit.local;
      }
    }
    const target = this.file.py.imports.find(
      (i) => i.from === module && !i.names.some((n) => n.name === '*'),
    );
    if (target) {
      const entry = this.pyAddNames.get(target.span.start) ?? { imp: target, names: new Set<string>() };
      entry.names.add(name);
      this.pyAddNames.set(target.span.start, entry);
      return name;
    }
    const set = this.pyNewFrom.get(module) ?? new Set<string>();
    set.add(name);
    this.pyNewFrom.set(module, set);
    return name;
  }

  // ---- output -------------------------------------------------------------------------------

  /** The edits, with imports and blocks placed and line breaks in the file's style. */
  build(): TextEdit[] {
    const out = [...this.edits];
    if (this.file.python) {
      this.buildPy(out);
    } else {
      this.buildJs(out);
    }
    // Generated lines use \n; copied source keeps its own breaks (a lone CR in an LF file stays).
    const eol = this.file.style.eol;
    return out.map((e) => ({ ...e, newText: e.newText.replace(/\r?\n/g, eol) }));
  }

  private buildJs(out: TextEdit[]): void {
    const { file } = this;
    const style = file.style;
    const s = semi(style);
    const quote = (m: string): string => style.quote + m + style.quote;
    for (const { imp, names } of this.jsAddNamed.values()) {
      const braces = imp.braces as Span;
      const items = [...names].map(([name, local]) =>
        name === local ? name : imp.kind === 'require' ? `${name}: ${local}` : `${name} as ${local}`,
      );
      out.push(listInsert(file.src, braces.start, items, 'last'));
    }
    const lines: string[] = [];
    for (const [module, { named, defaultName }] of this.jsNew) {
      const namedItems = [...named].map(([name, local]) =>
        name === local ? name : style.module === 'commonjs' ? `${name}: ${local}` : `${name} as ${local}`,
      );
      if (style.module === 'commonjs') {
        if (defaultName) {
          lines.push(`const ${defaultName} = require(${quote(module)})${s}`);
        }
        if (namedItems.length) {
          lines.push(`const { ${namedItems.join(', ')} } = require(${quote(module)})${s}`);
        }
      } else {
        const parts = [defaultName, namedItems.length ? `{ ${namedItems.join(', ')} }` : undefined].filter(
          Boolean,
        );
        lines.push(`import ${parts.join(', ')} from ${quote(module)}${s}`);
      }
    }
    const block = file.js;
    const importAt = block.imports.length ? block.end : block.start;
    this.placeBlocks(out, importAt, lines, 1);
  }

  private buildPy(out: TextEdit[]): void {
    const { file } = this;
    for (const { imp, names } of this.pyAddNames.values()) {
      const span = imp.namesSpan as Span;
      if (imp.parens) {
        out.push(listInsert(file.src, imp.parens.start, [...names], 'last'));
      } else {
        out.push({ start: span.end, end: span.end, newText: [...names].map((n) => `, ${n}`).join('') });
      }
    }
    const block = file.py;
    // Standard-library modules go among the plain `import x` statements of the standard
    // library, in order; else before the first import (as their own group).
    const top = (m: string): string => m.split('.')[0];
    const stdlib = [...this.pyNewModules].filter((m) => STDLIB.has(top(m))).sort();
    const thirdParty = [...this.pyNewModules].filter((m) => !STDLIB.has(top(m))).sort();
    const plain = block.imports.filter(
      (i) => i.kind === 'import' && i.modules.every((m) => STDLIB.has(top(m.module))),
    );
    const at = new Map<number, { modules: string[]; blank: boolean }>();
    for (const module of stdlib) {
      let pos: number;
      let blank = false;
      const before = plain.find((i) => i.modules[0].module > module);
      if (before) {
        pos = before.span.start;
      } else if (plain.length) {
        pos = file.src.nextLineStart(plain[plain.length - 1].span.end);
      } else if (block.imports.length) {
        const first = block.imports[0];
        pos = first.span.start;
        blank = !(first.kind === 'from' && STDLIB.has(top(first.from ?? '')));
      } else {
        thirdParty.unshift(module);
        continue;
      }
      const entry = at.get(pos) ?? { modules: [], blank };
      entry.modules.push(module);
      at.set(pos, entry);
    }
    for (const [pos, { modules, blank }] of at) {
      out.push({
        start: pos,
        end: pos,
        newText: modules.map((m) => `import ${m}\n`).join('') + (blank ? '\n' : ''),
      });
    }
    const lines = thirdParty.map((m) => `import ${m}`);
    for (const [module, names] of this.pyNewFrom) {
      lines.push(`from ${module} import ${[...names].join(', ')}`);
    }
    const importAt = block.imports.length ? block.end : block.start;
    this.placeBlocks(out, importAt, lines, 2);
  }

  private hasImports(): boolean {
    return this.file.python ? this.file.py.imports.length > 0 : this.file.js.imports.length > 0;
  }

  /**
   * Inserts new import lines at `importAt` and the blocks after the imports, with
   * `blank` blank lines around the blocks (1 for JS, 2 for Python).
   */
  private placeBlocks(out: TextEdit[], importAt: number, importLines: string[], blank: number): void {
    const { src } = this.file;
    const text = src.text;
    const importText = importLines.map((l) => l + '\n').join('');
    if (!this.blocks.length) {
      if (importText) {
        // The first imports of a file get a blank line before the code that follows.
        const fresh = importAt < text.length && text.slice(importAt, src.lineEnd(importAt)).trim() !== '';
        out.push({
          start: importAt,
          end: importAt,
          newText: importText + (fresh && !this.hasImports() ? '\n' : ''),
        });
      }
      return;
    }
    let base = importAt;
    for (const b of this.blocks) {
      if (b.after !== undefined && b.after > base) {
        base = src.nextLineStart(b.after);
      }
    }
    // Skip blank lines so the blocks do not split a comment from the code it describes.
    let at = base;
    let blanks = 0;
    while (at < text.length && text.slice(at, src.lineEnd(at)).trim() === '') {
      blanks++;
      at = src.nextLineStart(at);
    }
    for (let p = base; p > 0;) {
      const prev = src.lineStart(p - 1);
      if (text.slice(prev, p).trim() !== '') {
        break;
      }
      blanks++;
      p = prev;
    }
    const somethingAbove = text.slice(0, at).trim() !== '' || importText !== '';
    const lead = somethingAbove ? '\n'.repeat(Math.max(0, blank - blanks)) : '';
    const body = this.blocks.map((b) => b.code.replace(/\n+$/, '')).join('\n'.repeat(blank + 1));
    const trail = at < text.length ? '\n'.repeat(blank + 1) : '\n';
    if (importText) {
      out.push({ start: importAt, end: importAt, newText: importText });
    }
    out.push({ start: at, end: at, newText: lead + body + trail });
  }
}

/**
 * An edit that adds items to the bracketed list whose opening bracket is at `open`:
 * first or last, or after the item with the given index. Follows the list's layout:
 * one item per line (with or without a trailing comma) or all on one line.
 */
export function listInsert(
  src: Tokens,
  open: number,
  newItems: string[],
  where: 'first' | 'last' | number,
): TextEdit {
  const text = src.text;
  const close = src.match(open);
  const items = src.items(open);
  const joined = newItems.join(', ');
  if (!items.length) {
    const pad = text[open] === '{' ? ' ' : '';
    return { start: open + 1, end: close, newText: `${pad}${joined}${pad}` };
  }
  const multiline = text.slice(open, items[0].start).includes('\n');
  const afterIndex =
    where === 'first' ? -1 : where === 'last' ? items.length - 1 : Math.min(where, items.length - 1);
  if (multiline) {
    const indent = src.indentAt(items[0].start);
    if (afterIndex === -1) {
      return {
        start: items[0].start,
        end: items[0].start,
        newText: newItems.map((i) => `${i},\n${indent}`).join(''),
      };
    }
    const item = items[afterIndex];
    const comma = src.nextCode(item.end);
    const hasComma = text[comma] === ',' && comma < close;
    const isLast = afterIndex === items.length - 1;
    const lines = newItems.map(
      (i, k) => `\n${indent}${i}${!isLast || hasComma || k < newItems.length - 1 ? ',' : ''}`,
    );
    if (hasComma) {
      // After the comma and any comment on its line.
      const lineEnd = src.lineEnd(comma);
      const at = src.isBlank(comma + 1, lineEnd) ? lineEnd : comma + 1;
      return { start: at, end: at, newText: lines.join('') };
    }
    return { start: item.end, end: item.end, newText: ',' + lines.join('') };
  }
  if (afterIndex === -1) {
    return { start: items[0].start, end: items[0].start, newText: `${joined}, ` };
  }
  const item = items[afterIndex];
  return { start: item.end, end: item.end, newText: `, ${joined}` };
}

/** Python standard-library modules the fixes import. */
const STDLIB = new Set(
  (
    '__future__ abc argparse array ast asyncio atexit base64 bisect builtins calendar codecs collections ' +
    'concurrent contextlib contextvars copy csv dataclasses datetime decimal difflib email enum errno ' +
    'fnmatch fractions functools gc getpass gettext glob gzip hashlib heapq hmac html http importlib ' +
    'inspect io ipaddress itertools json locale logging math mimetypes multiprocessing numbers operator ' +
    'os pathlib pickle platform pprint queue random re secrets select shlex shutil signal socket sqlite3 ' +
    'ssl statistics string struct subprocess sys tempfile textwrap threading time timeit traceback types ' +
    'typing unicodedata unittest urllib uuid warnings weakref xml zipfile zlib zoneinfo'
  ).split(' '),
);

/**
 * Wraps `[start, end)` (a call, maybe with its chain) as `open` + call + `close`, e.g.
 * `limit(() => ` … `)`, laid out as Prettier lays it out. A call on one line stays on one
 * line. A call broken over lines moves to its own line one level deeper, its lines
 * re-indented with it, and the wrapper closes on a line of its own (with a trailing comma
 * when the file uses them):
 *
 *     limit(() =>
 *       client.messages.create({
 *         ...
 *       }),
 *     )
 *
 * `open` ends with the arrow (`=> ` or `lambda: `); its trailing space is dropped when broken.
 */
export function wrapCall(b: EditBuilder, start: number, end: number, open: string, close: string): void {
  const { file } = b;
  const { src } = file;
  const text = file.text;
  if (file.python || !text.slice(start, end).includes('\n') || src.hasMultilineString(start, end)) {
    b.insert(start, open).insert(end, close);
    return;
  }
  const chain = wrapChainLayout(file, start, end, open, close);
  if (chain) {
    b.replace(start, chain.end, chain.text);
    return;
  }
  const indent = src.indentAt(start);
  const unit = file.style.indent;
  b.insert(start, `${open.trimEnd()}\n${indent}${unit}`);
  reindent(b, start, end, unit);
  b.insert(end, `${file.style.trailingCommas ? ',' : ''}\n${indent}${close}`);
}

/** Indents every line that starts inside `(start, end)` by one more `unit` (blank lines stay blank). */
export function reindent(b: EditBuilder, start: number, end: number, unit: string): void {
  const { src } = b.file;
  const text = b.file.text;
  for (let p = src.nextLineStart(start); p < end; p = src.nextLineStart(p)) {
    if (text.slice(p, src.lineEnd(p)).trim() !== '') {
      b.insert(p, unit);
    }
  }
}
