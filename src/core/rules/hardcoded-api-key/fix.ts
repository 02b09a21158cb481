/**
 * hardcoded-api-key: read the key from the environment (`process.env.ANTHROPIC_API_KEY`,
 * `os.environ["ANTHROPIC_API_KEY"]`, adding `import os` when missing). A key embedded in a
 * longer string is replaced by an interpolation or a concatenation, keeping the rest.
 */
import type { Finding } from '../../lint/types';
import type { HardcodedApiKeyData } from './data';
import { EditBuilder } from '../../fix/builder';
import { type FixFile } from '../../fix/file';
import type { FixAction, TextEdit } from '../../fix/types';
import type { Node } from '../../parse/treeSitter';
import type { Span } from '../../parse/span';
import { columns } from '../../fix/style';

export function hardcodedApiKeyFixes(
  file: FixFile,
  finding: Finding,
  data: HardcodedApiKeyData,
): FixAction[] {
  const text = file.text;
  const { literal, key } = data;
  const lit = text.slice(literal.start, literal.end);
  const m = file.python ? /^([rRbBuUfF]{0,2})('''|"""|'|")/.exec(lit) : /^(`|'|")/.exec(lit);
  if (!m) {
    return [];
  }
  const prefix = file.python ? m[1] : '';
  const quote = file.python ? m[2] : m[1];
  if (
    /b/i.test(prefix) ||
    !lit.endsWith(quote) ||
    key.start < literal.start + prefix.length + quote.length ||
    key.end > literal.end - quote.length
  ) {
    return [];
  }
  const b = new EditBuilder(file);
  const envVar = data.envVar;
  const q = file.style.quote;
  const env = file.python ? `${b.pyModule('os')}.environ[${q}${envVar}${q}]` : `process.env.${envVar}`;
  const innerStart = literal.start + prefix.length + quote.length;
  const innerEnd = literal.end - quote.length;
  if (key.start === innerStart && key.end === innerEnd) {
    // A JSX attribute (`apiKey="sk-ant-..."`) takes an expression in braces.
    const before = text.slice(Math.max(0, literal.start - 80), literal.start);
    const attr = /(?:^|[\s<])([A-Za-z_$][\w$-]*)=$/.exec(before);
    const jsx =
      (file.ctx.language === 'javascriptreact' || file.ctx.language === 'typescriptreact') &&
      quote !== '`' &&
      !!attr &&
      !/(?:const|let|var|export)\s+[\w$-]*=$/.test(before);
    // `const key: string = '...'`: the env var may be undefined; keep the declared type.
    const typedString = file.ts && /:\s*string\s*=\s*$/.test(before);
    const value = jsx ? `{${env}}` : typedString ? `${env} ?? ${q}${q}` : env;
    const relaid = jsx || file.python ? undefined : relayAssignment(file, literal, value);
    if (relaid) {
      b.replace(relaid.start, relaid.end, relaid.newText);
    } else {
      b.replace(literal.start, literal.end, value);
    }
  } else if (quote === '`') {
    b.replace(key.start, key.end, `\${${env}}`);
  } else if (/f/i.test(prefix)) {
    const other = quote.includes('"') ? "'" : '"';
    b.replace(key.start, key.end, `{${env.replace(new RegExp(q, 'g'), other)}}`);
  } else {
    // 'before' + env + 'after', keeping the literal's prefix and quotes for both parts.
    const parts: string[] = [];
    if (key.start > innerStart) {
      parts.push(`${prefix}${quote}${text.slice(innerStart, key.start)}${quote}`);
    }
    parts.push(env);
    if (key.end < innerEnd) {
      parts.push(`${prefix}${quote}${text.slice(key.end, innerEnd)}${quote}`);
    }
    const after = text[file.src.nextCode(literal.end)] ?? '';
    const before = text[file.src.prevCode(literal.start)] ?? '';
    const joined = parts.join(' + ');
    const wrap = /[.[(]/.test(after) || /[*/%]/.test(before) || (file.python && /[%]/.test(after));
    b.replace(literal.start, literal.end, wrap ? `(${joined})` : joined);
  }
  return [
    {
      id: 'hardcoded-api-key.env',
      title: `Read the key from ${file.python ? `os.environ[${q}${envVar}${q}]` : `process.env.${envVar}`}`,
      rule: finding.rule,
      isPreferred: true,
      safeForFixAll: false,
      edits: b.build(),
    },
  ];
}

/** Expressions that lay out on one line once their operands are short: `a || b`, `x.y`, a literal. */
const FLAT = new Set([
  'binary_expression',
  'member_expression',
  'identifier',
  'string',
  'parenthesized_expression',
]);

function flat(node: Node): boolean {
  return (
    FLAT.has(node.type) &&
    node.namedChildren.every(
      (c) => !c || c.type === 'string_fragment' || c.type === 'property_identifier' || flat(c),
    )
  );
}

/**
 * A long key pushed the value of an assignment, declaration or property onto lines of its
 * own (`apiKey:\n    'sk-ant-…'`, `KEY =\n  a ||\n  'sk-ant-…'`); with the short env read in
 * its place, Prettier joins it again: on the line of the `=` / `:` when it fits the print
 * width, else on one line of its own below. The edit replacing the value laid out so, or
 * undefined when the layout is left as it is (width unknown, comments, no such value).
 */
function relayAssignment(file: FixFile, literal: Span, value: string): TextEdit | undefined {
  const width = file.style.printWidth;
  const { src } = file;
  const text = file.text;
  let rhs = file.root.descendantForIndex(literal.start, literal.end);
  while (rhs && rhs.parent && ['binary_expression', 'parenthesized_expression'].includes(rhs.parent.type)) {
    rhs = rhs.parent;
  }
  const holder = rhs?.parent;
  const op = rhs?.previousSibling;
  if (
    width === undefined ||
    !rhs ||
    !holder ||
    !op ||
    !['variable_declarator', 'assignment_expression', 'pair'].includes(holder.type) ||
    !['=', ':'].includes(op.type) ||
    !flat(rhs) ||
    !text.slice(op.endIndex, rhs.endIndex).includes('\n') ||
    src.codeText(op.endIndex, rhs.endIndex) !== text.slice(op.endIndex, rhs.endIndex)
  ) {
    return undefined;
  }
  const joined = (
    text.slice(rhs.startIndex, literal.start) +
    value +
    text.slice(literal.end, rhs.endIndex)
  ).replace(/\s*\n\s*/g, ' ');
  const lineEnd = src.lineEnd(rhs.endIndex);
  // What follows on the value's last line (`;`, `,`), without a trailing comment: Prettier
  // does not count it.
  const rest = text.slice(rhs.endIndex, lineEnd).replace(/\s*\/\/.*$/, '');
  const head = text.slice(src.lineStart(op.startIndex), op.endIndex);
  const fits = (line: string): boolean => columns(line, file.style.tabWidth) <= width;
  if (fits(`${head} ${joined}${rest}`)) {
    return { start: op.endIndex, end: rhs.endIndex, newText: ` ${joined}` };
  }
  const indent = src.indentAt(op.startIndex) + file.style.indent;
  if (fits(`${indent}${joined}${rest}`)) {
    return { start: op.endIndex, end: rhs.endIndex, newText: `\n${indent}${joined}` };
  }
  return undefined;
}
