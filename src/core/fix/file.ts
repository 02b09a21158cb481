import type { Node } from '../parse/treeSitter';
import { type ImportBlock, type JsImport, type PyImport, jsImports, pyImports } from './imports';
import { type SourceStyle, detectStyle } from './style';
import type { Span } from '../parse/span';
import { Tokens } from './tokens';
import type { FixContext } from './types';

/** The SDK module of the TypeScript/JavaScript SDK. */
export const JS_SDK = '@anthropic-ai/sdk';

/** What is read once per parsed text and shared by every fix request on it. */
interface Analysis {
  tokens: Tokens;
  styles: Map<string, SourceStyle>;
  js?: ImportBlock<JsImport>;
  py?: ImportBlock<PyImport>;
  statements?: Span[];
}

/** The analyses of the last few texts (an editor asks for fixes of one version many times). */
const recent: Analysis[] = [];
const RECENT = 4;

function analysisFor(ctx: FixContext, python: boolean): Analysis {
  const i = recent.findIndex((a) => a.tokens.python === python && a.tokens.text === ctx.text);
  if (i >= 0) {
    const [hit] = recent.splice(i, 1);
    recent.unshift(hit);
    return hit;
  }
  const fresh: Analysis = { tokens: new Tokens(ctx.text, python, ctx.root), styles: new Map() };
  recent.unshift(fresh);
  recent.length = Math.min(recent.length, RECENT);
  return fresh;
}

/**
 * A file being fixed: the parsed tree the finding came from, its tokens, style and
 * imports (read once per text and reused while the text does not change).
 */
export class FixFile {
  readonly src: Tokens;
  readonly style: SourceStyle;
  readonly python: boolean;
  /** TypeScript (type annotations allowed). */
  readonly ts: boolean;
  private readonly analysis: Analysis;

  constructor(readonly ctx: FixContext) {
    this.python = ctx.language === 'python';
    this.ts = ctx.language === 'typescript' || ctx.language === 'typescriptreact';
    this.analysis = analysisFor(ctx, this.python);
    this.src = this.analysis.tokens;
    const styleKey = `${ctx.projectDeps.moduleStyle ?? ''}${JSON.stringify(ctx.projectDeps.format ?? {})}`;
    let style = this.analysis.styles.get(styleKey);
    if (!style) {
      style = detectStyle(this.src, ctx.projectDeps.moduleStyle, ctx.projectDeps.format);
      this.analysis.styles.set(styleKey, style);
    }
    this.style = style;
  }

  get text(): string {
    return this.src.text;
  }

  /** The root of the syntax tree of `text` (the one the finding was made on). */
  get root(): Node {
    return this.ctx.root;
  }

  get js(): ImportBlock<JsImport> {
    this.analysis.js ??= jsImports(this.src, this.root);
    return this.analysis.js;
  }

  get py(): ImportBlock<PyImport> {
    this.analysis.py ??= pyImports(this.src, this.root);
    return this.analysis.py;
  }

  /** A name not yet used in the file: `base`, else `base2`, `base3`, ... */
  freshName(base: string): string {
    if (!this.src.usesWord(base)) {
      return base;
    }
    for (let i = 2; ; i++) {
      if (!this.src.usesWord(`${base}${i}`)) {
        return `${base}${i}`;
      }
    }
  }

  /** The top-level statements (a decorated Python definition also as its definition), from the tree. */
  get statements(): readonly Span[] {
    if (!this.analysis.statements) {
      const out: Span[] = [];
      const root = this.root;
      for (let i = 0; i < root.namedChildCount; i++) {
        const node = root.namedChild(i);
        if (!node || node.type === 'comment') {
          continue;
        }
        out.push({ start: node.startIndex, end: node.endIndex });
        const definition = node.type === 'decorated_definition' ? node.childForFieldName('definition') : null;
        if (definition) {
          out.push({ start: definition.startIndex, end: definition.endIndex });
        }
      }
      this.analysis.statements = out;
    }
    return this.analysis.statements;
  }

  /** The top-level statements that begin with a match of `header`, with the match. */
  topLevelMatches(header: RegExp): Array<{ span: Span; match: RegExpExecArray }> {
    const sticky = new RegExp(header.source, header.flags.replace(/[gy]/g, '') + 'y');
    const out: Array<{ span: Span; match: RegExpExecArray }> = [];
    for (const span of this.statements) {
      sticky.lastIndex = span.start;
      const match = sticky.exec(this.text);
      if (match) {
        out.push({ span, match });
      }
    }
    return out;
  }

  /**
   * The span of the first top-level declaration that begins with `header`, from its line
   * start: JS through the brace closing the body the header opens; Python the whole statement.
   */
  topLevelBlock(header: RegExp): Span | undefined {
    for (const { span, match } of this.topLevelMatches(header)) {
      if (this.python) {
        return span;
      }
      const brace = this.text.indexOf('{', span.start + match[0].length - 1);
      const close = this.src.match(brace);
      if (brace >= 0 && close > 0) {
        return { start: this.src.lineStart(span.start), end: close + 1 };
      }
    }
    return undefined;
  }
}
