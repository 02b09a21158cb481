/**
 * hardcoded-api-key: read the key from the environment (`process.env.ANTHROPIC_API_KEY`,
 * `os.environ["ANTHROPIC_API_KEY"]`, adding `import os` when missing). A key embedded in a
 * longer string is replaced by an interpolation or a concatenation, keeping the rest.
 */
import type { Finding } from '../../lint/types';
import type { HardcodedApiKeyData } from './data';
import { EditBuilder } from '../../fix/builder';
import { type FixFile } from '../../fix/file';
import type { FixAction } from '../../fix/types';

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
    b.replace(literal.start, literal.end, jsx ? `{${env}}` : typedString ? `${env} ?? ${q}${q}` : env);
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
