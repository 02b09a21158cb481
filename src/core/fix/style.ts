import type { FormatOptions } from './formatConfig';
import { CharKind, type Tokens } from './tokens';

/** How a file is written, so inserted code fits in. */
export interface SourceStyle {
  /** One level of indentation: a tab or some spaces. */
  indent: string;
  /** The preferred string quote. */
  quote: "'" | '"';
  /** JS/TS: whether statements end with semicolons (always true for Python, where it is unused). */
  semicolons: boolean;
  /** The line break (old Mac-style files use a lone CR). */
  eol: '\n' | '\r\n' | '\r';
  /** JS/TS: ESM (`import`) or CommonJS (`require`). */
  module: 'esm' | 'commonjs';
  /**
   * JS/TS: whether a list broken over lines ends with a comma (Prettier's default
   * `trailingComma: "all"`); true when the file shows no broken list either way.
   */
  trailingCommas: boolean;
  /** JS/TS: whether an object or array literal broken over lines ends with a comma. */
  literalTrailingCommas: boolean;
  /**
   * JS/TS: the line width the project's formatter keeps to, which inserted and re-indented
   * code must respect; undefined when unknown (then layout follows the file alone).
   */
  printWidth?: number;
  /** How many columns a tab counts for when measuring a line. */
  tabWidth: number;
}

/** Prettier's default print width. */
export const PRETTIER_PRINT_WIDTH = 80;

/**
 * Detects the style of a source. `fallbackModule` (from the nearest package.json) decides
 * the module style of a file that neither imports nor requires anything.
 */
export function detectStyle(
  src: Tokens,
  fallbackModule?: 'esm' | 'commonjs',
  format?: FormatOptions,
): SourceStyle {
  const trailingCommas = detectTrailingCommas(src);
  const detected: SourceStyle = {
    indent: detectIndent(src),
    quote: detectQuote(src),
    semicolons: src.python ? true : detectSemicolons(src),
    eol: detectEol(src.text),
    module: src.python ? 'esm' : detectModule(src, fallbackModule),
    trailingCommas,
    literalTrailingCommas: trailingCommas,
    tabWidth: format?.tabWidth ?? (format?.prettier ? 2 : 4),
  };
  return src.python ? detected : withFormat(detected, src.text, format);
}

/**
 * The project's configured options over what the file shows (the formatter will impose
 * them), and the print width: the configured one; else Prettier's default when the project
 * uses Prettier; else 80 when every line of the file fits in 80 columns (it evidently keeps
 * to them); else unknown.
 */
function withFormat(style: SourceStyle, text: string, format: FormatOptions | undefined): SourceStyle {
  const out = { ...style };
  if (format?.useTabs !== undefined || format?.tabWidth !== undefined) {
    out.indent = format.useTabs
      ? '\t'
      : ' '.repeat(format.tabWidth ?? (format.prettier ? 2 : style.indent.length || 2));
  }
  if (format?.singleQuote !== undefined) {
    out.quote = format.singleQuote ? "'" : '"';
  }
  if (format?.semi !== undefined) {
    out.semicolons = format.semi;
  }
  if (format?.trailingComma !== undefined) {
    // Fixes add trailing commas to broken call arguments, which only "all" puts there.
    out.trailingCommas = format.trailingComma === 'all';
    out.literalTrailingCommas = format.trailingComma !== 'none';
  }
  if (format?.printWidth !== undefined) {
    out.printWidth = format.printWidth;
  } else if (format?.prettier) {
    out.printWidth = PRETTIER_PRINT_WIDTH;
  } else if (text.split(/\r?\n|\r/).every((line) => columns(line, style.tabWidth) <= PRETTIER_PRINT_WIDTH)) {
    out.printWidth = PRETTIER_PRINT_WIDTH;
  }
  return out;
}

/** The columns a line takes, a tab counting `tabWidth`. */
export function columns(line: string, tabWidth: number): number {
  let n = 0;
  for (const c of line) {
    n += c === '\t' ? tabWidth : 1;
  }
  return n;
}

/** Broken lists whose last item ends with a comma, against those whose last item does not. */
function detectTrailingCommas(src: Tokens): boolean {
  let withComma = 0;
  let without = 0;
  const text = src.text;
  for (const m of src.codeMatches(/\n[ \t]*[)\]}]/g)) {
    const close = (m.index ?? 0) + m[0].length - 1;
    const open = src.match(close);
    if (open < 0 || !text.slice(open, close).includes('\n') || src.nextCode(open + 1) === close) {
      continue;
    }
    const last = src.prevCode(close);
    if (text[last] === ',') {
      withComma++;
    } else if (!'{[(;'.includes(text[last]) && text[open] !== '{') {
      without++; // a block's `}` ends statements, not list items: only ( and [ lists count
    }
  }
  return withComma >= without;
}

function detectEol(text: string): '\n' | '\r\n' | '\r' {
  const crlf = text.split('\r\n').length - 1;
  const lf = text.split('\n').length - 1;
  const cr = text.split('\r').length - 1 - crlf;
  if (cr > lf) return '\r';
  return crlf > 0 && crlf * 2 >= lf ? '\r\n' : '\n';
}

