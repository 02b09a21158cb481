import type { LineIndex } from '../parse/lineIndex';
import type { Node } from '../parse/treeSitter';
import { isRuleId, type RuleId } from '../rules';
import { kind, endOf } from './syntax';

/**
 * Suppression comments:
 * - JS/TS (and Python): `// headroom-ignore-next-line [rule-id[, rule-id]]` on the line above,
 *   `// headroom-ignore-line [ids]` at the end of the line itself.
 * - Python: `# headroom: ignore[rule-id, rule-id]` (or bare `# headroom: ignore`) on the line itself.
 * - File level: `// headroom-ignore-file [ids]` and `# headroom: ignore-file[ids]`.
 * No rule id means every rule. Unknown ids are ignored (a typo never silences everything).
 */
export interface Suppressions {
  /** Rules suppressed for the whole file; 'all' for every rule. */
  file: Set<RuleId> | 'all' | null;
  /** Zero-based line -> rules suppressed on it. */
  lines: Map<number, Set<RuleId> | 'all'>;
}

const DIRECTIVE =
  /headroom-ignore-(next-line|line|file)\b([^\n]*)|headroom:\s*ignore(-file)?\b(?:\s*\[([^\]\n]*)\])?/g;

/** Reads suppression comments. `nodeAt` confirms a match is inside a comment. */
export function parseSuppressions(
  text: string,
  lines: LineIndex,
  nodeAt: (offset: number) => Node | null,
): Suppressions {
  const result: Suppressions = { file: null, lines: new Map() };
  if (!text.includes('headroom')) {
    return result;
  }
  DIRECTIVE.lastIndex = 0;
  for (let m = DIRECTIVE.exec(text); m; m = DIRECTIVE.exec(text)) {
    const comment = nodeAt(m.index);
    if (!comment || kind(comment) !== 'comment') {
      continue;
    }
    let form: 'next-line' | 'line' | 'file';
    let list: string | undefined;
    if (m[1]) {
      form = m[1] as 'next-line' | 'line' | 'file';
      list = m[2];
    } else {
      form = m[3] ? 'file' : 'line';
      list = m[4];
    }
    const rules = parseRuleList(list);
    if (rules === null) {
      continue;
    }
    if (form === 'file') {
      result.file = merge(result.file, rules);
    } else {
      const line = form === 'next-line' ? lines.lineAt(endOf(comment)) + 1 : lines.lineAt(comment.startIndex);
      result.lines.set(line, merge(result.lines.get(line) ?? null, rules));
    }
  }
  return result;
}

/** 'all' for an empty list; the known ids otherwise; null when ids were given but none is known. */
function parseRuleList(raw: string | undefined): Set<RuleId> | 'all' | null {
  const cleaned = (raw ?? '')
    .replace(/\*\/.*$/, '')
    .replace(/\s--\s.*$/, '')
    .replace(/[[\]]/g, ' ');
  const tokens = cleaned.split(/[\s,]+/).filter(Boolean);
  if (tokens.length === 0) {
    return 'all';
  }
  const ids = new Set<RuleId>();
  for (const token of tokens) {
    if (isRuleId(token)) {
      ids.add(token);
    }
  }
  return ids.size > 0 ? ids : null;
}

function merge(a: Set<RuleId> | 'all' | null, b: Set<RuleId> | 'all'): Set<RuleId> | 'all' {
  if (a === 'all' || b === 'all') {
    return 'all';
  }
  return new Set([...(a ?? []), ...b]);
}

/** Whether a finding of `rule` starting on zero-based `line` is suppressed. */
export function isSuppressed(s: Suppressions, rule: RuleId, line: number): boolean {
  if (s.file === 'all' || s.file?.has(rule)) {
    return true;
  }
  const onLine = s.lines.get(line);
  return onLine === 'all' || (onLine !== undefined && onLine.has(rule));
}
