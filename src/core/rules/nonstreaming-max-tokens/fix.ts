/**
 * nonstreaming-max-tokens: switch to streaming and take the final message (the same return
 * value; preferred, and the one Fix All applies), or lower `max_tokens` to what a
 * non-streaming call may ask for (21,333 with the SDK's default timeout, or the model's
 * maximum output): that cuts longer outputs off, so it is only ever an individual fix.
 */
import type { Finding } from '../../lint/types';
import type { NonstreamingMaxTokensData } from './data';
import { callInfo, jsChainEnd } from '../../fix/calls';
import { EditBuilder, reindent } from '../../fix/builder';
import { type FixFile } from '../../fix/file';
import { pyStatementEnd } from '../../fix/imports';
import type { FixAction } from '../../fix/types';

/** Writes `n` like the literal it replaces: with `_` separators if it had them. */
function formatLike(original: string, n: number): string {
  return original.includes('_') ? String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '_') : String(n);
}

export function nonstreamingMaxTokensFixes(
  file: FixFile,
  finding: Finding,
  data: NonstreamingMaxTokensData,
): FixAction[] {
  const capped = data.modelMaxOutput !== undefined && data.maxTokensValue > data.modelMaxOutput;
  const stream =
    data.reasons.includes('nonstreaming-guard') && data.call.method === 'create' && !capped
      ? file.python
        ? pyStream(file, data)
        : jsStream(file, data)
      : undefined;
  const out: FixAction[] = stream ? [{ ...stream, isPreferred: true }] : [];
  const bounds: number[] = [];
  if (data.reasons.includes('nonstreaming-guard')) {
    bounds.push(data.nonstreamingLimit);
  }
  if (data.reasons.includes('model-max-output') && data.modelMaxOutput) {
    bounds.push(data.modelMaxOutput);
  }
  const target = bounds.length ? Math.min(...bounds) : undefined;
  if (target !== undefined && target < data.maxTokensValue) {
    const original = file.text.slice(data.maxTokens.start, data.maxTokens.end);
    out.push({
      id: 'nonstreaming-max-tokens.lower',
      title: `Lower max_tokens to ${target.toLocaleString('en-US')}`,
      rule: finding.rule,
      isPreferred: !stream,
      safeForFixAll: false,
      edits: [
        { start: data.maxTokens.start, end: data.maxTokens.end, newText: formatLike(original, target) },
      ],
    });
  }
  return out;
}

/** `client.messages.create({...})` → `client.messages.stream({...}).finalMessage()`. */
function jsStream(file: FixFile, data: NonstreamingMaxTokensData): FixAction | undefined {
  const info = callInfo(file, data.call.call);
  if (!info || info.method !== 'create' || jsChainEnd(file, info.span.end).methods.length) {
    return undefined;
  }
  const params = data.call.params;
  if (
    params &&
    file.src.items(params.start).some((i) => /^['"]?stream['"]?\s*:/.test(file.text.slice(i.start, i.end)))
  ) {
    return undefined;
  }
  const name = file.src.prevCode(info.open);
  if (file.text.slice(name - 5, name + 1) !== 'create') {
    return undefined;
  }
  const b = new EditBuilder(file);
  b.replace(name - 5, name + 1, 'stream');
  const dot = file.src.prevCode(name - 5);
  if (file.text.slice(info.span.start, info.span.end).includes('\n') && file.text[dot] === '.') {
    // Laid out as Prettier breaks a member chain: `client.messages` / `.stream({…})` / `.finalMessage()`.
    const indent = file.src.indentAt(info.span.start) + file.style.indent;
    b.insert(dot, `\n${indent}`);
    reindent(b, dot, info.span.end, file.style.indent);
    b.insert(info.span.end, `\n${indent}.finalMessage()`);
  } else {
    b.insert(info.span.end, '.finalMessage()');
  }
  return {
    id: 'nonstreaming-max-tokens.stream',
    title: 'Stream the response (messages.stream + finalMessage())',
    rule: 'nonstreaming-max-tokens',
    isPreferred: false,
    safeForFixAll: true,
    edits: b.build(),
  };
}

/**
 * `msg = [await] client.messages.create(...)` →
 * `[async ]with client.messages.stream(...) as stream:` / `msg = [await ]stream.get_final_message()`.
 */
function pyStream(file: FixFile, data: NonstreamingMaxTokensData): FixAction | undefined {
  const { src } = file;
  const text = file.text;
  const info = callInfo(file, data.call.call);
  if (!info || info.method !== 'create') {
    return undefined;
  }
  if (src.items(info.open).some((i) => /^stream\s*=/.test(text.slice(i.start, i.end)))) {
    return undefined;
  }
  const start = src.lineStart(info.span.start);
  const m = /^([ \t]*)(?:([\w.]+(?:\s*:[^=\n]+)?)\s*=\s*|(return)\s+)?(await\s+)?$/.exec(
    text.slice(start, info.span.start),
  );
  const stmtEnd = pyStatementEnd(src, start);
  if (!m || !src.isBlank(info.span.end, stmtEnd) || text[stmtEnd] === ';') {
    return undefined;
  }
  const [, indent, target, ret, awaited] = m;
  const name = file.freshName('stream');
  const name0 = src.prevCode(info.open);
  if (text.slice(name0 - 5, name0 + 1) !== 'create') {
    return undefined;
  }
  const lhs = target ? `${target} = ` : ret ? 'return ' : '';
  const tail = text.slice(info.span.end, src.lineEnd(stmtEnd)).trim();
  const b = new EditBuilder(file);
  b.replace(start, info.span.start, `${indent}${awaited ? 'async ' : ''}with `);
  b.replace(name0 - 5, name0 + 1, 'stream');
  b.replace(
    info.span.end,
    src.lineEnd(stmtEnd),
    ` as ${name}:${tail ? `  ${tail}` : ''}\n${indent}${file.style.indent}${lhs}${awaited ? 'await ' : ''}${name}.get_final_message()`,
  );
  return {
    id: 'nonstreaming-max-tokens.stream',
    title: 'Stream the response (messages.stream + get_final_message())',
    rule: 'nonstreaming-max-tokens',
    isPreferred: false,
    safeForFixAll: true,
    edits: b.build(),
  };
}