/** Tabs when most indented code lines start with a tab; else the most common step between levels. */
function detectIndent(src: Tokens): string {
  const text = src.text;
  let tabs = 0;
  let spaces = 0;
  const steps = new Map<number, number>();
  let prev = 0;
  for (const start of src.lineStarts) {
    if (start >= text.length || src.kinds[start] !== CharKind.Code) {
      continue;
    }
    let end = start;
    while (end < text.length && (text[end] === ' ' || text[end] === '\t')) {
      end++;
    }
    if (
      end >= text.length ||
      text[end] === '\n' ||
      text[end] === '\r' ||
      src.kinds[end] === CharKind.Comment
    ) {
      continue;
    }
    if (src.kinds[end] !== CharKind.Code) {
      continue;
    }
    const ws = text.slice(start, end);
    if (ws.startsWith('\t')) {
      tabs++;
      continue;
    }
    const width = ws.length;
    if (width > 0) {
      spaces++;
    }
    if (width > prev) {
      const step = width - prev;
      steps.set(step, (steps.get(step) ?? 0) + 1);
    }
    prev = width;
  }
  if (tabs > spaces) {
    return '\t';
  }
  let best = 0;
  let bestCount = 0;
  for (const [step, count] of steps) {
    if (step >= 2 && step <= 8 && (count > bestCount || (count === bestCount && step < best))) {
      best = step;
      bestCount = count;
    }
  }
  return ' '.repeat(best || (src.python ? 4 : 2));
}

/** The quote most string literals use (import specifiers count double). */
function detectQuote(src: Tokens): "'" | '"' {
  const text = src.text;
  let single = 0;
  let double = 0;
  for (let i = 0; i < text.length; i++) {
    if (src.kinds[i] !== CharKind.String || (i > 0 && src.kinds[i - 1] === CharKind.String)) {
      continue;
    }
    let q = i;
    while (q < text.length && /[rRbBuUfF]/.test(text[q])) {
      q++;
    }
    const c = text[q];
    if (src.python && text.startsWith(c.repeat(3), q)) {
      continue; // docstrings are nearly always """, whatever the file's style
    }
    const weight = /(?:from|import|require\()\s*$/.test(text.slice(Math.max(0, i - 12), i)) ? 2 : 1;
    if (c === "'") {
      single += weight;
    } else if (c === '"') {
      double += weight;
    }
  }
  if (single === double) {
    return src.python ? '"' : "'";
  }
  return single > double ? "'" : '"';
}

/** Whether JS statements end with `;`: compares lines ending in `;` with statement lines that do not. */
function detectSemicolons(src: Tokens): boolean {
  const text = src.text;
  let withSemi = 0;
  let without = 0;
  const lines = text.split(/\r?\n/);
  let offset = 0;
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k];
    const start = offset;
    offset += line.length + (text[offset + line.length] === '\r' ? 2 : 1);
    let end = line.length;
    while (end > 0 && (src.kinds[start + end - 1] === CharKind.Comment || /\s/.test(line[end - 1]))) {
      end--;
    }
    if (end === 0 || src.kinds[start + end - 1] !== CharKind.Code) {
      if (
        end > 0 &&
        /^\s*(?:import|const|let|var|return|export)\b/.test(line) &&
        /['"`]$/.test(line.slice(0, end))
      ) {
        const next = (lines[k + 1] ?? '').trim();
        if (!/^[.?:+\-*/&|,)\]}]/.test(next)) {
          without++;
        }
      }
      continue;
    }
    const last = line[end - 1];
    if (last === ';') {
      if (!/^\s*for\s*\(/.test(line)) {
        withSemi++;
      }
    } else if (
      /[\w$)\]'"`]/.test(last) &&
      /^\s*(?:import|const|let|var|return|throw|await|export|[\w$.]+\s*=)/.test(line)
    ) {
      const next = (lines[k + 1] ?? '').trim();
      if (!/^[.?:+\-*/&|,)\]}=]/.test(next) && !/[=(,[{:?]$/.test(line.slice(0, end))) {
        without++;
      }
    }
  }
  return withSemi >= without;
}

function detectModule(src: Tokens, fallback?: 'esm' | 'commonjs'): 'esm' | 'commonjs' {
  const esm = src.codeMatches(/^[ \t]*(?:import\s*[\w${*'"]|export\s)/gm).length;
  const cjs = src.codeMatches(/\brequire\s*\(\s*['"]|\bmodule\.exports\b|^[ \t]*exports\.\w+\s*=/gm).length;
  if (esm === 0 && cjs === 0) {
    return fallback ?? 'esm';
  }
  return esm >= cjs ? 'esm' : 'commonjs';
}

/** Re-indents a template written with one tab per level to the file's indentation, on top of `base`. */
export function indentBlock(template: string, style: SourceStyle, base = ''): string {
  return template
    .split('\n')
    .map((line) => {
      if (line.trim() === '') {
        return '';
      }
      const m = /^\t*/.exec(line);
      const depth = m ? m[0].length : 0;
      return base + style.indent.repeat(depth) + line.slice(depth);
    })
    .join('\n');
}

/** Quotes a plain string (no escapes needed for the strings fixes write). */
export function q(style: SourceStyle, s: string): string {
  return style.quote + s + style.quote;
}

/** The statement terminator: `;` or nothing. */
export function semi(style: SourceStyle): string {
  return style.semicolons ? ';' : '';
}
