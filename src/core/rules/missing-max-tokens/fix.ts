/** missing-max-tokens: add `max_tokens` (setting `headroom.fix.maxTokens`, default 1024). */
import type { Finding } from '../../lint/types';
import type { MissingMaxTokensData } from './data';
import { EditBuilder, listInsert } from '../../fix/builder';
import { type FixFile } from '../../fix/file';
import type { FixAction } from '../../fix/types';

export function missingMaxTokensFixes(
  file: FixFile,
  finding: Finding,
  data: MissingMaxTokensData,
): FixAction[] {
  const { src } = file;
  const text = file.text;
  const n = file.ctx.settings.maxTokens;
  const entry = file.python ? (data.body ? `"max_tokens": ${n}` : `max_tokens=${n}`) : `max_tokens: ${n}`;
  // The bracket the engine says max_tokens belongs in, else the params object / argument list.
  let open = data.insertAt - 1;
  if (!'{('.includes(text[open] ?? '') || src.match(open) < 0) {
    open = (file.python ? data.call.args.start : (data.call.params ?? data.call.args).start) ?? -1;
  }
  const b = new EditBuilder(file);
  if (open >= 0 && '{('.includes(text[open]) && src.match(open) > open) {
    const items = src.items(open);
    if (items.some((i) => /^['"]?max_tokens['"]?\s*[:=]/.test(text.slice(i.start, i.end)))) {
      return [];
    }
    const model = items.findIndex((i) => /^['"]?model['"]?\s*[:=]/.test(text.slice(i.start, i.end)));
    const e = listInsert(src, open, [entry], model >= 0 ? model : 'first');
    b.replace(e.start, e.end, e.newText);
  } else {
    b.insert(data.insertAt, `${entry}, `);
  }
  return [
    {
      id: 'missing-max-tokens.add',
      title: `Add ${entry}`,
      rule: finding.rule,
      isPreferred: true,
      safeForFixAll: true,
      edits: b.build(),
    },
  ];
}
