/**
 * Quick fixes for Headroom's lint findings: pure text-edit generators (no `vscode`),
 * surfaced as code actions by the extension and applied by `headroom lint --fix`.
 */
import type { Finding } from '../lint/types';
import type { Node } from '../parse/treeSitter';
import { applyEdits } from './edits';
import { ruleById, ruleFixes } from '../rules';
import { FixFile } from './file';
import { fitToWidth } from './layout';
import { orphanRemovals } from './orphans';
import type { FixAction, FixContext } from './types';

export { applyEdits } from './edits';
export { unifiedDiff } from './diff';
export { projectDepsFor } from './project';
export { formatOptionsFor, type FormatOptions } from './formatConfig';
export {
  MeasurementBook,
  PLANNING_OUTPUT_TOKENS_PER_SECOND,
  sizeConcurrency,
  type CallShape,
  type ModelMeasurement,
  type Sizing,
} from './sizing';
export type { FixAction, FixContext, FixSettings, ProjectDeps, TextEdit } from './types';
export { DEFAULT_FIX_SETTINGS } from './types';

/**
 * The fixes for one finding, exactly one of them preferred when there is any; each removes
 * the declarations it leaves unused ({@link orphanRemovals}). Whether
 * Fix All may apply a fix (`safeForFixAll`) comes from the rule's declared `fixKinds`, the
 * one place fix safety is written down. Never throws: a generator that fails, or offers a
 * fix its rule does not declare, offers nothing (and `onError`, if given, hears why).
 */
export function fixesFor(finding: Finding, ctx: FixContext, onError?: (err: unknown) => void): FixAction[] {
  let actions: FixAction[];
  try {
    const kinds = ruleById(finding.rule).fixKinds;
    const file = new FixFile(ctx);
    actions = ruleFixes(file, finding).map((a) => {
      const kind = kinds.find((k) => k.id === a.id);
      if (!kind) {
        throw new Error(`${finding.rule} offered the undeclared fix ${a.id}`);
      }
      // What the fix leaves without a use (an import, a counter, a helper) goes with it.
      // Then its lines are kept within the project's print width.
      const edits = fitToWidth(file, [...a.edits, ...orphanRemovals(file, a.edits)]);
      return { ...a, edits, safeForFixAll: kind.safe };
    });
  } catch (err) {
    onError?.(err);
    return [];
  }
  actions = actions.filter((a) => a.edits.length > 0);
  const preferred = Math.max(
    0,
    actions.findIndex((a) => a.isPreferred),
  );
  return actions.map((a, i) => ({ ...a, isPreferred: i === preferred }));
}

/**
 * The most fixes `fixAll` applies to one text: far above any real file (each fix re-lints
 * the text), so it stops only a fix that keeps producing work; `complete` then says so.
 */
export const MAX_FIX_ALL = 1000;

/**
 * Lints a text and hands its findings and the root of the tree they were found on to
 * `use`, freeing the tree afterwards (`LintEngine.withTree`). `root` is null when the
 * text was not parsed (nothing in it to find).
 */
export type LintWithTree = <T>(text: string, use: (findings: Finding[], root: Node | null) => T) => T;

/**
 * The fix Fix All applies for a finding: the preferred one when it is safe, else the first
 * safe one; none when the rule offers no safe fix for it.
 */
export function fixAllChoice(actions: readonly FixAction[]): FixAction | undefined {
  return actions.find((a) => a.isPreferred && a.safeForFixAll) ?? actions.find((a) => a.safeForFixAll);
}

/**
 * Applies one safe fix of each finding ({@link fixAllChoice}), re-linting after
 * each one (offsets shift and helpers inserted by one fix are reused by the next), until no
 * safe fix is left. Each round's fixes read the tree that round's lint parsed. Bounded; a
 * fix that does not clear its finding is not applied twice. Returns the new text, the
 * titles of the fixes applied, in order, and whether it reached the point where no safe fix
 * is left (false only when it stopped at {@link MAX_FIX_ALL}).
 */
export function fixAll(
  text: string,
  ctx: Omit<FixContext, 'text' | 'root'>,
  lint: LintWithTree,
): { text: string; applied: string[]; complete: boolean } {
  let current = text;
  const applied: string[] = [];
  const tried = new Set<string>();
  for (let round = 0; round < MAX_FIX_ALL; round++) {
    const next = lint(current, (findings, root) => {
      if (!root) {
        return undefined;
      }
      const context: FixContext = { ...ctx, text: current, root };
      for (const finding of findings) {
        const action = fixAllChoice(fixesFor(finding, context));
        if (!action) {
          continue;
        }
        const key = `${action.id}\u0000${JSON.stringify(action.edits)}\u0000${current.length}`;
        if (tried.has(key)) {
          continue;
        }
        tried.add(key);
        const candidate = applyEdits(current, action.edits);
        if (candidate !== current) {
          applied.push(action.title);
          return candidate;
        }
      }
      return undefined;
    });
    if (next === undefined) {
      return { text: current, applied, complete: true };
    }
    current = next;
  }
  return { text: current, applied, complete: false };
}
