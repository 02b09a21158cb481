import type { Node } from '../../parse/treeSitter';
import type { FileContext } from '../../lint/context';
import { lang, type Report } from '../rule';
import type { HardcodedApiKeyData } from './data';
import { up, kind, endOf } from '../../lint/syntax';

/**
 * The Anthropic key format: `sk-ant-<kind><2 digits>-<secret>` (api03, admin01, oat01, ...)
 * with a long secret (real keys have 90+ characters; 80 leaves room for truncation).
 */
export const KEY = /sk-ant-[a-z]+\d{2}-[A-Za-z0-9_-]{80,}/g;
/** A run of one placeholder character is not a key (`sk-ant-api03-xxxx...`). */
export const PLACEHOLDER = /-(?:x+|X+|0+|_+|-+)(?:AA)?$/;

/**
 * `hardcoded-api-key`: an Anthropic API key in the source: in a string literal (most often), a
 * comment or alone in the code (a key pasted into a notebook cell). The message never
 * repeats the key; the data carries only its offsets.
 */
export function detect(ctx: FileContext, report: Report<HardcodedApiKeyData>): void {
  for (const m of ctx.scan(KEY)) {
    if (PLACEHOLDER.test(m[0])) {
      continue;
    }
    // A key outside any string (pasted alone into a cell, or in a comment) is committed all the
    // same; it has no fix (nothing to read the environment variable into).
    const literal = literalAt(ctx, m.index);
    const bare = literal
      ? ''
      : ctx.inCommentOrString(m.index)
        ? ' It sits in a comment.'
        : ' It stands alone in the code, outside any string.';
    const context = literal ? keyContext(ctx, literal) : 'other';
    const replacement = ctx.python ? 'os.environ["ANTHROPIC_API_KEY"]' : 'process.env.ANTHROPIC_API_KEY';
    report({
      start: m.index,
      end: m.index + m[0].length,
      message:
        'An Anthropic API key is in the source: revoke it in the Console and read ANTHROPIC_API_KEY instead.' +
        `${bare} Anyone who can read this file or its history can spend against your rate limits and bill, and a ` +
        `leaked key gets revoked. Use ${replacement} (the SDK reads ANTHROPIC_API_KEY by default).`,
      data: {
        rule: 'hardcoded-api-key',
        language: lang(ctx),
        literal: literal
          ? { start: literal.startIndex, end: endOf(literal) }
          : { start: m.index, end: m.index + m[0].length },
        key: { start: m.index, end: m.index + m[0].length },
        context,
        envVar: 'ANTHROPIC_API_KEY',
        replacement,
      },
    });
  }
}

const LITERAL_PARTS = new Set(['string_fragment', 'string_content', 'escape_sequence']);
const LITERALS = new Set(['string', 'template_string']);

function literalAt(ctx: FileContext, offset: number): Node | null {
  let n = ctx.nodeAt(offset);
  while (n && LITERAL_PARTS.has(kind(n))) {
    n = up(n);
  }
  return n && LITERALS.has(kind(n)) ? n : null;
}

function keyContext(ctx: FileContext, literal: Node): HardcodedApiKeyData['context'] {
  let n: Node = literal;
  for (
    let p = up(n);
    p && (kind(p) === 'parenthesized_expression' || kind(p) === 'concatenated_string');
    p = up(n)
  ) {
    n = p;
  }
  const parent = up(n);
  if (!parent) {
    return 'other';
  }
  if (kind(parent) === 'pair' || kind(parent) === 'keyword_argument') {
    const key = parent.childForFieldName('key') ?? parent.childForFieldName('name');
    return /^['"]?(?:apiKey|api_key|authToken|auth_token)['"]?$/.test(ctx.textOf(key))
      ? 'api-key-option'
      : 'other';
  }
  if (kind(parent) === 'jsx_attribute') {
    return 'other';
  }
  if (
    [
      'variable_declarator',
      'assignment',
      'assignment_expression',
      'public_field_definition',
      'field_definition',
    ].includes(kind(parent))
  ) {
    return 'assignment';
  }
  return 'other';
}
