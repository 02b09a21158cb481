/**
 * Quick fixes for Headroom's lint findings: pure text-edit generators (no `vscode`),
 * surfaced as code actions by the extension and applied by `headroom lint --fix`.
 */
import type { Finding } from '../lint/types';
import type { Node } from '../parse/treeSitter';
import { applyEdits, editsTouch } from './edits';
import { ruleById, ruleFixes } from '../rules';
import { FixFile } from './file';
import { fitToWidth } from './layout';
import { orphanRemovals } from './orphans';
import type { FixAction, FixContext } from './types';

export { applyEdits } from './edits';
export { unifiedDiff } from './diff';
export { PROJECT_FILE_NAMES, projectDepsFor } from './project';
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
 * The most rounds `fixAll` runs on one text: far above any real file (each round re-lints
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

/** Node types of a call, in the grammars Headroom lints (JS/TS and Python). */
const CALL_TYPES = new Set(['call_expression', 'new_expression', 'call']);

/**
 * A fix that only inserts text inside the call its finding is on (`max_tokens` added to
 * the arguments): it deletes nothing, so it can orphan nothing, and it declares nothing
 * outside the call, so fixes of this kind at separate calls can be applied together in one
 * round.
 */
function insertsOnlyInItsCall(action: FixAction, finding: Finding, root: Node): boolean {
  let call: Node | null = root.descendantForIndex(finding.start, finding.end);
  while (call && !CALL_TYPES.has(call.type)) call = call.parent;
  if (!call) return false;
  const { startIndex, endIndex } = call;
  return action.edits.every((e) => e.start === e.end && e.start > startIndex && e.start < endIndex);
}

/**
 * Applies one safe fix of each finding ({@link fixAllChoice}), re-linting after each round
 * (offsets shift and helpers inserted by one fix are reused by the next), until no safe fix
 * is left. A round applies either every fix that only inserts at its own site (none
 * touching another: like ESLint's fix passes, so a file with hundreds of such findings
 * costs a few lints, not one per finding) or else the first other fix alone. Each round's
 * fixes read the tree that round's lint parsed. Bounded; a fix that does not clear its
 * finding is not applied twice. Returns the new text, the titles of the fixes applied, in
 * order, and whether it reached the point where no safe fix is left (false only when it
 * stopped at {@link MAX_FIX_ALL} rounds).
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
      const batch: FixAction[] = [];
      for (const finding of findings) {
        const action = fixAllChoice(fixesFor(finding, context));
        if (!action) {
          continue;
        }
        const key = `${action.id}\u0000${JSON.stringify(action.edits)}\u0000${current.length}`;
        if (tried.has(key)) {
          continue;
        }
        if (insertsOnlyInItsCall(action, finding, root)) {
          if (batch.some((b) => editsTouch(b.edits, action.edits))) {
            continue; // the next round, on the re-linted text
          }
          tried.add(key);
          batch.push(action);
          continue;
        }
        if (batch.length > 0) {
          continue; // applied alone, in a later round
        }
        tried.add(key);
        const candidate = applyEdits(current, action.edits);
        if (candidate !== current) {
          applied.push(action.title);
          return candidate;
        }
      }
      if (batch.length === 0) {
        return undefined;
      }
      const candidate = applyEdits(
        current,
        batch.flatMap((a) => a.edits),
      );
      if (candidate === current) {
        return undefined;
      }
      applied.push(...batch.map((a) => a.title));
      return candidate;
    });
    if (next === undefined) {
      return { text: current, applied, complete: true };
    }
    current = next;
  }
  return { text: current, applied, complete: false };
}
