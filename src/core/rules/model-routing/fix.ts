/** model-routing: switch the model to Haiku 4.5 and leave a one-line comment saying why. */
import type { Finding } from '../../lint/types';
import { EditBuilder } from '../../fix/builder';
import type { FixFile } from '../../fix/file';
import type { FixAction } from '../../fix/types';
import type { ModelRoutingData } from './data';

export function modelRoutingFixes(file: FixFile, finding: Finding, data: ModelRoutingData): FixAction[] {
  const { src } = file;
  const text = file.text;
  const old = text.slice(data.model.start, data.model.end);
  const quote = /^['"`]/.test(old) ? (old[0] === '`' ? file.style.quote : old[0]) : file.style.quote;
  const literal = `${quote}${data.target}${quote}`;
  const b = new EditBuilder(file);
  b.replace(data.model.start, data.model.end, data.shorthand ? `model: ${literal}` : literal);
  // The comment goes on its own line above the line holding the model, at its indentation.
  const lineStart = src.lineStart(data.model.start);
  const indent = /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
  const mark = file.python ? '#' : '//';
  const was = /^['"`]/.test(old)
    ? data.modelId
    : `${old} (${data.namedFor ? `named for ${data.modelId}` : data.modelId})`;
  b.insert(lineStart, `${indent}${mark} Routed from ${was} by Headroom: ${data.reason}.\n`);
  return [
    {
      id: 'model-routing.haiku',
      title: `Switch to ${data.target} (classification-sized output)`,
      rule: finding.rule,
      isPreferred: true,
      // A different model can answer differently: never applied unattended.
      safeForFixAll: false,
      edits: b.build(),
    },
  ];
}
