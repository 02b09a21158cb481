/**
 * uncached-prompt: mark the constant prefix cacheable. A string system prompt becomes a
 * one-block array whose block carries `cache_control: { type: 'ephemeral' }`; a block list
 * or a tool list gets it on its last object (the breakpoint caches everything before it).
 */
import type { Finding } from '../../lint/types';
import { EditBuilder } from '../../fix/builder';
import type { FixFile } from '../../fix/file';
import type { FixAction } from '../../fix/types';
import type { UncachedPromptData } from './data';

export function uncachedPromptFixes(file: FixFile, finding: Finding, data: UncachedPromptData): FixAction[] {
  const text = file.text;
  const q = file.style.quote;
  const b = new EditBuilder(file);
  const t = data.target;
  if (t.kind === 'advice-only') {
    return [];
  }
  let title: string;
  if (t.kind === 'system-string' || t.kind === 'message-content') {
    const value = text.slice(t.value.start, t.value.end);
    const block = file.python
      ? `[{"type": "text", "text": ${value}, "cache_control": {"type": "ephemeral"}}]`
      : `[{ type: ${q}text${q}, text: ${value}, cache_control: { type: ${q}ephemeral${q} } }]`;
    b.replace(
      t.value.start,
      t.value.end,
      t.kind === 'system-string' && t.shorthand ? `system: ${block}` : block,
    );
    title =
      t.kind === 'system-string'
        ? 'Cache the system prompt (cache_control on a system block)'
        : 'Cache the opening turns (cache_control on the last constant turn)';
  } else {
    // Before the object's closing brace, after its last entry (a trailing comma kept as is).
    const close = t.block.end - 1;
    let at = close;
    while (at > t.block.start && /\s/.test(text[at - 1])) {
      at--;
    }
    const trailingComma = text[at - 1] === ',';
    const empty = text[at - 1] === '{';
    // A module-level constant is not typed by the call: keep the literal type in TypeScript.
    const ephemeral = file.ts && !t.inCall ? `${q}ephemeral${q} as const` : `${q}ephemeral${q}`;
    const entry = file.python
      ? `"cache_control": {"type": "ephemeral"}`
      : `cache_control: { type: ${ephemeral} }`;
    const multiline = text.slice(t.block.start, close).includes('\n');
    if (multiline) {
      const indent = /^[ \t]*/.exec(text.slice(file.src.lineStart(at - 1)))?.[0] ?? '';
      b.insert(at, `${trailingComma || empty ? '' : ','}\n${indent}${entry}${trailingComma ? ',' : ''}`);
    } else {
      b.insert(at, `${trailingComma || empty ? ' ' : ', '}${entry}`);
    }
    title =
      t.what === 'tools'
        ? 'Cache the tool definitions (cache_control on the last tool)'
        : 'Cache the system prompt (cache_control on its last block)';
  }
  return [
    {
      id: 'uncached-prompt.cache-control',
      title,
      rule: finding.rule,
      isPreferred: true,
      // A cache write costs 1.25× the input price: worth it only if the prefix is reused
      // within the cache's lifetime, which the user decides.
      safeForFixAll: false,
      edits: b.build(),
    },
  ];
}
